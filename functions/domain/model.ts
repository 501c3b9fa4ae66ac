/** The port of an LLM that writes replies; policy stays in code around it (docs/architecture.md). */
import type { Intent } from "./intent";
import type { Language } from "./language";
import type { Market } from "./markets";
import type { OrderSnapshot } from "./order";
import type { Awaiting, TranscriptEntry } from "./conversation";

export interface ModelRequest {
  readonly market: Market;
  readonly language: Language;
  readonly shopperName: string | undefined;
  /** Only this shopper's orders: the model never sees anyone else's data. */
  readonly orders: readonly OrderSnapshot[];
  readonly transcript: readonly TranscriptEntry[];
  readonly message: string;
  /** What the embedded engine understood, and what it would say: facts the model must not contradict. */
  readonly embeddedIntent: Intent;
  readonly embeddedDraft: string | null;
  /** How sure the embedded classifier was: below MODEL_CLASSIFIES_BELOW, or unknown, the model classifies. */
  readonly embeddedConfidence?: number | undefined;
  /** What the AI last asked and the topic it was for, and whether this message answered it (domain/dialogue.ts). */
  readonly dialogue?: ModelDialogue | undefined;
  /** Signals detected apart from the topic (domain/signals.ts): facts the model must not contradict. */
  readonly signals?: readonly string[] | undefined;
  /**
   * A store question: the shop's passages retrieved for it, the only facts the model may answer it from; it names the
   * ids of those it used (`citations`), or says they do not answer (`answeredFromPassages: false`).
   */
  readonly passages?: readonly ModelPassage[] | undefined;
}

/** A passage as the model sees it: only these fields, never the shop's other data. */
export interface ModelPassage {
  /** "article:returns-en", "policy:refund", "product:aurora-dress": the id the model cites. */
  readonly id: string;
  readonly type: "article" | "product" | "policy";
  readonly title: string;
  readonly text: string;
  /** A product's price and availability as our renderer wrote them: the model does not restate them (code adds them). */
  readonly facts?: string | undefined;
}

export interface ModelDialogue {
  readonly awaiting: Awaiting | null;
  readonly pendingIntent: Intent | null;
  readonly pendingOrder: string | null;
  /** The question this message was read as the answer to. */
  readonly answered: Awaiting | null;
}

/** Below this confidence (or when unknown) the embedded topic is a guess, and the model's reading is asked for. */
export const MODEL_CLASSIFIES_BELOW = 0.5;

export type ModelEscalationReason = "human_requested" | "frustration" | "sensitive" | "action_required";

export interface ModelAnswer {
  readonly reply: string;
  readonly intent: Intent;
  readonly confidence: number;
  readonly escalate: boolean;
  readonly reason: ModelEscalationReason | null;
  /** The passage ids the reply rests on (a store question's answer must name at least one, and only ones it was given). */
  readonly citations?: readonly string[] | undefined;
  /** Given passages: whether they answer the question (false: the model says they do not); null without passages. */
  readonly answeredFromPassages?: boolean | null | undefined;
}

export interface ReplyModel {
  /** The model's name as the provider knows it, recorded on each reply it writes (R3). */
  readonly name?: string | undefined;
  /** The version of the prompt it is called with (R3). */
  readonly promptVersion?: string | undefined;
  /** The model's answer, or null when it failed (timeout, rate limit, invalid output): callers fall back. */
  write(request: ModelRequest): Promise<ModelAnswer | null>;
}
