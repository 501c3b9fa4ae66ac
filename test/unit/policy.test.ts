import { describe, expect, it } from "vitest";
import { INITIAL_MEMORY } from "../../functions/domain/conversation";
import type { Intent } from "../../functions/domain/intent";
import type { OrderSnapshot } from "../../functions/domain/order";
import { type DecisionInput, decide, offersPerson } from "../../functions/domain/policy";
import { DEMO_ORDERS } from "../../functions/local/demo-data";

const [shipped, preparing, refunded] = DEMO_ORDERS as [OrderSnapshot, OrderSnapshot, OrderSnapshot];
const input = (intent: Intent, patch: Partial<DecisionInput> = {}): DecisionInput => ({
  status: "ai",
  memory: INITIAL_MEMORY,
  language: "en",
  intent,
  gaveOrderDetails: false,
  order: { kind: "found", order: shipped },
  shopperName: "Siti",
  posture: "ai-first",
  firstReply: false,
  ...patch,
});

describe("conversation policy", () => {
  it("hands a request for a person over at once, without asking again (R2)", () => {
    const d = decide(input("human_request"));
    expect(d).toMatchObject({ kind: "escalate", reason: "human_requested" });
  });

  it.each(["sensitive_health_safety", "sensitive_legal", "sensitive_fraud", "sensitive_privacy"] as const)(
    "hands %s to a person (R6)",
    (intent) => expect(decide(input(intent))).toMatchObject({ kind: "escalate", reason: "sensitive" }),
  );

  it("hands a frustrated shopper to a person with an empathetic line (R6)", () => {
    expect(decide(input("complaint"))).toMatchObject({
      kind: "escalate",
      reason: "frustration",
      lines: [{ key: "handoff.frustration" }],
    });
  });

  it("asks one clarifying question, then escalates the second miss (R5)", () => {
    const first = decide(input("unknown"));
    expect(first).toMatchObject({ kind: "reply", lines: [{ key: "clarify" }] });
    const memory = first.kind === "reply" ? first.memory : INITIAL_MEMORY;
    expect(decide(input("unknown", { memory }))).toMatchObject({
      kind: "escalate",
      reason: "not_understood",
    });
  });

  it("forgets a miss once the shopper is understood", () => {
    const d = decide(input("order_status", { memory: { misunderstandings: 1 } }));
    expect(d.kind === "reply" && d.memory.misunderstandings).toBe(0);
  });

  it.each(["product_question", "shipping_info", "payment_methods", "return_policy", "store_info"] as const)(
    "passes a store question (%s) to the team, as it does a product question, with or without an order",
    (intent) => {
      for (const order of [{ kind: "found", order: shipped }, { kind: "none" }] as const)
        expect(decide(input(intent, { order }))).toMatchObject({
          kind: "escalate",
          reason: "action_required",
          lines: [{ key: "action.product" }],
          memory: { lastIntent: intent, misunderstandings: 0 },
        });
    },
  );

  it("stays silent while a person holds the conversation", () => {
    expect(decide(input("order_status", { status: "pending_human" }))).toEqual({ kind: "held" });
    expect(decide(input("human_request", { status: "human" }))).toEqual({ kind: "held" });
  });

  it("answers an order status with the carrier and tracking number and remembers the order (R4)", () => {
    const d = decide(input("order_status"));
    expect(d).toMatchObject({ kind: "reply", memory: { orderName: "#1001" } });
    expect(d.kind === "reply" && d.lines[0]).toMatchObject({
      key: "status.shipped",
      values: { carrier: "J&T Express", tracking: "JT0001234567" },
    });
  });

  it("passes a cancellation of an unshipped order to a person, and explains one already shipped", () => {
    expect(decide(input("cancel_order", { order: { kind: "found", order: preparing } }))).toMatchObject({
      kind: "escalate",
      reason: "action_required",
      lines: [{ key: "action.cancel" }],
    });
    expect(decide(input("cancel_order"))).toMatchObject({
      kind: "escalate",
      lines: [{ key: "action.cancel_shipped" }],
    });
    expect(decide(input("cancel_order", { order: { kind: "found", order: refunded } }))).toMatchObject({
      kind: "reply",
      lines: [{ key: "action.cancel_closed" }],
    });
  });

  it("asks for the order when it cannot find one, and treats the answer as the same question", () => {
    const ask = decide(input("delivery_delay", { order: { kind: "none" } }));
    expect(ask).toMatchObject({ kind: "reply", lines: [{ key: "ask_order" }] });
    const memory = ask.kind === "reply" ? ask.memory : INITIAL_MEMORY;
    const answer = decide(input("unknown", { memory, gaveOrderDetails: true }));
    expect(answer).toMatchObject({ kind: "reply", lines: [{ key: "delay.shipped" }] });
  });

  it("tells a refunded order that was not cancelled that it was refunded, and a cancelled one both", () => {
    const refundedOnly = { ...shipped, financialStatus: "REFUNDED" };
    expect(decide(input("order_status", { order: { kind: "found", order: refundedOnly } }))).toMatchObject({
      lines: [{ key: "status.refunded" }],
    });
    expect(decide(input("order_status", { order: { kind: "found", order: refunded } }))).toMatchObject({
      lines: [{ key: "status.cancelled_refunded" }],
    });
  });

  it("does not call a refunded order cancelled when the shopper asks to cancel it", () => {
    const refundedOnly = { ...shipped, financialStatus: "REFUNDED" };
    const d = decide(input("cancel_order", { order: { kind: "found", order: refundedOnly } }));
    expect(d).toMatchObject({ kind: "reply", lines: [{ key: "status.refunded" }] });
  });

  it("says a partly refunded order was partly refunded, shipped or not", () => {
    const unshipped = { ...preparing, financialStatus: "PARTIALLY_REFUNDED" };
    expect(decide(input("order_status", { order: { kind: "found", order: unshipped } }))).toMatchObject({
      lines: [{ key: "status.partially_refunded" }],
    });
    const sent = { ...shipped, financialStatus: "PARTIALLY_REFUNDED" };
    const d = decide(input("order_status", { order: { kind: "found", order: sent } }));
    expect(d.kind === "reply" && d.lines.map((l) => ("key" in l ? l.key : l.text))).toEqual([
      "status.shipped",
      "status.partial_refund_note",
      "tracking_link",
    ]);
  });

  it("asks which order a refund is about as a list the renderer joins in the shopper's language", () => {
    const d = decide(input("refund_return", { order: { kind: "several", orders: [shipped, preparing] } }));
    expect(d).toMatchObject({
      kind: "reply",
      lines: [{ key: "which_order", values: { orders: { list: ["#1001", "#1002"] } } }],
    });
  });

  it("answers for each open order when the shopper has several and named none", () => {
    const d = decide(input("order_status", { order: { kind: "several", orders: [shipped, preparing] } }));
    expect(d.kind === "reply" && d.lines.map((l) => ("key" in l ? l.key : l.text))).toEqual([
      "status.shipped",
      "tracking_link",
      "status.preparing",
    ]);
  });
});

