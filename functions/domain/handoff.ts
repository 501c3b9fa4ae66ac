/** Builds the handoff packet (R4): everything an agent needs so the first message is never a question already answered. */
import { responseDue } from "./business-hours";
import { isMarketplace, REPLY_DEADLINE_MINUTES } from "./marketplace";
import type { Conversation, EscalationReason, TranscriptEntry } from "./conversation";
import type { Escalation, HandoffPacket } from "./escalation";
import { priorityOf } from "./priority";
import type { EscalationId } from "./ids";
import type { Intent } from "./intent";
import type { Language } from "./language";
import type { Market } from "./markets";
import type { OrderSnapshot } from "./order";
import type { Translator } from "./ports";

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

/** The handoff summary in an agent's language, built from the packet's facts without a model. */
export function summarise(translator: Translator, locale: string, facts: SummaryFacts): string {
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
export function summaryOf(translator: Translator, locale: string, escalation: Escalation): string {
  return summarise(translator, locale, {
    shopperName: escalation.shopper.name,
    language: escalation.language,
    market: escalation.market,
    intent: escalation.intent ?? "unknown",
    orderName: escalation.order?.name ?? null,
    reason: escalation.reason,
  });
}

/** R7: the market's first-response target, but never later than the marketplace's own reply deadline. */
function dueAt(channel: string, market: Market, now: Date): Date {
  const due = responseDue(market.businessHours, market.timeZone, market.firstResponseMinutes, now);
  if (!isMarketplace(channel)) return due;
  const deadline = new Date(now.getTime() + REPLY_DEADLINE_MINUTES[channel] * 60_000);
  return deadline < due ? deadline : due;
}

export function buildHandoffPacket(translator: Translator, input: HandoffInput): HandoffPacket {
  const { conversation, market } = input;
  const summary = summarise(translator, DEFAULT_AGENT_LOCALE, {
    shopperName: conversation.shopper.name ?? null,
    language: input.language,
    market: market.code,
    intent: input.intent,
    orderName: input.order?.name ?? null,
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
    dueAt: dueAt(conversation.channel, market, input.now).toISOString(),
  };
}
