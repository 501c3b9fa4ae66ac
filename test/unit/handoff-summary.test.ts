import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import type { TranscriptEntry } from "../../functions/domain/conversation";
import { type Escalation, newEscalation } from "../../functions/domain/escalation";
import { mainTopic, ordersQuotedIn, quotedOrders, summaryOf } from "../../functions/domain/handoff";
import type { ConversationId, EscalationId, ShopId } from "../../functions/domain/ids";
import type { Intent } from "../../functions/domain/intent";
import { DEMO_ORDERS } from "../../functions/local/demo-data";

const at = "2026-01-05T02:00:00.000Z";
const shopper = (intent: Intent, text = "…"): TranscriptEntry => ({ role: "shopper", text, at, intent });
const ai = (orders: string[] = []): TranscriptEntry => ({ role: "ai", text: "…", at, orders });

const escalation = (transcript: TranscriptEntry[], intent: Intent = "human_request"): Escalation =>
  newEscalation({
    escalationId: "e_0123456789abc" as EscalationId,
    shopId: "shop.myshopify.com" as ShopId,
    conversationId: "c_1" as ConversationId,
    channel: "api",
    region: "sea",
    market: "ID",
    language: "id",
    posture: "ai-first",
    reason: "human_requested",
    intent,
    priority: 50,
    summary: "",
    shopper: { id: "buyer-1", name: "Siti" },
    order: null,
    draft: null,
    transcript,
    createdAt: at,
    dueAt: at,
  });

describe("the handoff summary's topic", () => {
  it("is the shopper's main topic, not the last message's request for a person", () => {
    const transcript = [
      shopper("order_status"),
      ai(),
      shopper("order_status"),
      ai(),
      shopper("human_request"),
    ];
    expect(mainTopic(transcript, "human_request")).toBe("order_status");
  });

  it("takes the latest topic when two are raised as often", () => {
    expect(mainTopic([shopper("order_status"), shopper("refund_return")], "unknown")).toBe("refund_return");
  });

  it("names a sensitive matter once raised, however often other topics came up", () => {
    const transcript = [shopper("order_status"), shopper("order_status"), shopper("sensitive_legal")];
    expect(mainTopic(transcript, "unknown")).toBe("sensitive_legal");
  });

  it("falls back to the packet's own intent when no message says what it is about", () => {
    expect(mainTopic([shopper("greeting"), shopper("human_request")], "human_request")).toBe("human_request");
    expect(mainTopic([{ role: "shopper", text: "old packet", at }], "complaint")).toBe("complaint");
  });

  it("reads in the summary, with the orders the AI described when none is linked", () => {
    const t = createTranslator();
    const summary = summaryOf(
      t,
      "en",
      escalation([shopper("order_status"), ai(["#1002", "#1001"]), shopper("human_request")]),
    );
    expect(summary).toContain(`about: ${t.t("en", "agent:intent.order_status")}`);
    expect(summary).toContain("Order: #1002 and #1001");
    expect(summary).toContain(t.t("en", "agent:reason.human_requested"));
  });
});

describe("orders the AI quoted", () => {
  it("are the found orders whose number the reply names", () => {
    const [first, second] = DEMO_ORDERS;
    if (!first || !second) throw new Error("demo orders missing");
    const text = `${first.name} has shipped.`;
    expect(ordersQuotedIn(text, { kind: "several", orders: [first, second] })).toEqual([first.name]);
    expect(ordersQuotedIn(text, { kind: "none" })).toEqual([]);
  });

  it("are gathered from every AI reply, the most recently described first, each once", () => {
    expect(quotedOrders([ai(["#1001"]), shopper("order_status"), ai(["#1002", "#1001"])])).toEqual([
      "#1002",
      "#1001",
    ]);
  });
});
