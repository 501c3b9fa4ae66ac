import { afterAll, describe, expect, it } from "vitest";
import { ConversationId } from "../../functions/domain/ids";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { startFaultProxy } from "../support/fault-proxy";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type Reply = { conversationId: string; reply: { text: string } | null; error?: { code: string } };

describe("DynamoDB faults, injected at the HTTP level", () => {
  let proxy: Awaited<ReturnType<typeof startFaultProxy>> | undefined;
  const stack = useLocalStack({
    autoPoll: false,
    dynamodbEndpoint: async (real) => {
      proxy = await startFaultProxy(real);
      return proxy.endpoint;
    },
  });
  afterAll(() => proxy?.stop());
  const faults = () => {
    if (!proxy) throw new Error("no proxy");
    return proxy;
  };
  const send = (body: unknown) => http<Reply>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });
  const shopperMessagesOf = async (conversationId: string) =>
    (
      await stack().deps.conversations.getConversation(DEMO_SHOP_ID as never, ConversationId(conversationId))
    )?.messages.filter((m) => m.role === "shopper") ?? [];

  it("rides out a throttled request: the SDK retries and the shopper gets the answer", async () => {
    await send(shopperMessage("hello", { market: "SG" })); // warms the key cache
    faults().inject("throttle");
    const { status, body } = await send(shopperMessage("where is my order #1001?", { market: "SG" }));
    expect(status).toBe(200);
    expect(body.reply?.text).toContain("JT0001234567");
    expect(faults().stats().pending).toBe(0);
  });

  it("answers 503 when throttling outlasts the retries, stores nothing twice, and a retry completes", async () => {
    const message = shopperMessage("where is my order #1001?", { market: "SG" });
    faults().inject("throttle", "throttle", "throttle");
    const failed = await send(message);
    expect(failed.status).toBe(503);
    expect(failed.body.error?.code).toBe("dependency_unavailable");
    const retried = await send(message);
    expect(retried.status).toBe(200);
    expect(await shopperMessagesOf(retried.body.conversationId)).toHaveLength(1);
  });

  it("completes an escalation after the conversation update failed half-way, recording it once", async () => {
    const message = shopperMessage("I want to talk to a human", { market: "SG" });
    // The read passes; the conversation update and both SDK retries fail (the SQS send happened before it).
    faults().injectAfter(1, "server_error", "server_error", "server_error");
    const failed = await send(message);
    expect(failed.status).toBe(503);
    expect(faults().stats().pending).toBe(0);
    const again = await send(message);
    expect(again.status).toBe(200);
    expect(await shopperMessagesOf(again.body.conversationId)).toHaveLength(1);
    await stack().poller.pollOnce();
    const inbox = await http<{ items: { conversationId: string }[] }>(
      `${stack().url}/v1/inbox?region=sea&limit=100`,
      { token: stack().agentTokens.sea },
    );
    expect(inbox.body.items.filter((i) => i.conversationId === again.body.conversationId)).toHaveLength(1);
  });

  it("finishes a turn interrupted after the conversation was updated: the retry writes only the missing record", async () => {
    const message = shopperMessage("where is my order #1001?", { market: "SG" });
    // Read and update pass; the turn record (the commit point) and its retries fail.
    faults().injectAfter(2, "server_error", "server_error", "server_error");
    expect((await send(message)).status).toBe(503);
    expect(faults().stats().pending).toBe(0);
    const again = await send(message);
    expect(again.status).toBe(200);
    expect(again.body.reply?.text).toContain("JT0001234567");
    expect(await shopperMessagesOf(again.body.conversationId)).toHaveLength(1);
  });

  it("recovers from dropped connections", async () => {
    faults().inject("drop");
    const { status } = await send(shopperMessage("hello there", { market: "SG" }));
    expect(status).toBe(200);
  });
});
