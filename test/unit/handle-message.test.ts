import { beforeEach, describe, expect, it } from "vitest";
import { conversationIdFor } from "../../functions/domain/identifiers";
import { handleShopperMessage } from "../../functions/domain/handle-message";
import { DEMO_LOOKUP_KEYS, DEMO_ORDERS } from "../../functions/local/demo-data";
import { message, pipeline, SHOP, translator } from "../support/domain-fakes";

const conversationId = conversationIdFor(SHOP, "api", "thread-1");

describe("the reply pipeline (handleShopperMessage)", () => {
  let p: ReturnType<typeof pipeline>;
  beforeEach(async () => {
    p = pipeline();
    for (const order of DEMO_ORDERS) await p.orders.putOrder(SHOP, order, DEMO_LOOKUP_KEYS);
  });

  it("answers where an order is from the orders linked to the identity the channel vouches for", async () => {
    const result = await handleShopperMessage(p.deps, message("Kak, pesanan #1001 saya sudah sampai mana?"));
    expect(result.status).toBe("ai");
    expect(result.escalation).toBeNull();
    expect(result.reply?.language).toBe("id");
    expect(result.reply?.intent).toBe("order_status");
    expect(result.reply?.text).toContain("JT0001234567");
  });

  it("reads a question naming an order as about that order, even when the topic reads as the shop's rules", async () => {
    // Whatever the classifier makes of it ("the shop", "shipping"), "where is #1001?" is that order's status.
    const deps = {
      ...p.deps,
      understanding: {
        ...p.deps.understanding,
        classify: () => ({ intent: "store_info" as const, confidence: 0.9 }),
      },
    };
    const result = await handleShopperMessage(deps, message("Kak, pesanan #1001 saya di mana?"));
    expect(result.reply?.intent).toBe("order_status");
    expect(result.reply?.text).toContain("JT0001234567");
  });

  it("does not describe an order to a shopper the channel does not vouch for, even when named", async () => {
    const result = await handleShopperMessage(
      p.deps,
      message("Kak, pesanan #1001 saya sudah sampai mana?", { shopper: { id: "stranger-7" } }),
    );
    expect(result.reply?.text).toContain("#1001");
    expect(result.reply?.text).not.toContain("JT0001234567");
  });

  it("hands a request for a person to the market's region and queues exactly one handoff packet", async () => {
    const result = await handleShopperMessage(p.deps, message("I want to talk to a real person please"));
    expect(result.status).toBe("pending_human");
    expect(result.escalation).toMatchObject({ region: "sea", reason: "human_requested", status: "pending" });
    expect(p.escalationQueue.sent).toHaveLength(1);
    expect(p.escalationQueue.sent[0]).toMatchObject({
      escalationId: result.escalation?.id,
      conversationId,
      region: "sea",
      market: "ID",
      reason: "human_requested",
    });
  });

  it("stays silent while the conversation waits for or is held by a person, and keeps the shopper's message", async () => {
    await handleShopperMessage(p.deps, message("I want to talk to a real person please"));
    p.clock.advance(60_000);
    const result = await handleShopperMessage(p.deps, message("hello? anyone there?"));
    expect(result.reply).toBeNull();
    expect(result.status).toBe("pending_human");
    expect(p.escalationQueue.sent).toHaveLength(1);
    const stored = await p.conversations.getConversation(SHOP, conversationId);
    expect(stored?.messages.map((m) => m.role)).toEqual(["shopper", "ai", "shopper"]);
  });

  it("answers a repeated message id with the first answer and stores and queues nothing again", async () => {
    const first = message("I want to talk to a real person please");
    const once = await handleShopperMessage(p.deps, first);
    const before = await p.conversations.getConversation(SHOP, conversationId);
    p.clock.advance(60_000);
    const again = await handleShopperMessage(p.deps, first);
    expect(again).toEqual(once);
    expect(await p.conversations.getConversation(SHOP, conversationId)).toEqual(before);
    expect(p.conversations.turnsOf(SHOP, conversationId)).toHaveLength(1);
    expect(p.escalationQueue.sent).toHaveLength(1);
  });

  it("refuses a message id reused for a different text with message_id_reused, when the caller asks for it", async () => {
    const first = message("halo", { rejectReusedId: true });
    await handleShopperMessage(p.deps, first);
    await expect(
      handleShopperMessage(p.deps, { ...first, text: "where is my order?" }),
    ).rejects.toMatchObject({
      code: "message_id_reused",
    });
    expect(p.conversations.turnsOf(SHOP, conversationId).map((t) => t.text)).toEqual(["halo"]);
  });

  it("asks once when it does not understand, and hands over to a person on the second miss (R5)", async () => {
    const first = await handleShopperMessage(p.deps, message("zxqv blorp frindle"));
    expect(first.status).toBe("ai");
    expect(first.escalation).toBeNull();
    const second = await handleShopperMessage(p.deps, message("qwop wubba lubba"));
    expect(second.status).toBe("pending_human");
    expect(second.escalation?.reason).toBe("not_understood");
    expect(p.escalationQueue.sent).toHaveLength(1);
  });

  it("stores nothing when the escalation queue is down, so the retried message is handled in full", async () => {
    p.escalationQueue.failWith(new Error("queue unavailable"));
    const ask = message("I want to talk to a real person please");
    await expect(handleShopperMessage(p.deps, ask)).rejects.toThrow("queue unavailable");
    expect(await p.conversations.getConversation(SHOP, conversationId)).toBeNull();
    p.escalationQueue.failWith(null);
    const retried = await handleShopperMessage(p.deps, ask);
    expect(retried.status).toBe("pending_human");
    expect(p.escalationQueue.sent).toHaveLength(1);
  });
});

