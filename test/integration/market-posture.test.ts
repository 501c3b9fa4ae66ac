import { describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { MARKET_CODES } from "../../functions/domain/markets";
import { DEMO_LOOKUP_KEYS, DEMO_ORDERS } from "../../functions/local/demo-data";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type Response = { status: string; reply: { text: string } | null; escalation: { reason: string } | null };
const SELLER_KEY = "sk_test_ai_first_everywhere_000000";

describe("market posture and the seller's overrides (R8)", () => {
  const stack = useLocalStack({ autoPoll: false });
  const send = (token: string, body: unknown) =>
    http<Response>(`${stack().url}/v1/messages`, { token, body });

  it("routes a cautious market's answer beyond a status answer to a person, with the AI's draft", async () => {
    const { body } = await send(
      stack().apiKey,
      shopperMessage("注文#1003をキャンセルしたいです", { market: "JP" }),
    );
    expect(body.status).toBe("pending_human");
    expect(body.escalation?.reason).toBe("needs_review");
  });

  it("lets the AI answer the same question where the seller set the market to ai-first", async () => {
    const shopId = ShopId("ai-first-seller.myshopify.com");
    await stack().deps.shops.putShop(
      {
        id: shopId,
        name: "AI-first seller",
        markets: [...MARKET_CODES],
        marketOverrides: { JP: { posture: "ai-first" } },
      },
      SELLER_KEY,
    );
    for (const order of DEMO_ORDERS) await stack().deps.orders.putOrder(shopId, order, DEMO_LOOKUP_KEYS);
    const { body } = await send(
      SELLER_KEY,
      shopperMessage("注文#1003をキャンセルしたいです", { market: "JP" }),
    );
    expect(body.status).toBe("ai");
    expect(body.reply?.text).toContain("#1003");
  });

  it("offers a person in a hybrid market's first reply", async () => {
    const { body } = await send(stack().apiKey, shopperMessage("where is my order #1001?", { market: "SG" }));
    expect(body.reply?.text).toContain("talk to a person, just say so");
  });
});