describe("market posture (R8)", () => {
  it("offers a person in a hybrid market's first reply", () => {
    const d = decide(input("order_status", { posture: "hybrid", firstReply: true }));
    expect(d.kind === "reply" && (d.lines.at(-1) as { key?: string } | undefined)?.key).toBe("offer_person");
  });

  it("does not repeat the offer after a later status answer in a hybrid market", () => {
    const d = decide(input("order_status", { posture: "hybrid", firstReply: false }));
    expect(d.kind === "reply" && d.lines.map((l) => ("key" in l ? l.key : l.text))).not.toContain(
      "offer_person",
    );
  });

  it("marks a reply that offers a person, so the disclosure does not offer one again", () => {
    const hybrid = decide(input("order_status", { posture: "hybrid", firstReply: true }));
    expect(hybrid.kind === "reply" && offersPerson(hybrid.lines)).toBe(true);
    const aiFirst = decide(input("order_status", { posture: "ai-first", firstReply: true }));
    expect(aiFirst.kind === "reply" && offersPerson(aiFirst.lines)).toBe(false);
  });

  it("offers a person after a non-status answer in a hybrid market", () => {
    const d = decide(input("thanks", { posture: "hybrid", firstReply: false }));
    expect(d.kind === "reply" && (d.lines.at(-1) as { key?: string } | undefined)?.key).toBe("offer_person");
  });

  it("lets the AI give status answers in a cautious market", () => {
    expect(decide(input("order_status", { posture: "cautious" })).kind).toBe("reply");
  });

  it("hands anything beyond a status answer to a person in a cautious market, with the AI's draft", () => {
    const d = decide(
      input("cancel_order", { posture: "cautious", order: { kind: "found", order: refunded } }),
    );
    expect(d).toMatchObject({
      kind: "escalate",
      reason: "needs_review",
      lines: [{ key: "handoff.needs_review" }],
      draft: [{ key: "action.cancel_closed" }],
    });
  });

  it("never offers or reviews in an ai-first market", () => {
    expect(decide(input("thanks", { posture: "ai-first", firstReply: true }))).toMatchObject({
      kind: "reply",
      lines: [{ key: "thanks" }],
    });
  });
});

