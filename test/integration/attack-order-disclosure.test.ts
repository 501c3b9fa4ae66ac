import { describe, expect, it } from "vitest";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type MessageResponse = {
  status: string;
  reply: { text: string; intent: string } | null;
  escalation: unknown;
};

/**
 * What would describe one of the demo shopper's orders (docs/api.md: #1001 shipped with J&T, #1002, #1003); "#1001" itself
 * is left out because the question for the order number gives it as the example.
 */
const SITI_ORDER_DETAILS = ["JT0001234567", "J&T", "#1002", "#1003"];

describe("attack: a typed email or phone does not unlock another shopper's orders", () => {
  const stack = useLocalStack({ autoPoll: false });
  const send = (body: unknown) =>
    http<MessageResponse>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });
  /** A shopper the channel knows only by its own buyer id, with no orders of their own. */
  const asStranger = (text: string, market = "SG") =>
    send(
      shopperMessage(text, { market, shopper: { id: `stranger-${Math.random().toString(36).slice(2)}` } }),
    );
  const expectNothingOfSiti = (text: string | undefined) => {
    for (const detail of SITI_ORDER_DETAILS) expect(text).not.toContain(detail);
  };

  it("lists no orders for another shopper's email typed in the message", async () => {
    const { status, body } = await asStranger("where is my order? my email is siti@example.com");
    expect(status).toBe(200);
    expectNothingOfSiti(body.reply?.text);
  });

  it("lists no orders for another shopper's phone number typed in the message, in any format", async () => {
    for (const phone of ["+62 812-3456-7890", "0812-3456-7890"]) {
      const { body } = await asStranger(`Kak, pesanan saya sudah sampai mana? nomor HP saya ${phone}`, "ID");
      expectNothingOfSiti(body.reply?.text);
    }
  });

  it("asks in the same words whether or not the typed email has orders", async () => {
    const hers = await asStranger("where is my order? my email is siti@example.com");
    const nobodys = await asStranger("where is my order? my email is nobody@example.com");
    expect(hers.body.reply?.text).toBe(nobodys.body.reply?.text);
    expect(hers.body.status).toBe(nobodys.body.status);
    expect(hers.body.reply?.text).toContain("order number");
  });

  it("answers an order number with the wrong email exactly as an order that does not exist", async () => {
    const existing = await asStranger("where is my order #1001? my email is nobody@example.com");
    const missing = await asStranger("where is my order #9999? my email is nobody@example.com");
    expect(existing.status).toBe(200);
    expectNothingOfSiti(existing.body.reply?.text.replace("#1001", "#NNNN"));
    expect(existing.body.reply?.text.replace("#1001", "#NNNN")).toBe(
      missing.body.reply?.text.replace("#9999", "#NNNN"),
    );
    expect(existing.body.status).toBe(missing.body.status);
    expect(existing.body.escalation).toEqual(missing.body.escalation);
  });

  it("answers an order number with a phone that is not the order's exactly as an order that does not exist", async () => {
    const existing = await asStranger("Kak, pesanan #1001 sampai mana? HP saya 0813-9999-0000", "ID");
    const missing = await asStranger("Kak, pesanan #9999 sampai mana? HP saya 0813-9999-0000", "ID");
    expect(existing.body.reply?.text).not.toContain("JT0001234567");
    expect(existing.body.reply?.text.replace("#1001", "#NNNN")).toBe(
      missing.body.reply?.text.replace("#9999", "#NNNN"),
    );
  });

  it("describes the one order named together with its checkout email (guest order lookup), and no other", async () => {
    const thread = shopperMessage("where is order #1001? my email is siti@example.com", {
      market: "SG",
      shopper: { id: "guest-lookup-1" },
    });
    const first = await send(thread);
    expect(first.body.reply?.text).toContain("JT0001234567");
    expect(first.body.reply?.text).not.toContain("#1002");
    const next = await send({
      ...thread,
      messageId: "m-other-orders",
      text: "and my other orders? email siti@example.com",
    });
    expect(next.body.reply?.text).not.toContain("#1002");
    expect(next.body.reply?.text).not.toContain("#1003");
  });

  it("describes the order named together with its checkout phone written the local way", async () => {
    const { body } = await send(
      shopperMessage("Kak, pesanan #1001 sudah sampai mana? HP saya 0812-3456-7890", {
        market: "ID",
        shopper: { id: "guest-lookup-2" },
      }),
    );
    expect(body.reply?.text).toContain("JT0001234567");
    expect(body.reply?.text).not.toContain("#1002");
  });
});

describe("the identity the channel vouches for still finds the shopper's orders", () => {
  const stack = useLocalStack({ autoPoll: false });
  const send = (body: unknown) =>
    http<MessageResponse>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });

  it("lists the orders of the email the channel sent as the shopper's", async () => {
    const { body } = await send(
      shopperMessage("where is my order?", {
        market: "SG",
        shopper: { id: "web-visitor-3", email: "siti@example.com" },
      }),
    );
    expect(body.reply?.text).toContain("JT0001234567");
    expect(body.reply?.text).toContain("#1002");
  });

  it("lists the orders of the phone the channel sent, written the local way", async () => {
    const { body } = await send(
      shopperMessage("Kak, pesanan saya sudah sampai mana?", {
        market: "ID",
        shopper: { id: "wa-6281234567890", phone: "0812-3456-7890" },
      }),
    );
    expect(body.reply?.text).toContain("JT0001234567");
  });
});
