/** Builds the handoff packet (R4): everything an agent needs so the first message is never a question already answered. */
import { responseDue } from "./business-hours";
import type { Conversation, EscalationReason, TranscriptEntry } from "./conversation";
import type { HandoffPacket } from "./escalation";
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

/** The agents' working language for the summary until agents' own languages are known at read time. */
const AGENT_LOCALE = "en";

export function buildHandoffPacket(translator: Translator, input: HandoffInput): HandoffPacket {
  const { conversation, market } = input;
  const t = (key: string, values?: Record<string, unknown>) =>
    translator.t(AGENT_LOCALE, `agent:${key}`, values);
  const languageName =
    new Intl.DisplayNames([AGENT_LOCALE], { type: "language" }).of(input.language) ?? input.language;
  const marketName = new Intl.DisplayNames([AGENT_LOCALE], { type: "region" }).of(market.code) ?? market.code;
  const summary = t("summary", {
    shopper: conversation.shopper.name ?? t("unknown_shopper"),
    language: languageName,
    market: marketName,
    intent: t(`intent.${input.intent}`),
    order: input.order?.name ?? t("no_order"),
    reason: t(`reason.${input.reason}`),
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
    priority: priorityOf(input.reason, input.order),
    summary,
    shopper: { id: conversation.shopper.id, name: conversation.shopper.name ?? null },
    order: input.order,
    draft: input.draft,
    transcript: input.transcript,
    createdAt,
    dueAt: responseDue(
      market.businessHours,
      market.timeZone,
      market.firstResponseMinutes,
      input.now,
    ).toISOString(),
  };
}
