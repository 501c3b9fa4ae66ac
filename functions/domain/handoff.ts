/** Builds the handoff packet (R4): everything an agent needs so the first message is never a question already answered. */
import type { Action } from "./actions";
import { responseDue } from "./business-hours";
import type { Conversation, EscalationReason, TranscriptEntry } from "./conversation";
import type { Escalation, HandoffPacket } from "./escalation";
import { priorityOf } from "./priority";
import type { EscalationId } from "./ids";
import { type Intent, isSensitive } from "./intent";
import type { Language } from "./language";
import type { Market } from "./markets";
import type { OrderSnapshot } from "./order";
import type { OrderResolution } from "./order-resolution";
import type { LocaleText } from "./ports";

export interface HandoffInput {
  readonly escalationId: EscalationId;
  readonly conversation: Conversation;
  readonly market: Market;
  readonly language: Language;
  readonly intent: Intent;
  readonly reason: EscalationReason;
  readonly order: OrderSnapshot | null;
  readonly transcript: readonly TranscriptEntry[];
  readonly draft: string | null;
  readonly now: Date;
  /** The channel's own reply deadline (a marketplace's, from its channel rules); null or absent when it has none. */
  readonly replyDeadlineMinutes?: number | null | undefined;
  /** The prepared order action the agent approves, declines or carries out (domain/actions.ts). */
  readonly action?: Action | null | undefined;
}

/** The summary's default language; agents read it in their own language at read time (`summarise`). */
const DEFAULT_AGENT_LOCALE = "en";

export interface SummaryFacts {
  readonly shopperName: string | null;
  readonly language: Language;
  readonly market: string;
  readonly intent: Intent;
  readonly orderName: string | null;
  readonly reason: EscalationReason;
}

/** Intents that do not say what a conversation is about: greetings, thanks, asking for a person, moods, misreads. */
const NOT_A_TOPIC: ReadonlySet<Intent> = new Set([
  "greeting",
  "thanks",
  "human_request",
  "complaint",
  "unknown",
]);

/**
 * What the conversation is about, from every shopper message's intent rather than the last one ("I want a person"
 * says why, not what): a sensitive matter once raised, else the most frequent topic (the latest on a tie), else
 * `fallback`.
 */
export function mainTopic(transcript: readonly TranscriptEntry[], fallback: Intent): Intent {
  const topics = transcript
    .flatMap((entry) => (entry.role === "shopper" && entry.intent ? [entry.intent] : []))
    .filter((intent) => !NOT_A_TOPIC.has(intent));
  const sensitive = topics.findLast(isSensitive);
  if (sensitive) return sensitive;
  const counts = new Map<Intent, number>();
  for (const topic of topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  let best: Intent = fallback;
  let most = 0;
  for (const topic of topics) {
    const count = counts.get(topic) ?? 0;
    if (count >= most) [best, most] = [topic, count];
  }
  return best;
}

/** The orders a reply describes: those the turn found for the shopper whose number the reply names. */
export function ordersQuotedIn(text: string, found: OrderResolution): string[] {
  const given = found.kind === "found" ? [found.order] : found.kind === "several" ? found.orders : [];
  return given.filter((order) => text.includes(order.name)).map((order) => order.name);
}

/** Every order the AI described in the conversation, the most recently described first. */
export function quotedOrders(transcript: readonly TranscriptEntry[]): string[] {
  const names: string[] = [];
  for (const entry of [...transcript].reverse())
    for (const name of entry.role === "ai" ? (entry.orders ?? []) : [])
      if (!names.includes(name)) names.push(name);
  return names;
}

/** The order line of a summary: the packet's order, else the orders the AI described, else none. */
function ordersLine(locale: string, order: OrderSnapshot | null, transcript: readonly TranscriptEntry[]) {
  if (order) return order.name;
  const quoted = quotedOrders(transcript);
  return quoted.length > 0 ? new Intl.ListFormat([locale], { type: "conjunction" }).format(quoted) : null;
}

/** The handoff summary in an agent's language, built from the packet's facts without a model. */
export function summarise(translator: LocaleText, locale: string, facts: SummaryFacts): string {
  const t = (key: string, values?: Record<string, unknown>) => translator.t(locale, `agent:${key}`, values);
  return t("summary", {
    shopper: facts.shopperName ?? t("unknown_shopper"),
    language: new Intl.DisplayNames([locale], { type: "language" }).of(facts.language) ?? facts.language,
    market: new Intl.DisplayNames([locale], { type: "region" }).of(facts.market) ?? facts.market,
    intent: t(`intent.${facts.intent}`),
    order: facts.orderName ?? t("no_order"),
    reason: t(`reason.${facts.reason}`),
  });
}

/** An escalation's summary in another agent language (the stored one is in the default agent locale). */
export function summaryOf(translator: LocaleText, locale: string, escalation: Escalation): string {
  return summarise(translator, locale, {
    shopperName: escalation.shopper.name,
    language: escalation.language,
    market: escalation.market,
    intent: mainTopic(escalation.transcript, escalation.intent ?? "unknown"),
    orderName: ordersLine(locale, escalation.order, escalation.transcript),
    reason: escalation.reason,
  });
}

/** R7: the market's first-response target, but never later than the channel's own reply deadline. */
function dueAt(replyDeadlineMinutes: number | null, market: Market, now: Date): Date {
  const due = responseDue(market.businessHours, market.timeZone, market.firstResponseMinutes, now);
  if (replyDeadlineMinutes === null) return due;
  const deadline = new Date(now.getTime() + replyDeadlineMinutes * 60_000);
  return deadline < due ? deadline : due;
}

export function buildHandoffPacket(translator: LocaleText, input: HandoffInput): HandoffPacket {
  const { conversation, market } = input;
  const summary = summarise(translator, DEFAULT_AGENT_LOCALE, {
    shopperName: conversation.shopper.name ?? null,
    language: input.language,
    market: market.code,
    intent: mainTopic(input.transcript, input.intent),
    orderName: ordersLine(DEFAULT_AGENT_LOCALE, input.order, input.transcript),
    reason: input.reason,
  });
  const createdAt = input.now.toISOString();
  return {
    escalationId: input.escalationId,
    shopId: conversation.shopId,
    conversationId: conversation.id,
    channel: conversation.channel,
    region: market.region,
    market: market.code,
    language: input.language,
    posture: market.posture,
    reason: input.reason,
    intent: input.intent,
    priority: priorityOf(input.reason, input.order),
    summary,
    shopper: { id: conversation.shopper.id, name: conversation.shopper.name ?? null },
    order: input.order,
    draft: input.draft,
    transcript: input.transcript,
    createdAt,
    dueAt: dueAt(input.replyDeadlineMinutes ?? null, market, input.now).toISOString(),
    ...(input.action ? { action: input.action } : {}),
  };
}
