import { describe, expect, it } from "vitest";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type MessageResponse = {
  conversationId: string;
  status: string;
  reply: { text: string; language: string; intent: string; aiGenerated: boolean; engine: string } | null;
  escalation: { id: string; region: string; reason: string; status: string } | null;
};

describe("POST /v1/messages: order status in the shopper's language", () => {
  const stack = useLocalStack();
  const send = (body: unknown) =>
    http<MessageResponse>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });

  it.each([
    ["en", "SG", "Hi, where is my order #1001?", "tracking number"],
    ["id", "ID", "Kak, pesanan #1001 saya sudah sampai mana?", "resi"],
    ["th", "TH", "ออเดอร์ #1001 ของฉันถึงไหนแล้วคะ", "เลขพัสดุ"],
  ])(
    "answers a %s order-status question with the order's tracking number",
    async (language, market, text, trackingWord) => {
      const { status, body } = await send(shopperMessage(text, { market }));
      expect(status).toBe(200);
      expect(body.status).toBe("ai");
      expect(body.escalation).toBeNull();
      expect(body.reply?.language).toBe(language);
      expect(body.reply?.intent).toBe("order_status");
      expect(body.reply?.text).toContain("JT0001234567");
      expect(body.reply?.text.toLowerCase()).toContain(trackingWord);
    },
  );

  it("finds the shopper's orders from their identity when no order number is given", async () => {
    const { body } = await send(shopperMessage("Pesanan saya sudah sampai mana?", { market: "ID" }));
    expect(body.reply?.text).toContain("#1001");
    expect(body.reply?.text).toContain("JT0001234567");
    expect(body.reply?.text).toContain("#1002");
  });

  it("says in every AI reply that it is an AI and how to reach a person (R1)", async () => {
    const { body } = await send(shopperMessage("ออเดอร์ #1001 ถึงไหนแล้วคะ", { market: "TH" }));
    expect(body.reply?.aiGenerated).toBe(true);
    expect(body.reply?.text).toContain("AI");
    expect(body.reply?.text).toContain("แอดมิน");
  });

  it("never describes another shopper's order, even when its number is given", async () => {
    const { body } = await send(
      shopperMessage("where is my order #1001?", {
        market: "SG",
        shopper: { id: "stranger-7", email: "someone@else.example" },
      }),
    );
    expect(body.reply?.text).not.toContain("JT0001234567");
    expect(body.reply?.text).toContain("#1001");
    expect(body.status).toBe("ai");
  });

  it("asks for the order once and then answers from the shopper's next message without asking again (R4)", async () => {
    const thread = shopperMessage("where is my order?", { market: "SG", shopper: { id: "guest-5" } });
    const first = await send(thread);
    expect(first.body.reply?.text).toContain("order number");
    const second = await send({ ...thread, messageId: "m-followup", text: "siti@example.com #1001" });
    // The answer to our question continues the shopper's topic: where the order is.
    expect(second.body.reply?.intent).toBe("order_status");
    expect(second.body.reply?.text).toContain("JT0001234567");
  });

  it("asks one clarifying question, then hands a second miss to a person (R5)", async () => {
    const thread = shopperMessage("zxqv blorp", { market: "SG" });
    const first = await send(thread);
    expect(first.body.status).toBe("ai");
    expect(first.body.reply?.intent).toBe("unknown");
    const second = await send({ ...thread, messageId: "m-second-miss", text: "qwv plorx zzt" });
    expect(second.body.status).toBe("pending_human");
    expect(second.body.escalation?.reason).toBe("not_understood");
    expect(second.body.escalation?.region).toBe("sea");
  });

  it("stays silent while a person holds the conversation, and still stores the message", async () => {
    const thread = shopperMessage("I want to talk to a human", { market: "SG" });
    const first = await send(thread);
    expect(first.body.status).toBe("pending_human");
    const next = await send({ ...thread, messageId: "m-while-pending", text: "hello? is anyone there" });
    expect(next.status).toBe(200);
    expect(next.body.reply).toBeNull();
    expect(next.body.status).toBe("pending_human");
    const conversation = await http<{ messages: { role: string; text: string }[] }>(
      `${stack().url}/v1/conversations/${first.body.conversationId}`,
      { token: stack().apiKey },
    );
    expect(conversation.body.messages.map((m) => m.role)).toEqual(["shopper", "ai", "shopper"]);
    expect(conversation.body.messages[2]?.text).toBe("hello? is anyone there");
  });
});

describe("request budget of one shopper message", () => {
  const stack = useLocalStack({ autoPoll: false });
  const send = (body: unknown) =>
    http<MessageResponse>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });

  it("answers on the AI path with one read and two writes to DynamoDB, and no SQS call", async () => {
    await send(shopperMessage("hello", { market: "SG" })); // warms the API-key cache
    const before = stack().requestCounts();
    await send(shopperMessage("where is my order #1001?", { market: "SG" }));
    const after = stack().requestCounts();
    expect(after.dynamodb - before.dynamodb).toBe(3);
    expect(after.sqs - before.sqs).toBe(0);
  });

  it("escalates with one SQS send and the same three DynamoDB requests", async () => {
    const before = stack().requestCounts();
    await send(shopperMessage("I want to talk to a human", { market: "SG" }));
    const after = stack().requestCounts();
    expect(after.dynamodb - before.dynamodb).toBe(3);
    expect(after.sqs - before.sqs).toBe(1);
  });
});
