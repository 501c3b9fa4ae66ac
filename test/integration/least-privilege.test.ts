/** The API function's role is enough: its routes, the inbox page included, ask DynamoDB only for what the role grants. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, LOCAL_DEFAULTS, startLocalStack } from "../../functions/local/stack";
import { API_TABLE_ACTIONS } from "../../infra/support-stack";
import { startFakeOpenAi } from "../support/fake-openai";
import { startFaultProxy } from "../support/fault-proxy";
import { http, shopperMessage } from "../support/local-stack";
import { orderPayload, webhookRequest } from "../support/shopify-signing";

describe("least privilege, exercised", () => {
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let stack: LocalStack;
  const url = (path: string) => `${stack.url}${path}`;

  beforeAll(async () => {
    // A "model" that translates and summarises, so the page stores translations and summaries too.
    fake = await startFakeOpenAi({
      answerFor: (body) => {
        const name = (body.response_format as { json_schema?: { name?: string } }).json_schema?.name;
        if (name === "translations") {
          const { texts } = JSON.parse(body.messages.at(-1)?.content ?? "{}") as { texts: string[] };
          return { translations: texts.map((t) => `[en] ${t}`) };
        }
        if (name === "handoff_summary") return { summary: "The shopper wants a person." };
        return { reply: "ok", intent: "greeting", confidence: 0.9, escalate: false, reason: null };
      },
    });
    stack = await startLocalStack({
      logLevel: "SILENT",
      autoPoll: false,
      openai: { apiKey: "k", baseUrl: fake.baseUrl },
      dynamodbEndpoint: async (emulator) => {
        proxy = await startFaultProxy(emulator);
        return proxy.endpoint;
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await proxy?.stop();
    await fake?.stop();
  });

  it("asks DynamoDB only for the actions the API's role grants", async () => {
    const shopKey = { token: stack.apiKey };
    const agent = { token: stack.agentTokens.sea };
    const thai = await http<{ conversationId: string; escalation: { id: string } }>(url("/v1/messages"), {
      ...shopKey,
      body: shopperMessage("ขอคุยกับพนักงานค่ะ", { market: "TH", shopper: { id: "p-1", name: "Ploy" } }),
    });
    // The consumer is another function with its own role: its requests are not counted.
    await stack.poller.pollOnce();
    proxy.operations.length = 0;

    const id = thai.body.escalation.id;
    await http(url("/v1/messages"), {
      ...shopKey,
      body: shopperMessage("Where is order #1001?", { market: "SG" }),
    });
    await http(url(`/v1/conversations/${thai.body.conversationId}`), shopKey);
    await http(url("/v1/conversations"), shopKey);
    await http(url("/v1/analytics"), shopKey);
    await http(url("/v1/canned-replies"), {
      ...shopKey,
      method: "PUT",
      body: { items: [{ title: "t", language: "th", text: "รอสักครู่ค่ะ" }] },
    });
    // Store knowledge: writes, lists, deletes (tombstones: the role has no DeleteItem) and the test box, which builds
    // the index, stores its snapshot, and then catches up through the change log.
    const article = { title: "Returns", body: "Return any item within 14 days.", language: "en" };
    await http(url("/v1/knowledge/articles/lp-returns"), { ...shopKey, method: "PUT", body: article });
    await http(url("/v1/knowledge/ask"), {
      ...shopKey,
      body: { question: "returns within days?", market: "SG" },
    });
    await http(url("/v1/knowledge/articles/lp-old"), { ...shopKey, method: "PUT", body: article });
    await http(url("/v1/knowledge/articles/lp-old"), { ...shopKey, method: "DELETE" });
    await http(url("/v1/knowledge/articles"), shopKey);
    await http(url("/v1/catalog/products/lp-tee"), {
      ...shopKey,
      method: "PUT",
      body: {
        title: "Tee",
        description: "",
        options: ["Size"],
        variants: [
          { id: "m", title: "M", options: { Size: "M" }, price: "9.90", currency: "SGD", available: true },
        ],
      },
    });
    await http(url("/v1/catalog/products/lp-tee"), { ...shopKey, method: "DELETE" });
    await http(url("/v1/knowledge/ask"), {
      ...shopKey,
      body: { question: "returns within days?", market: "SG" },
    });
    await http(url("/v1/inbox?region=sea"), agent);
    // A Shopify webhook: its body's shop binding and de-duplication are the API's writes too.
    const webhook = webhookRequest(LOCAL_DEFAULTS.shopifyApiSecret, {
      topic: "orders/create",
      shop: "least-privilege.myshopify.com",
      body: orderPayload({
        id: "5730000000000009001",
        name: "#9001",
        email: "lp@example.com",
        updatedAt: "2026-11-19T10:00:00Z",
      }),
    });
    expect((await fetch(url("/webhooks/shopify"), { method: "POST", ...webhook })).status).toBe(200);
    await http(url(`/v1/inbox/${id}/notes`), { ...agent, body: { text: "note" } });

    // The page: sign in, queue, packet (translations and summary stored), claim, reply, resolve.
    const form = (path: string, fields: Record<string, string>, cookie = "") =>
      fetch(url(path), {
        method: "POST",
        redirect: "manual",
        headers: { origin: stack.url, cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      });
    const signIn = await form("/inbox/sign-in", { kind: "agent", credential: stack.agentTokens.sea });
    const cookie = signIn.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const page = (path: string) => fetch(url(path), { headers: { cookie } }).then((r) => r.text());
    await page("/inbox");
    await page(`/inbox/e/${id}`);
    await form(`/inbox/e/${id}/claim`, {}, cookie);
    await form(
      `/inbox/e/${id}/reply`,
      { text: "Hello", clientMessageId: "reply-0001", translate: "1" },
      cookie,
    );
    await form(`/inbox/e/${id}/resolve`, { note: "done" }, cookie);

    const asked = new Set(proxy.operations.map((op) => `dynamodb:${op}`));
    expect(asked.size).toBeGreaterThan(3);
    expect([...asked].filter((action) => !API_TABLE_ACTIONS.includes(action))).toEqual([]);
    // The page really stored its translations and summary on the way.
    const stored = await stack.deps.conversations.getConversation(
      (await stack.deps.inbox.find("*", id as never))?.shopId as never,
      thai.body.conversationId as never,
    );
    expect(Object.keys(stored?.translations.en ?? {}).length).toBeGreaterThan(1);
  });
});
