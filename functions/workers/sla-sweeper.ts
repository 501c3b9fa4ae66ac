/**
 * The SLA sweeper (R7), run every minute: an escalation past its due time without a person's reply is marked
 * overdue, moved to the top of its inbox, reported as a metric and to the seller's notification endpoint.
 */
import type { Escalation } from "../domain/escalation";
import { REGIONS } from "../domain/markets";
import type { Clock, EscalationStore, Logger, Metrics, Notifier, ShopStore } from "../domain/ports";
import { OVERDUE_PRIORITY } from "../domain/priority";

export interface SweeperDeps {
  readonly inbox: EscalationStore;
  readonly shops: Pick<ShopStore, "get" | "listShopIds">;
  readonly notifier: Notifier;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
}

export async function sweepOverdue(deps: SweeperDeps): Promise<{ overdue: number }> {
  const now = deps.clock.now();
  let overdue = 0;
  for (const shopId of await deps.shops.listShopIds()) {
    const late: Escalation[] = [];
    for (const status of ["pending", "claimed"] as const) {
      let cursor: string | undefined;
      do {
        const page = await deps.inbox.listInbox(
          { shops: [shopId], regions: REGIONS, status },
          { limit: 100, cursor },
        );
        late.push(
          ...page.items.filter((e) => !e.overdueAt && !e.firstHumanReplyAt && new Date(e.dueAt) <= now),
        );
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    if (late.length === 0) continue;
    const shop = await deps.shops.get(shopId);
    for (const escalation of late) {
      const marked: Escalation = { ...escalation, overdueAt: now.toISOString(), priority: OVERDUE_PRIORITY };
      // Lost to a concurrent claim or reply: the next sweep decides again.
      if (!(await deps.inbox.replace(escalation, marked))) continue;
      overdue++;
      deps.metrics.count("OverdueEscalations", { market: escalation.market, region: escalation.region });
      deps.logger.warn("escalation overdue", {
        escalationId: escalation.escalationId,
        region: escalation.region,
        dueAt: escalation.dueAt,
      });
      if (shop) await deps.notifier.notify(shop, "escalation.overdue", marked);
    }
  }
  return { overdue };
}
