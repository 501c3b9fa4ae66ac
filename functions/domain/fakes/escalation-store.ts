/**
 * The inbox in memory, with the DynamoDB store's rules: a redelivered packet is recorded once, a change is written only
 * over the state it was decided on (two agents never both win), and lists run most urgent first with cursors that
 * only work for the shops and regions they were made for.
 */
import { type Escalation, newEscalation } from "../escalation";
import type { EscalationId, ShopId } from "../ids";
import type { EscalationStore } from "../ports";
import { inboxSortKey } from "../priority";
import { copy, pageOf } from "./page";

export interface FakeEscalationStore extends EscalationStore {
  /** Every stored escalation, whatever its shop, region or status (for assertions). */
  all(): Escalation[];
}

/**
 * An EscalationStore in memory; `listShops` answers "every shop" for agents whose claims say "*" (by default, the
 * shops that have escalations here).
 */
export function createFakeEscalationStore(listShops?: () => Promise<readonly ShopId[]>): FakeEscalationStore {
  const stored = new Map<string, Escalation>();
  const keyOf = (shopId: ShopId, id: EscalationId) => `${shopId}\u0000${id}`;
  const shopsOf = async (shops: readonly ShopId[] | "*") =>
    shops !== "*"
      ? shops
      : listShops
        ? await listShops()
        : [...new Set([...stored.values()].map((e) => e.shopId))];
  return {
    async record(packet) {
      const key = keyOf(packet.shopId, packet.escalationId);
      if (stored.has(key)) return "exists";
      stored.set(key, newEscalation(copy(packet)));
      return "created";
    },

    async listInbox(filter, page) {
      const shops = await shopsOf(filter.shops);
      const matching = [...stored.values()].filter(
        (e) => shops.includes(e.shopId) && filter.regions.includes(e.region) && e.status === filter.status,
      );
      // The sort key is the adapter's; the cursor is bound to exactly this set of shops, regions and status.
      const scope = JSON.stringify({
        shops: [...shops].sort(),
        regions: [...filter.regions].sort(),
        s: filter.status,
      });
      return pageOf(
        matching.map((e) => ({
          key: `${inboxSortKey(e.priority, e.dueAt, e.escalationId)}#${e.shopId}`,
          item: copy(e),
        })),
        page,
        scope,
      );
    },

    async listCreated(shopId, from, to) {
      return [...stored.values()]
        .filter((e) => e.shopId === shopId && e.createdAt >= from && e.createdAt < to)
        .map(copy);
    },

    async find(shops, id) {
      for (const shop of await shopsOf(shops)) {
        const found = stored.get(keyOf(shop, id));
        if (found) return copy(found);
      }
      return null;
    },

    async replace(current, next) {
      const key = keyOf(next.shopId, next.escalationId);
      const now = stored.get(key);
      // The adapter's condition: same status and same holder as the state the change was decided on.
      if (!now || now.status !== current.status || (now.claimedBy ?? "-") !== (current.claimedBy ?? "-"))
        return false;
      stored.set(key, copy(next));
      return true;
    },

    all: () => [...stored.values()].map(copy),
  };
}
