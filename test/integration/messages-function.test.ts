/**
 * The shopper-message function (functions/handlers/messages.ts) that API Gateway sends POST /v1/messages to: its own
 * composition root (config/message-deps.ts) over the real emulators and the local Shopify, answering as the API
 * function answers the same route, over the same table.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMessageDeps } from "../../functions/config/message-deps";
import { createApiApp } from "../../functions/http/create-api-app";
import { createMessagesApp } from "../../functions/http/create-messages-app";
import { LOCAL_DEFAULTS, type LocalStack } from "../../functions/local/stack";
import { fakeOrder } from "../support/fake-shopify";
import { installShop } from "../support/shopify-signing";
import { startStackWithShopify } from "../support/shopify-stack";

const SHOP = "messages-fn.myshopify.com";
const SECRET = LOCAL_DEFAULTS.shopifyApiSecret;
const ORIGIN = "https://api.example";

type Answer = { conversationId: string; reply: { text: string } | null; error?: { code: string } };

describe("the shopper-message function", () => {
  let fake: Awaited<ReturnType<typeof startStackWithShopify>>["fake"];
  let stack: LocalStack;
  let apiKey = "";
  let messages: ReturnType<typeof createMessagesApp>;
  let api: ReturnType<typeof createApiApp>;
  let n = 0;

  beforeAll(async () => {
    ({ fake, stack } = await startStackWithShopify());
    apiKey = await installShop(stack.url, SECRET, SHOP, fake.issueCode);
    await stack.poller.drain();
    messages = createMessagesApp(await buildMessageDeps(stack.env));
    api = createApiApp(stack.deps);
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
  });

  const message = (text: string, extra: Record<string, unknown> = {}) => ({
    channel: "api",
    conversationId: `fn-${++n}`,
    messageId: `fn-${n}-1`,
    market: "TH",
    shopper: { id: `buyer-${n}`, email: "malee@example.com" },
    text,
    ...extra,
  });
  const post = (
    app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    Promise.resolve(
      app.request(`${ORIGIN}/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );

  it("answers from the order the shop's Shopify holds, reaching Shopify on the cache miss", async () => {
    fake.setOrders(SHOP, [
      fakeOrder({
        id: "gid://shopify/Order/5730000000000004001",
        name: "#4001",
        email: "malee@example.com",
        displayFulfillmentStatus: "FULFILLED",
        fulfillments: [
          { status: "SUCCESS", trackingInfo: [{ company: "Kerry", number: "KE4001TH", url: null }] },
        ],
      }),
    ]);
    const calls = fake.graphqlCalls.length;
    const res = await post(messages, message("where is my order #4001?"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer).reply?.text).toContain("KE4001TH");
    expect(fake.graphqlCalls.length).toBeGreaterThan(calls);
  });

  it("shares its table with the API function: a message id it answered gets the same answer there", async () => {
    const body = message("Do you ship to Chiang Mai?");
    const first = await post(messages, body);
    const again = await post(api, body);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
  });

  it("refuses what the API function refuses, with the same status and code", async () => {
    const cases: [string, (app: typeof messages | typeof api) => Promise<Response>][] = [
      ["no key", (app) => post(app, message("hi"), { authorization: "" })],
      ["a wrong key", (app) => post(app, message("hi"), { authorization: "Bearer not-a-key" })],
      ["not JSON", (app) => post(app, "text=hi", { "content-type": "application/x-www-form-urlencoded" })],
      ["broken JSON", (app) => post(app, "{")],
      ["off the schema", (app) => post(app, { ...message("hi"), shopper: undefined })],
      ["too large", (app) => post(app, message("x".repeat(70 * 1024)))],
      ["an unknown market", (app) => post(app, message("hi", { market: "ZZ" }))],
    ];
    for (const [what, send] of cases) {
      const [own, apis] = await Promise.all([send(messages), send(api)]);
      const [ownBody, apiBody] = (await Promise.all([own.json(), apis.json()])) as Answer[];
      expect({ what, status: own.status, code: ownBody?.error?.code }).toEqual({
        what,
        status: apis.status,
        code: apiBody?.error?.code,
      });
      expect(own.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("serves no other route, with the API's JSON not-found error", async () => {
    const res = await messages.request(`${ORIGIN}/v1/settings`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
