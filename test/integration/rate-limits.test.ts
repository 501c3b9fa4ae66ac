import { request as httpRequest } from "node:http";
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";
import { describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { createApp } from "../../functions/http/create-app";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

/** A request sent from a given loopback address (127.0.0.2 is another host as far as the socket tells). */
function from(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: init.method ?? "GET", headers: init.headers, localAddress },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** What API Gateway (HTTP API, payload 2.0) hands Lambda for a POST from `sourceIp`. */
function lambdaEvent(path: string, sourceIp: string, headers: Record<string, string>): LambdaEvent {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { host: "api.example.com", "content-type": "application/json", ...headers },
    body: "{}",
    isBase64Encoded: false,
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      authentication: null,
      authorizer: {},
      domainName: "api.example.com",
      domainPrefix: "api",
      requestId: "r",
      routeKey: "$default",
      stage: "$default",
      time: "",
      timeEpoch: 0,
      http: { method: "POST", path, protocol: "HTTP/1.1", sourceIp, userAgent: "test" },
    },
  };
}

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

  it("limits webhook senders by the connection's address, before any signature work, whatever X-Forwarded-For says", async () => {
    // The client writes X-Forwarded-For: a fresh value on each request must not buy a fresh allowance.
    const post = (localAddress: string, forwardedFor: string) =>
      from(localAddress, `${stack().url}/webhooks/lazada`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
        body: "{}",
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post("127.0.0.3", `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await post("127.0.0.4", "203.0.113.0")).status).toBe(401);
  });

  it("on Lambda, counts API Gateway's sourceIp and never the X-Forwarded-For the client sent", async () => {
    const lambda = handle(createApp(stack().deps));
    const post = async (sourceIp: string, forwardedFor: string) =>
      (
        (await lambda(
          lambdaEvent("/webhooks/tiktok", sourceIp, { "x-forwarded-for": forwardedFor }),
          {} as LambdaContext,
        )) as { statusCode: number }
      ).statusCode;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post("198.51.100.7", `203.0.113.${i}, 10.0.0.1`));
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await post("198.51.100.8", "198.51.100.7")).toBe(401);
  });
});

describe("failed authentication, per address", () => {
  let now = Date.parse("2026-03-01T00:00:00Z");
  const stack = useLocalStack({
    autoPoll: false,
    rateLimits: { shopPerMinute: 0, ipPerMinute: 0, authFailuresPerMinute: 3 },
    overrides: { clock: { now: () => new Date(now) } },
  });
  const shopApi = (localAddress: string, key: string) =>
    from(localAddress, `${stack().url}/v1/settings`, { headers: { authorization: `Bearer ${key}` } });

  it("answers 429 with Retry-After once an address has guessed API keys too often, even with the right key", async () => {
    const guesses = [];
    for (let i = 0; i < 3; i++)
      guesses.push((await shopApi("127.0.0.5", `sk_guess_${i}_000000000000`)).status);
    expect(guesses).toEqual([401, 401, 401]);
    const refused = await shopApi("127.0.0.5", stack().apiKey);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not held back by this one's guesses.
    expect((await shopApi("127.0.0.6", stack().apiKey)).status).toBe(200);
    // A minute later the allowance has refilled (the clock moves; nobody sleeps).
    now += 60_000;
    expect((await shopApi("127.0.0.5", stack().apiKey)).status).toBe(200);
  });

  it("counts forged agent tokens the same way", async () => {
    const inbox = (token: string) =>
      from("127.0.0.7", `${stack().url}/v1/inbox?region=sea`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await inbox(`eyJhbGciOiJIUzI1NiJ9.e30.forged${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await inbox(stack().agentTokens.sea)).status).toBe(429);
  });

  it("counts wrong sign-ins and forged session cookies on the inbox page, and says so in the page's language", async () => {
    const signIn = (credential: string) =>
      from("127.0.0.8", `${stack().url}/inbox/sign-in`, {
        method: "POST",
        headers: { origin: stack().url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ kind: "seller", credential }).toString(),
      });
    expect((await signIn("sk_wrong_guess_0000000000")).status).toBe(401);
    expect((await signIn("sk_wrong_guess_0000000001")).status).toBe(401);
    const forged = await from("127.0.0.8", `${stack().url}/inbox`, {
      headers: { cookie: `inbox_session=seller.${"A".repeat(43)}.sk_guess` },
    });
    expect(forged.status).toBe(303);
    const refused = await from("127.0.0.8", `${stack().url}/inbox/sign-in`, {
      headers: { "accept-language": "th" },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBeDefined();
    expect(refused.body).toContain("กรุณารอสักครู่แล้วลองอีกครั้ง");
  });
});
