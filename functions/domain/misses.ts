/** Which AI replies count as "could not answer" for the seller's report: pure, decided when the turn is planned. */
import type { MissKind, Source, Turn } from "./conversation";
import { type Intent, STORE_INTENTS } from "./intent";
import type { Decision } from "./policy";
import type { Miss } from "./ports";

/**
 * A clarifying question, a handoff for not understanding, or a question about the shop answered (or passed on)
 * without a source the answer rested on; null for everything the AI did answer.
 */
export function missOf(decision: Decision, intent: Intent, sources: readonly Source[]): MissKind | null {
  if (decision.kind === "held") return null;
  if (decision.kind === "escalate" && decision.reason === "not_understood") return "not_understood";
  // A question about the shop that nothing the seller wrote answers (asked again, or passed on) is a missing source:
  // the report's "write an article for this" is the fix, not a rephrasing.
  const answeredOrPassedOn =
    decision.kind === "reply" || (decision.kind === "escalate" && decision.reason === "action_required");
  if (STORE_INTENTS.has(intent) && answeredOrPassedOn && sources.length === 0) return "no_source";
  if (decision.kind === "reply" && decision.lines.some((line) => "key" in line && line.key === "clarify"))
    return "clarifying";
  return null;
}

/** The seller's report entry for a stored turn the AI could not answer; null for a turn it did answer or held. */
export function reportedMiss(turn: Turn): Miss | null {
  const outcome = turn.outcome;
  if (outcome.kind === "held" || !outcome.reply.miss) return null;
  return {
    conversationId: turn.conversationId,
    messageId: turn.messageId,
    at: turn.receivedAt,
    question: turn.text,
    language: outcome.reply.language,
    topic: outcome.reply.intent,
    kind: outcome.reply.miss,
    market: turn.market,
  };
}