describe("conversation policy: signals win over the topic", () => {
  it("hands a delayed order with an angry shopper to a person for frustration, keeping the order", () => {
    const d = decide(input("delivery_delay", { signals: ["frustration"] }));
    expect(d).toMatchObject({ kind: "escalate", reason: "frustration", memory: { orderName: "#1001" } });
  });

  it("hands a product question that raises a safety matter to a person as sensitive", () => {
    const d = decide(input("product_question", { signals: ["sensitive_health_safety"] }));
    expect(d).toMatchObject({ kind: "escalate", reason: "sensitive" });
  });

  it("weighs a request for a person above a sensitive matter and frustration", () => {
    const d = decide(input("order_status", { signals: ["person", "sensitive_legal", "frustration"] }));
    expect(d).toMatchObject({ kind: "escalate", reason: "human_requested" });
  });

  it("weighs a sensitive matter above frustration", () => {
    const d = decide(input("complaint", { signals: ["sensitive_health_safety", "frustration"] }));
    expect(d).toMatchObject({ kind: "escalate", reason: "sensitive" });
  });
});

describe("conversation policy: what a reply asks is remembered", () => {
  it("remembers asking 'which order?' and the topic it is for", () => {
    const d = decide(input("cancel_order", { order: { kind: "several", orders: [shipped, preparing] } }));
    expect(d).toMatchObject({
      kind: "reply",
      lines: [{ key: "which_order" }],
      memory: { awaiting: "order_number", pendingIntent: "cancel_order" },
    });
  });

  it("remembers asking for the checkout contact of the order number given", () => {
    const d = decide(input("refund_return", { order: { kind: "not_found", name: "#1001" } }));
    expect(d).toMatchObject({
      memory: { awaiting: "checkout_contact", pendingIntent: "refund_return", pendingOrder: "#1001" },
    });
  });

  it("remembers asking for an order number", () => {
    const d = decide(input("order_status", { order: { kind: "none" } }));
    expect(d).toMatchObject({ lines: [{ key: "ask_order" }], memory: { awaiting: "order_number" } });
  });

  it("forgets the question once answered, or when a person takes over", () => {
    const memory = {
      misunderstandings: 0,
      awaiting: "order_number" as const,
      pendingIntent: "cancel_order" as const,
    };
    expect(decide(input("order_status", { memory }))).toMatchObject({ memory: { awaiting: null } });
    expect(decide(input("human_request", { memory }))).toMatchObject({ memory: { awaiting: null } });
  });

  it("answers a yes or no to 'anything else?': asks what, or says goodbye", () => {
    const thanked = decide(input("thanks"));
    expect(thanked).toMatchObject({ memory: { awaiting: "confirmation" } });
    const memory = thanked.kind === "reply" ? thanked.memory : INITIAL_MEMORY;
    expect(decide(input("thanks", { memory, answer: "no" }))).toMatchObject({ lines: [{ key: "closing" }] });
    expect(decide(input("greeting", { memory, answer: "yes" }))).toMatchObject({
      lines: [{ key: "ask_more" }],
    });
  });

  it("lets a cautious market say goodbye without a review", () => {
    const memory = { misunderstandings: 0, awaiting: "confirmation" as const };
    expect(decide(input("thanks", { memory, answer: "no", posture: "cautious" })).kind).toBe("reply");
  });
});
