import { describe, expect, it } from "vitest";
import { ConversationId } from "../../functions/domain/ids";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

describe("racing writes to one conversation", () => {
  const stack = useLocalStack({ autoPoll: false });

  it("stores every one of many simultaneous messages once, and a request for a person is never undone by a racing AI reply", async () => {
    const thread = shopperMessage("hello", { market: "SG" });
    const texts = [
      "where is my order #1001?",
      "is #1002 shipped",
      "I want to talk to a human",
      "thanks",
      "hello?",
      "where is my order",
      "ok",
      "any update",
    ];
    const results = await Promise.all(
      texts.map((text, i) =>
        http<{ conversationId: string; status: string }>(`${stack().url}/v1/messages`, {
          token: stack().apiKey,
          body: { ...thread, messageId: `race-${i}`, text },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(texts.map(() => 200));
    const id = results[0]?.body.conversationId as string;
    const found = await stack().deps.conversations.getConversation(DEMO_SHOP_ID as never, ConversationId(id));
    const stored = found?.messages.filter((m) => m.role === "shopper").map((m) => m.text) ?? [];
    expect(stored.sort()).toEqual([...texts].sort());
    expect(found?.conversation.status).toBe("pending_human");
  });
});
