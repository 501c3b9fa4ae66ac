/** R10: per market and for the shop, AI containment, escalations by reason, first-response times, unresolved work. */
import type { Conversation, EscalationReason } from "./conversation";
import type { Escalation } from "./escalation";
import type { Marketplace } from "./marketplace";

export interface Timing {
  readonly count: number;
  readonly p50: number | null;
  readonly mean: number | null;
}

export interface MarketFigures {
  readonly conversations: number;
  /** Conversations the AI handled without a person. */
  readonly aiContained: number;
  readonly containmentRate: number | null;
  readonly escalations: number;
  readonly escalationsByReason: Partial<Record<EscalationReason, number>>;
  readonly firstAiReplyMs: Timing;
  readonly firstHumanReplyMinutes: Timing;
  /** Escalations a person resolved (not handed back or still open), as a share of escalations. */
  readonly resolvedAfterHandoffRate: number | null;
  readonly overdue: number;
  /** Conversations waiting for or held by a person. */
  readonly unresolved: number;
  /** Shoppers' ratings (1–5) of the help they got, the AI's alone and a person's after a handoff. */
  readonly ratings: { readonly ai: RatingFigures; readonly person: RatingFigures };
}

export interface RatingFigures {
  readonly count: number;
  /** The mean score, 1–5. */
  readonly mean: number | null;
}

function ratingFigures(conversations: readonly Conversation[], by: "ai" | "person"): RatingFigures {
  const scores = conversations.flatMap((c) => (c.rating?.by === by ? [c.rating.score] : []));
  return {
    count: scores.length,
    mean: scores.length === 0 ? null : round(scores.reduce((a, b) => a + b, 0) / scores.length),
  };
}

function timing(values: number[]): Timing {
  if (values.length === 0) return { count: 0, p50: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    count: values.length,
    p50: round(sorted[Math.floor(sorted.length / 2)] as number),
    mean: round(mean),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
const rate = (part: number, whole: number) => (whole === 0 ? null : round((100 * part) / whole) / 100);

function figures(conversations: readonly Conversation[], escalations: readonly Escalation[]): MarketFigures {
  const escalated = new Set(escalations.map((e) => e.conversationId));
  const contained = conversations.filter((c) => !c.escalationId && !escalated.has(c.id)).length;
  const byReason: Partial<Record<EscalationReason, number>> = {};
  for (const e of escalations) byReason[e.reason] = (byReason[e.reason] ?? 0) + 1;
  const humanMinutes = escalations.flatMap((e) =>
    e.firstHumanReplyAt ? [(Date.parse(e.firstHumanReplyAt) - Date.parse(e.createdAt)) / 60_000] : [],
  );
  return {
    conversations: conversations.length,
    aiContained: contained,
    containmentRate: rate(contained, conversations.length),
    escalations: escalations.length,
    escalationsByReason: byReason,
    firstAiReplyMs: timing(
      conversations.flatMap((c) => (c.firstReplyMs === undefined ? [] : [c.firstReplyMs])),
    ),
    firstHumanReplyMinutes: timing(humanMinutes),
    resolvedAfterHandoffRate: rate(
      escalations.filter((e) => e.resolution === "resolved").length,
      escalations.length,
    ),
    overdue: escalations.filter((e) => e.overdueAt).length,
    unresolved: conversations.filter((c) => c.status === "pending_human" || c.status === "human").length,
    ratings: { ai: ratingFigures(conversations, "ai"), person: ratingFigures(conversations, "person") },
  };
}

export function analytics(conversations: readonly Conversation[], escalations: readonly Escalation[]) {
  const markets = [
    ...new Set([...conversations.map((c) => c.market), ...escalations.map((e) => e.market)]),
  ].sort();
  return {
    shop: figures(conversations, escalations),
    markets: Object.fromEntries(
      markets.map((m) => [
        m,
        figures(
          conversations.filter((c) => c.market === m),
          escalations.filter((e) => e.market === m),
        ),
      ]),
    ),
  };
}

/** One marketplace's replies in the window: the AI's, people's, and which of them its response rate counts. */
export interface MarketplaceReplyFigures {
  readonly aiReplies: number;
  readonly humanReplies: number;
  /** Whether the marketplace counts automated replies towards the seller's chat response rate. */
  readonly aiRepliesCountTowardsResponseRate: boolean;
  /** The replies the marketplace's response rate sees. */
  readonly repliesCountingTowardsResponseRate: number;
}

/**
 * R10 per marketplace: replies the AI sent and replies people sent (agents in the inbox, the seller's staff in the
 * marketplace app), so the seller sees what counts towards each marketplace's response rate.
 */
export function marketplaceReplies(
  counts: Partial<Record<Marketplace, { aiReplies: number; humanReplies: number }>>,
  aiRepliesCount: (marketplace: Marketplace) => boolean,
): Partial<Record<Marketplace, MarketplaceReplyFigures>> {
  const out: Partial<Record<Marketplace, MarketplaceReplyFigures>> = {};
  for (const [marketplace, c] of Object.entries(counts) as [
    Marketplace,
    { aiReplies: number; humanReplies: number },
  ][]) {
    const counted = aiRepliesCount(marketplace);
    out[marketplace] = {
      aiReplies: c.aiReplies,
      humanReplies: c.humanReplies,
      aiRepliesCountTowardsResponseRate: counted,
      repliesCountingTowardsResponseRate: c.humanReplies + (counted ? c.aiReplies : 0),
    };
  }
  return out;
}
