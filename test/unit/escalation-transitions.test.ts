import { describe, expect, it } from "vitest";
import { type Escalation, newEscalation, transitionError } from "../../functions/domain/escalation";
import type { EscalationId, ShopId, ConversationId } from "../../functions/domain/ids";

const waiting: Escalation = newEscalation({
  escalationId: "e_0123456789abc" as EscalationId,
  shopId: "shop.myshopify.com" as ShopId,
  conversationId: "c_1" as ConversationId,
  channel: "api",
  region: "sea",
  market: "TH",
  language: "th",
  posture: "ai-first",
  reason: "sensitive",
  intent: "sensitive_legal",
  priority: 10,
  summary: "",
  shopper: { id: "b", name: "Ploy" },
  order: null,
  draft: null,
  transcript: [],
  createdAt: "2026-01-05T02:00:00.000Z",
  dueAt: "2026-01-05T03:00:00.000Z",
});
const at = "2026-01-05T02:10:00.000Z";
const claimedBy = (agentId: string): Escalation => ({ ...waiting, status: "claimed", claimedBy: agentId });

describe("resolving an escalation", () => {
  it("is refused with not_claimed while nobody has claimed it", () => {
    expect(transitionError(waiting, { kind: "resolve", agentId: "a", at, note: null })).toEqual({
      code: "not_claimed",
      message: expect.stringContaining("Claim"),
    });
  });

  it("is allowed to the agent who claimed it", () => {
    expect(transitionError(claimedBy("a"), { kind: "resolve", agentId: "a", at, note: null })).toBeNull();
  });

  it("is a conflict for an agent who does not hold it", () => {
    expect(transitionError(claimedBy("b"), { kind: "resolve", agentId: "a", at, note: null })?.code).toBe(
      "conflict",
    );
  });

  it("still lets a waiting escalation be handed back to the AI without a claim", () => {
    expect(transitionError(waiting, { kind: "release", agentId: "a", at })).toBeNull();
  });
});
