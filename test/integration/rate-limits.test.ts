import { describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

describe("rate limits", () => {
  const stack = useLocalStack({ autoPoll: false, rateLimits: { shopPerMinute: 5, ipPerMinute: 3 } });

  it("answers 429 with Retry-After once a shop exceeds its limit, and leaves other shops alone", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (
          await http(`${stack().url}/v1/messages`, {
            token: stack().apiKey,
            body: shopperMessage("hello", { market: "SG" }),
          })
        ).status,
      );
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await http<{ error: { code: string } }>(`${stack().url}/v1/messages`, {
      token: stack().apiKey,
      body: shopperMessage("hello", { market: "SG" }),
    });
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

    const otherKey = "sk_test_rate_limit_other_shop_000";
    await stack().deps.shops.putShop(
      { id: ShopId("calm-shop.myshopify.com"), name: "Calm", markets: ["SG"] },
      otherKey,
    );
    expect(
      (
        await http(`${stack().url}/v1/messages`, {
          token: otherKey,
          body: shopperMessage("hello", { market: "SG" }),
        })
      ).status,
    ).toBe(200);
  });

  it("limits webhook senders by address, before any signature work", async () => {
    const post = (ip: string) =>
      fetch(`${stack().url}/webhooks/lazada`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: "{}",
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post("203.0.113.9")).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await post("198.51.100.7")).status).toBe(401);
  });
});
