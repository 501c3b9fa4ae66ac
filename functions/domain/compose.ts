/**
 * Lets a configured model write the reply the policy decided on, and keeps the policy in charge: requests for a
 * person, sensitive matters, frustration, R5 and posture are applied to the model's answer too, and any model
 * failure falls back to the embedded engine's reply.
 */
import { renderLines } from "./render";
import type { EscalationReason, Engine, Memory, TranscriptEntry } from "./conversation";
import { type Intent, isSensitive } from "./intent";
import type { Language } from "./language";
import type { Market } from "./markets";
import type { ModelAnswer, ModelDialogue, ReplyModel } from "./model";
import type { OrderSnapshot } from "./order";
import { applyPosture, type Decision } from "./policy";
import type { LocaleText } from "./ports";
import type { SourceRef } from "./knowledge";
import { checkCitations, type GivenPassage, groundedText, type Rejection } from "./knowledge-answer";

export interface Composed {
  readonly decision: Decision;
  readonly engine: Engine;
  readonly intent: Intent;
  readonly confidence: number;
  /** What a knowledge answer rests on (articles, products, policies); the orders quoted are added when rendered. */
  readonly sources?: readonly SourceRef[] | undefined;
}

export interface ComposeInput {
  readonly decision: Decision;
  readonly intent: Intent;
  readonly confidence: number;
  readonly market: Market;
  readonly language: Language;
  readonly locale: string;
  readonly shopperName: string | undefined;
  readonly orders: readonly OrderSnapshot[];
  readonly transcript: readonly TranscriptEntry[];
  readonly message: string;
  readonly firstReply: boolean;
  /** What the AI last asked, for the model to read the message as its answer. */
  readonly dialogue?: ModelDialogue | undefined;
  /** Signals read apart from the topic, for the model to respect. */
  readonly signals?: readonly string[] | undefined;
}

/** Answers a model may give without a person deciding in a cautious market. */
const STATUS_INTENTS: ReadonlySet<Intent> = new Set(["order_status", "delivery_delay"]);
const MIN_MODEL_CONFIDENCE = 0.5;

export async function compose(
  model: ReplyModel | undefined,
  translator: LocaleText,
  input: ComposeInput,
): Promise<Composed> {
  const embedded: Composed = {
    decision: input.decision,
    engine: "embedded",
    intent: input.intent,
    confidence: input.confidence,
  };
  const { decision } = input;
  // The model writes ordinary replies and gets a chance at what the embedded engine did not understand; handoffs
  // decided by policy keep their fixed, tested wording.
  const mayAnswer =
    decision.kind === "reply" || (decision.kind === "escalate" && decision.reason === "not_understood");
  if (!model || !mayAnswer) return embedded;

  const answer = await model.write({
    market: input.market,
    language: input.language,
    shopperName: input.shopperName,
    orders: input.orders,
    transcript: input.transcript,
    message: input.message,
    embeddedIntent: input.intent,
    embeddedConfidence: input.confidence,
    dialogue: input.dialogue,
    signals: input.signals,
    embeddedDraft:
      decision.kind === "reply"
        ? renderLines(translator, decision.lines, { locale: input.locale, market: input.market })
        : null,
  });
  if (!answer || answer.intent === "unknown" || answer.confidence < MIN_MODEL_CONFIDENCE) return embedded;

  const memory: Memory = { ...decision.memory, lastIntent: answer.intent, misunderstandings: 0 };
  const reason = escalationReason(answer);
  if (reason) {
    return {
      decision: modelHandoff(reason, memory, answer.reply),
      engine: "openai",
      intent: answer.intent,
      confidence: answer.confidence,
    };
  }
  const reply: Decision = {
    kind: "reply",
    lines: [{ text: answer.reply, statusAnswer: STATUS_INTENTS.has(answer.intent) }],
    memory,
  };
  return {
    decision: applyPosture(reply, { posture: input.market.posture, firstReply: input.firstReply }),
    engine: "openai",
    intent: answer.intent,
    confidence: answer.confidence,
  };
}

