/**
 * A marketplace's rules on what a seller may send (docs/protocols.md): a reply window after the buyer's last message
 * and a cap on messages in a row without a buyer reply. Past either, nothing is sent: the conversation goes to a
 * person with the reason (the escalation consumer then tells the seller), because only a person can reach the buyer
 * another way.
 */
import type { Conversation, EscalationReason } from "./conversation";
import type { HandoffPacket } from "./escalation";
import { buildHandoffPacket } from "./handoff";
import { escalationIdFor } from "./identifiers";
import { type MarketOverride, type MarketCode, marketWith } from "./markets";
import type { Marketplace } from "./marketplace";
import type { ChannelActivity, ReplyRecord } from "./ports";
import type { LocaleText } from "./translator";

/** The rules this module enforces, as a channel's catalogue entry states them (null: no such rule). */
export interface SendingRules {
  readonly replyWindowHours: number | null;
  readonly maxConsecutiveReplies: number | null;
}

// Declared in ports.ts (this module imports handoff.ts, which imports ports.ts, so the port cannot live here).
export type { ChannelActivity, ChannelActivityStore, ReplyAuthor, ReplyRecord } from "./ports";

export type HoldBackReason = Extract<EscalationReason, "channel_window_closed" | "channel_cap_reached">;

/** Why a reply of `parts` messages may not go out now, or null when it may. */
export function holdBackReason(
  rules: SendingRules,
  activity: ChannelActivity,
  parts: number,
  now: Date,
): HoldBackReason | null {
  // A reply already begun is finished: its first part passed these checks.
  if (activity.partsSent > 0) return null;
  if (
    rules.replyWindowHours !== null &&
    activity.buyerLastAt !== null &&
    now.getTime() - Date.parse(activity.buyerLastAt) > rules.replyWindowHours * 3600_000
  )
    return "channel_window_closed";
  // The whole reply or none of it: half an answer is worse than a person's.
  if (rules.maxConsecutiveReplies !== null && activity.sellerStreak + parts > rules.maxConsecutiveReplies)
    return "channel_cap_reached";
  return null;
}

/**
 * The handoff packet for a reply the marketplace will not take, with the reply as the agent's draft; null when the
 * conversation is already with a person (it needs no second escalation).
 */
export function holdBackPacket(
  translator: LocaleText,
  input: {
    readonly conversation: Conversation;
    readonly reason: HoldBackReason;
    readonly replyKey: string;
    readonly text: string;
    readonly marketOverrides?: Partial<Record<MarketCode, MarketOverride>> | undefined;
    readonly replyDeadlineMinutes: number | null;
    readonly now: Date;
  },
): HandoffPacket | null {
  const { conversation } = input;
  if (conversation.status !== "ai") return null;
  const market = marketWith(conversation.market, input.marketOverrides?.[conversation.market]);
  return buildHandoffPacket(translator, {
    escalationId: escalationIdFor(conversation.id, `held:${input.replyKey}`),
    conversation: { ...conversation, status: "pending_human" },
    market,
    language: conversation.memory.language ?? market.languages[0],
    intent: conversation.memory.lastIntent ?? "unknown",
    reason: input.reason,
    order: null,
    transcript: conversation.recent,
    draft: input.text,
    now: input.now,
    replyDeadlineMinutes: input.replyDeadlineMinutes,
  });
}

/** Per marketplace: replies the AI sent and replies people sent. */
export function repliesByMarketplace(
  records: readonly ReplyRecord[],
): Partial<Record<Marketplace, { aiReplies: number; humanReplies: number }>> {
  const out: Partial<Record<Marketplace, { aiReplies: number; humanReplies: number }>> = {};
  for (const r of records) {
    const figures = out[r.marketplace] ?? { aiReplies: 0, humanReplies: 0 };
    if (r.author === "ai") figures.aiReplies++;
    else figures.humanReplies++;
    out[r.marketplace] = figures;
  }
  return out;
}
