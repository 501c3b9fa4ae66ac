import { describe, expect, it } from "vitest";
import { type ComposeInput, compose } from "../../functions/domain/compose";
import { createScriptedReplyModel } from "../../functions/domain/fakes";
import { marketWith } from "../../functions/domain/markets";
import type { ModelAnswer } from "../../functions/domain/model";
import type { Decision } from "../../functions/domain/policy";
import { translator } from "../support/domain-fakes";

const memory = { language: "id" as const, lastIntent: "order_status" as const, misunderstandings: 0 };
const statusReply: Decision = {
  kind: "reply",
  lines: [{ key: "status.preparing", values: { order: "#1002" } }],
  memory,
};
const input = (patch: Partial<ComposeInput> = {}): ComposeInput => ({
  decision: statusReply,
  intent: "order_status",
  confidence: 0.9,
  market: marketWith("ID", { posture: "ai-first" }),
  language: "id",
  locale: "id",
  shopperName: "Siti",
  orders: [],
  transcript: [],
  message: "pesanan #1002 sudah dikirim belum?",
  firstReply: false,
  ...patch,
});
const answer = (patch: Partial<ModelAnswer> = {}): ModelAnswer => ({
  reply: "Pesanan #1002 sedang disiapkan, Kak.",
  intent: "order_status",
  confidence: 0.9,
  escalate: false,
  reason: null,
  ...patch,
});

describe("compose: a model writes the reply, the policy stays in charge", () => {
  it("keeps the embedded engine's decision when no model is configured", async () => {
    const composed = await compose(undefined, translator, input());
    expect(composed).toEqual({
      decision: statusReply,
      engine: "embedded",
      intent: "order_status",
      confidence: 0.9,
    });
  });

  it("sends the model's reply, marked as the model's, when it answers with confidence", async () => {
    const composed = await compose(createScriptedReplyModel(answer()), translator, input());
    expect(composed.engine).toBe("openai");
    expect(composed.decision).toMatchObject({
      kind: "reply",
      lines: [{ text: "Pesanan #1002 sedang disiapkan, Kak.", statusAnswer: true }],
    });
  });

  it("gives the model the embedded engine's draft as a fact it must not contradict", async () => {
    const model = createScriptedReplyModel(answer());
    await compose(model, translator, input());
    expect(model.requests[0]?.embeddedDraft).toContain("#1002");
    expect(model.requests[0]?.embeddedIntent).toBe("order_status");
  });

  it("gives the model what the AI last asked, the signals read and how sure the embedded engine was", async () => {
    const model = createScriptedReplyModel(answer());
    const dialogue = {
      awaiting: "order_number" as const,
      pendingIntent: "cancel_order" as const,
      pendingOrder: null,
      answered: "order_number" as const,
    };
    await compose(model, translator, input({ dialogue, signals: [], confidence: 0.3 }));
    expect(model.requests[0]).toMatchObject({ dialogue, signals: [], embeddedConfidence: 0.3 });
  });

  it("falls back to the embedded reply when the model fails", async () => {
    const composed = await compose(createScriptedReplyModel(null), translator, input());
    expect(composed.engine).toBe("embedded");
    expect(composed.decision).toBe(statusReply);
  });

  it("falls back to the embedded reply when the model is unsure", async () => {
    const composed = await compose(
      createScriptedReplyModel(answer({ confidence: 0.3 })),
      translator,
      input(),
    );
    expect(composed.engine).toBe("embedded");
  });

  it("hands over to a person when the model reads a request for one, keeping its reply as the agent's draft", async () => {
    const model = createScriptedReplyModel(
      answer({ intent: "human_request", reply: "Baik, saya hubungkan." }),
    );
    const composed = await compose(model, translator, input());
    expect(composed.decision).toMatchObject({
      kind: "escalate",
      reason: "human_requested",
      draft: [{ text: "Baik, saya hubungkan.", statusAnswer: false }],
    });
  });

  it("never lets the model write over a handoff the policy decided", async () => {
    const sensitive: Decision = {
      kind: "escalate",
      reason: "sensitive",
      lines: [{ key: "handoff.sensitive" }],
      memory,
    };
    const model = createScriptedReplyModel(answer());
    const composed = await compose(model, translator, input({ decision: sensitive }));
    expect(composed.decision).toBe(sensitive);
    expect(model.requests).toHaveLength(0);
  });

  it("sends a model reply that is more than a status answer to a person for review in a cautious market", async () => {
    const model = createScriptedReplyModel(
      answer({ intent: "product_question", reply: "Tas ini terbuat dari rotan asli." }),
    );
    const composed = await compose(
      model,
      translator,
      input({ market: marketWith("ID", { posture: "cautious" }) }),
    );
    expect(composed.decision).toMatchObject({ kind: "escalate", reason: "needs_review" });
  });
});