/** The policy's reading of the model's answer: its own request to escalate, or an intent that always goes to a person. */
function escalationReason(answer: ModelAnswer): EscalationReason | null {
  if (answer.intent === "human_request") return "human_requested";
  if (isSensitive(answer.intent)) return "sensitive";
  if (answer.intent === "complaint") return "frustration";
  return answer.escalate ? (answer.reason ?? "action_required") : null;
}

export interface KnowledgeComposeInput {
  /** The conversation's memory as the policy left it. */
  readonly memory: Memory;
  readonly intent: Intent;
  readonly market: Market;
  readonly language: Language;
  readonly shopperName: string | undefined;
  readonly transcript: readonly TranscriptEntry[];
  readonly message: string;
  readonly firstReply: boolean;
  /** The retrieved passages, as the model sees them: the only facts it may answer from. */
  readonly passages: readonly GivenPassage[];
}

/** What the model made of a store question: an answer (or its escalation), "nothing answers", or a rejected answer. */
export type KnowledgeComposed =
  | { readonly kind: "answered"; readonly composed: Composed }
  | { readonly kind: "not_answered" }
  | { readonly kind: "rejected"; readonly why: Rejection | "model_failed" };

/**
 * A store question written by the model from the retrieved passages, in the same single call that writes the reply:
 * taken only when it cites passages it was given (and invents no number), then sourced by exactly those and held to
 * the market's posture; the model's "they do not answer" leads to R5. Anything else is rejected, and the caller falls
 * back to the embedded engine's grounded answer.
 */
export async function composeFromKnowledge(
  model: ReplyModel,
  input: KnowledgeComposeInput,
): Promise<KnowledgeComposed> {
  const answer = await model.write({
    market: input.market,
    language: input.language,
    shopperName: input.shopperName,
    // A store question: the model sees the shop's passages, no orders.
    orders: [],
    transcript: input.transcript,
    message: input.message,
    embeddedIntent: input.intent,
    embeddedDraft: null,
    passages: input.passages.map(({ source: _source, ...seen }) => seen),
  });
  if (!answer) return { kind: "rejected", why: "model_failed" };
  const memory: Memory = { ...input.memory, lastIntent: input.intent, misunderstandings: 0 };
  const reason = escalationReason(answer);
  // "Nothing here answers" is R5's to handle (one clarifying question first), even when the model also asks for a person.
  if (answer.answeredFromPassages === false && (reason === null || reason === "action_required"))
    return { kind: "not_answered" };
  if (reason) {
    // The model saw something for a person after all: our handoff line, its words as the agent's draft.
    return {
      kind: "answered",
      composed: {
        decision: modelHandoff(reason, memory, answer.reply),
        engine: "openai",
        intent: answer.intent === "unknown" ? input.intent : answer.intent,
        confidence: answer.confidence,
        sources: [],
      },
    };
  }
  const check = checkCitations(answer, input.passages, input.message);
  if (!check.ok) return { kind: "rejected", why: check.why };
  const reply: Decision = {
    kind: "reply",
    lines: [{ text: groundedText(answer.reply, check.cited), statusAnswer: false }],
    memory,
  };
  return {
    kind: "answered",
    composed: {
      decision: applyPosture(reply, { posture: input.market.posture, firstReply: input.firstReply }),
      engine: "openai",
      // The store topic was ours to decide (it chose this path); the model only wrote the answer.
      intent: input.intent,
      confidence: answer.confidence,
      sources: check.cited.map((p) => p.source),
    },
  };
}

/** The model saw something for a person: our handoff line, the model's words as the agent's draft. */
function modelHandoff(reason: EscalationReason, memory: Memory, modelReply: string): Decision {
  return {
    kind: "escalate",
    reason,
    lines: [{ key: `handoff.${reason}` }],
    // A person takes over: no question of ours is open any more.
    memory: { ...memory, awaiting: null, pendingIntent: undefined, pendingOrder: undefined },
    draft: [{ text: modelReply, statusAnswer: false }],
  };
}
