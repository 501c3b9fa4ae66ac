/**
 * How urgent an escalation is (lower first): the reason first (R6: sensitive matters and upset shoppers), then the
 * order's value, so a high-value order is answered before a low-value one with the same reason. Overdue ones go
 * to the very top.
 */
import type { EscalationReason } from "./conversation";
import type { Escalation } from "./escalation";
import { highValueThreshold } from "./markets";
import type { OrderSnapshot } from "./order";

const BY_REASON: Record<EscalationReason, number> = {
  sensitive: 10,
  frustration: 20,
  human_requested: 30,
  not_understood: 30,
  action_required: 40,
  needs_review: 40,
  media: 35,
  // The agent who took it over holds it already: nobody else needs it sooner.
  agent_takeover: 50,
  // A reply the marketplace will not take: only a person can reach the buyer another way.
  channel_window_closed: 30,
  channel_cap_reached: 30,
};

export const OVERDUE_PRIORITY = 0;

export function priorityOf(reason: EscalationReason, order: OrderSnapshot | null): number {
  // Each market's entry holds its threshold (about USD 200 in its currency), so a market cannot lack one.
  const threshold = order ? highValueThreshold(order.total.currency) : undefined;
  const highValue = threshold !== undefined && Number(order?.total.amount) >= threshold;
  return BY_REASON[reason] - (highValue ? 5 : 0);
}

/** The inbox's sort key: priority, then SLA due time; zero-padded so strings sort as numbers. */
export const inboxSortKey = (priority: number, dueAt: string, id: string) =>
  `${String(priority).padStart(2, "0")}#${dueAt}#${id}`;

/** An agent's queue order: most urgent first, then escalations in a language the agent reads, then the earliest due. */
export function queueOrderFor(
  languages: readonly string[],
): (
  a: Pick<Escalation, "priority" | "language" | "dueAt">,
  b: Pick<Escalation, "priority" | "language" | "dueAt">,
) => number {
  const reads = new Set(languages);
  const unread = (e: Pick<Escalation, "language">) => Number(!reads.has(e.language));
  return (a, b) => a.priority - b.priority || unread(a) - unread(b) || a.dueAt.localeCompare(b.dueAt);
}