describe("the reply pipeline reads an answer to its own question (issue #16)", () => {
  let p: ReturnType<typeof pipeline>;
  beforeEach(async () => {
    p = pipeline();
    for (const order of DEMO_ORDERS) await p.orders.putOrder(SHOP, order, DEMO_LOOKUP_KEYS);
  });
  const guest = { shopper: { id: "guest-3", name: "Linh" } };

  it("unlocks the order asked about with the checkout email sent alone as the answer", async () => {
    const asked = await handleShopperMessage(p.deps, message("Kak, pesanan #1001 sudah sampai mana?", guest));
    expect(asked.reply?.text).not.toContain("JT0001234567");
    const answered = await handleShopperMessage(p.deps, message("ini emailnya kak: siti@example.com", guest));
    expect(answered.escalation).toBeNull();
    expect(answered.reply?.intent).toBe("order_status");
    expect(answered.reply?.text).toContain("JT0001234567");
  });

  it("unlocks it with the checkout phone in the market's local format", async () => {
    await handleShopperMessage(p.deps, message("Kak, pesanan #1001 sudah sampai mana?", guest));
    const answered = await handleShopperMessage(p.deps, message("no hp saya 0812-3456-7890", guest));
    expect(answered.reply?.text).toContain("JT0001234567");
  });

  it("does not unlock an order with a contact that is not its checkout contact", async () => {
    await handleShopperMessage(p.deps, message("Kak, pesanan #1001 sudah sampai mana?", guest));
    const answered = await handleShopperMessage(p.deps, message("email saya linh@example.vn", guest));
    expect(answered.reply?.text).not.toContain("JT0001234567");
    expect(answered.escalation).toBeNull();
  });

  it("continues the topic asked about with the order number given after 'which order?'", async () => {
    const asked = await handleShopperMessage(p.deps, message("Kak, aku mau batalin pesananku"));
    expect(asked.reply?.text).toContain("#1002");
    const answered = await handleShopperMessage(p.deps, message("#1002 kak"));
    expect(answered.reply?.intent).toBe("cancel_order");
    expect(answered.escalation?.reason).toBe("action_required");
    expect(p.escalationQueue.sent[0]?.order?.name).toBe("#1002");
  });

  it("hands an angry shopper's late order to a person for frustration, the order in the packet", async () => {
    const result = await handleShopperMessage(
      p.deps,
      message("Udah 3 minggu #1001 gak dateng2, kalian penipu ya?! PARAH!!!"),
    );
    expect(result.escalation?.reason).toBe("frustration");
    expect(result.reply?.signals).toContain("frustration");
    expect(p.escalationQueue.sent[0]).toMatchObject({ reason: "frustration", order: { name: "#1001" } });
  });

  it("hands a pregnancy question about a product to a person as a sensitive matter", async () => {
    const result = await handleShopperMessage(
      p.deps,
      message("I'm pregnant, is this massage oil safe for me?", { market: "SG" }),
    );
    expect(result.escalation?.reason).toBe("sensitive");
    expect(result.reply?.intent).toBe("sensitive_health_safety");
  });

  it("says goodbye to a 'no' after 'anything else?' instead of not understanding it", async () => {
    await handleShopperMessage(p.deps, message("makasih ya kak"));
    const answered = await handleShopperMessage(p.deps, message("ga ada kak"));
    expect(answered.escalation).toBeNull();
    expect(answered.reply?.text).toContain(translator.t("id", "closing"));
  });

  it("answers a one-word first message in the market's language", async () => {
    const result = await handleShopperMessage(p.deps, message("p"));
    expect(result.reply?.language).toBe("id");
  });
});
