/** What privacy erasure deletes, in memory: seeded orders, lookups, conversations and exports, each delete idempotent. */
import type { ConversationId, ShopId } from "../ids";
import { type OrderSnapshot, orderKey } from "../order";
import type { CachedOrderRecord, ErasureStore } from "../ports";
import { copy } from "./page";

export interface FakeErasureStore extends ErasureStore {
  /** Caches an order under its lookup keys (what the order store writes). */
  putOrder(shopId: ShopId, order: OrderSnapshot, lookupKeys: readonly string[]): void;
  /** Stores a conversation as `items` records (turns, messages, events), with the escalations it had. */
  putConversation(shopId: ShopId, id: ConversationId, items: number, escalationIds?: readonly string[]): void;
  /** Stores a data-request export (its `customer` is what eraseExportsAbout matches). */
  putExport(shopId: ShopId, requestId: string, data: unknown): void;
  /** How many records the shop still owns, for assertions. */
  remaining(shopId: ShopId): number;
}

interface ShopData {
  orders: Map<string, CachedOrderRecord>;
  aliases: Set<string>;
  lookups: Map<string, Map<string, OrderSnapshot>>;
  conversations: Map<string, { items: number; escalationIds: readonly string[] }>;
  escalations: Set<string>;
  exports: Map<string, unknown>;
}

/** An ErasureStore in memory: each method returns how many records it deleted, and a repeat deletes nothing. */
export function createFakeErasureStore(): FakeErasureStore {
  const shops = new Map<ShopId, ShopData>();
  const dataOf = (shopId: ShopId): ShopData => {
    let data = shops.get(shopId);
    if (!data) {
      data = {
        orders: new Map(),
        aliases: new Set(),
        lookups: new Map(),
        conversations: new Map(),
        escalations: new Set(),
        exports: new Map(),
      };
      shops.set(shopId, data);
    }
    return data;
  };
  const remaining = (shopId: ShopId) => {
    const data = dataOf(shopId);
    return (
      data.orders.size +
      data.aliases.size +
      data.lookups.size +
      [...data.conversations.values()].reduce((n, c) => n + c.items, 0) +
      data.escalations.size +
      data.exports.size
    );
  };
  return {
    putOrder(shopId, order, lookupKeys) {
      const data = dataOf(shopId);
      data.orders.set(orderKey(order.name), { order: copy(order), lookupKeys: [...lookupKeys] });
      data.aliases.add(order.id);
      for (const key of lookupKeys) {
        const index = data.lookups.get(key) ?? new Map<string, OrderSnapshot>();
        index.set(orderKey(order.name), copy(order));
        data.lookups.set(key, index);
      }
    },
    putConversation(shopId, id, items, escalationIds = []) {
      const data = dataOf(shopId);
      data.conversations.set(id, { items, escalationIds: [...escalationIds] });
      for (const e of escalationIds) data.escalations.add(e);
    },
    putExport(shopId, requestId, data) {
      dataOf(shopId).exports.set(requestId, copy(data));
    },
    remaining,
    async ordersOf(shopId, lookupKeys) {
      const orders = new Map<string, OrderSnapshot>();
      for (const key of lookupKeys)
        for (const order of dataOf(shopId).lookups.get(key)?.values() ?? [])
          orders.set(order.id, copy(order));
      return [...orders.values()];
    },
    async orderRecords(shopId, orderNames) {
      return orderNames.flatMap((name) => {
        const record = dataOf(shopId).orders.get(orderKey(name));
        return record ? [copy(record)] : [];
      });
    },
    async eraseOrders(shopId, orders) {
      const data = dataOf(shopId);
      let deleted = 0;
      for (const o of orders) {
        if (data.orders.delete(orderKey(o.name))) deleted++;
        if (data.aliases.delete(o.id)) deleted++;
      }
      return deleted;
    },
    async eraseLookups(shopId, lookupKeys) {
      const data = dataOf(shopId);
      return lookupKeys.filter((key) => data.lookups.delete(key)).length;
    },
    async unindexOrders(shopId, lookupKeys, orderNames) {
      const data = dataOf(shopId);
      const names = new Set(orderNames.map(orderKey));
      let touched = 0;
      for (const key of new Set(lookupKeys)) {
        const index = data.lookups.get(key);
        if (!index || ![...names].some((n) => index.has(n))) continue;
        for (const name of names) index.delete(name);
        // An item left empty is deleted, as the adapter does.
        if (index.size === 0) data.lookups.delete(key);
        touched++;
      }
      return touched;
    },
    async eraseConversation(shopId, id) {
      const data = dataOf(shopId);
      const conversation = data.conversations.get(id);
      if (!conversation) return 0;
      data.conversations.delete(id);
      const escalations = conversation.escalationIds.filter((e) => data.escalations.delete(e)).length;
      return conversation.items + escalations;
    },
    async eraseExportsAbout(shopId, customer) {
      const data = dataOf(shopId);
      let deleted = 0;
      for (const [requestId, stored] of data.exports) {
        const c = (stored as { customer?: { email?: string | null; phone?: string | null } } | undefined)
          ?.customer;
        const about =
          (customer.email && c?.email?.toLowerCase() === customer.email.toLowerCase()) ||
          (customer.phone && c?.phone === customer.phone);
        if (about && data.exports.delete(requestId)) deleted++;
      }
      return deleted;
    },
    async eraseOwned(shopId) {
      const deleted = remaining(shopId);
      shops.delete(shopId);
      return deleted;
    },
  };
}
