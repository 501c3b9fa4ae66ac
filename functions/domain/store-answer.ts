/**
 * A store question answered as a shopper gets it, shared by the reply pipeline (handle-message) and the seller's test
 * box (POST /v1/knowledge/ask and the inbox's knowledge page), so the seller tests exactly what shoppers are told: the
 * shop's knowledge searched, then with a model configured its answer from the passages, citations checked, and the
 * embedded engine's grounded answer when the model's answer is rejected or there is no model.
 */
import { type Composed, composeFromKnowledge } from "./compose";
import type { Engine, Memory, TranscriptEntry } from "./conversation";
import type { Intent } from "./intent";
import type { KnowledgeBase } from "./knowledge";
import {
  type AnswerRequest,
  buildKnowledgeAnswer,
  type KnowledgeAnswer,
  modelPassages,
  noKnowledgeAnswer,
  type Rejection,
  retrieveKnowledge,
} from "./knowledge-answer";
import { localeFor } from "./languages";
import type { Market } from "./markets";
import type { ReplyModel } from "./model";
import type { LocaleText, Metrics, ShopRecord } from "./ports";
import { renderLines } from "./render";

/**
 * Why the embedded engine answered although a model is configured: the model's answer was rejected (a citation check,
 * or the call failed), or nothing was retrieved for it to answer from, so it was not asked.
 */
export type KnowledgeFallback = Rejection | "model_failed" | "no_passages";
export const KNOWLEDGE_FALLBACKS = [
  "no_citation",
  "unknown_citation",
  "unsupported_number",
  "model_failed",
  "no_passages",
] as const satisfies readonly KnowledgeFallback[];

export interface StoreAnswerDeps {
  readonly knowledge: KnowledgeBase;
  readonly translator: LocaleText;
  readonly model?: ReplyModel | undefined;
  /** Counts the model's rejected answers; the test box passes none, so a seller's test is not counted as a shopper's. */
  readonly metrics?: Metrics | undefined;
}

/** The question with the conversation it is asked in (the test box asks it as a shopper's first message). */
export interface StoreQuestion {
  readonly request: AnswerRequest & { readonly intent: Intent };
  readonly market: Market;
  /** The conversation's memory as the policy left it. */
  readonly memory: Memory;
  readonly shopperName: string | undefined;
  readonly transcript: readonly TranscriptEntry[];
  readonly firstReply: boolean;
}

/** How a store question was answered: by the model (checked, posture applied), "nothing answers" by it, or embedded. */
export type StoreAnswer =
  | { readonly kind: "model"; readonly composed: Composed }
  /** The model read the passages and none answers: R5's to handle, as when the embedded engine finds none. */
  | { readonly kind: "model_not_answered" }
  | {
      readonly kind: "embedded";
      readonly answer: KnowledgeAnswer;
      /** Set only with a model configured: why its answer was not the one given. */
      readonly fallbackReason?: KnowledgeFallback | undefined;
    };

/**
 * Searches the shop's knowledge at the version the caller read and answers as a shopper is answered: with a model, in
 * one call from the passages, taken only when its citations check out; the embedded engine's answer otherwise.
 */
export async function answerStoreQuestion(
  deps: StoreAnswerDeps,
  shop: Pick<ShopRecord, "id" | "knowledgeVersion">,
  question: StoreQuestion,
): Promise<StoreAnswer> {
  const { request } = question;
  const passages = await retrieveKnowledge(deps, shop, request);
  const embedded = (fallbackReason?: KnowledgeFallback): StoreAnswer => ({
    kind: "embedded",
    answer: buildKnowledgeAnswer(deps.translator, passages, request),
    ...(fallbackReason ? { fallbackReason } : {}),
  });
  if (!deps.model) return embedded();
  if (passages.length === 0) return embedded("no_passages");
  const byModel = await composeFromKnowledge(deps.model, {
    memory: question.memory,
    intent: request.intent,
    market: question.market,
    language: request.language,
    shopperName: question.shopperName,
    transcript: question.transcript,
    message: request.question,
    firstReply: question.firstReply,
    passages: modelPassages(deps.translator, passages, request),
  });
  if (byModel.kind === "answered") return { kind: "model", composed: byModel.composed };
  if (byModel.kind === "not_answered") return { kind: "model_not_answered" };
  deps.metrics?.count("KnowledgeModelRejected", { market: question.market.code, why: byModel.why });
  return embedded(byModel.why);
}

/** The test box's view of a store answer: its text before the market's posture, its sources and its engine. */
export interface ShownStoreAnswer extends KnowledgeAnswer {
  readonly engine: Engine;
  readonly fallbackReason?: KnowledgeFallback | undefined;
}

/**
 * What the shopper is told, as the seller's test box shows it: the answer's own text and sources, without the lines
 * the market's posture adds (the test box shows the answer a person approves in a cautious market, not the handoff),
 * or the handoff line when the model itself hands the question to a person.
 */
export function showStoreAnswer(
  t: LocaleText,
  answer: StoreAnswer,
  question: Pick<StoreQuestion, "request" | "market">,
): ShownStoreAnswer {
  const { request, market } = question;
  const locale = request.locale ?? localeFor(request.language, request.market);
  if (answer.kind === "embedded")
    return {
      ...answer.answer,
      engine: "embedded",
      ...(answer.fallbackReason ? { fallbackReason: answer.fallbackReason } : {}),
    };
  if (answer.kind === "model_not_answered") return { ...noKnowledgeAnswer(t, locale), engine: "openai" };
  const { decision, sources = [] } = answer.composed;
  // Never from a store answer (the model only replies or hands over); the type allows it.
  if (decision.kind === "held") return { ...noKnowledgeAnswer(t, locale), engine: "openai" };
  const written = [...decision.lines, ...(decision.kind === "escalate" ? (decision.draft ?? []) : [])].filter(
    (line) => "text" in line,
  );
  // Sources come only with an answer whose citations were checked; without them the model handed over to a person.
  if (sources.length > 0 && written.length > 0)
    return { answered: true, text: renderLines(t, written, { locale, market }), sources, engine: "openai" };
  return {
    answered: false,
    text: renderLines(t, decision.lines, { locale, market }),
    sources: [],
    engine: "openai",
  };
}
