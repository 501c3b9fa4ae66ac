/** The order cache in memory: the same rules as the DynamoDB one, so an older snapshot never replaces a newer one. */
import { normaliseEmail } from "../contact";
import type { ShopId } from "../ids";
import { type OrderSnapshot, orderKey } from "../order";
import type { OrderLookup, OrderReader, OrderStore } from "../ports";
import { shopperLookupKeys } from "../privacy";
import { copy } from "./page";

export interface FakeOrderStore extends OrderStore, OrderReader {
  /** The orders indexed under one shopper lookup key (what the conversation store's turn context reads). */
  ordersFor(shopId: ShopId, lookupKey: string): OrderSnapshot[];
}

const id = (shopId: ShopId, key: string) => `${shopId}\u0000${key}`;

/** An OrderStore and OrderReader in memory: conditional on `updatedAt` for the order and for each lookup key. */
export function createFakeOrderStore(): FakeOrderStore {
  const orders = new Map<string, OrderSnapshot>();
  const lookups = new Map<string, Map<string, OrderSnapshot>>();
  return {
    async putOrder(shopId, order, lookupKeys) {
      const key = id(shopId, orderKey(order.name));
      const stored = orders.get(key);
      // The adapter's condition: absent, or not newer than this snapshot (an equal one is written again).
      if (stored && stored.updatedAt > order.updatedAt) return;
      orders.set(key, copy(order));
      for (const lookupKey of lookupKeys) {
        const index = lookups.get(id(shopId, lookupKey)) ?? new Map<string, OrderSnapshot>();
        const indexed = index.get(orderKey(order.name));
        if (!indexed || indexed.updatedAt <= order.updatedAt) index.set(orderKey(order.name), copy(order));
        lookups.set(id(shopId, lookupKey), index);
      }
    },
    async getOrder(shopId, name) {
      const order = orders.get(id(shopId, orderKey(name)));
      return order ? copy(order) : null;
    },
    ordersFor: (shopId, lookupKey) => [...(lookups.get(id(shopId, lookupKey))?.values() ?? [])].map(copy),
  };
}

export interface FakeOrderLookup extends OrderLookup {
  /** Every lookup made, in order: what the shop's order system was asked. */
  readonly calls: readonly {
    readonly by: "name" | "email";
    readonly shopId: ShopId;
    readonly value: string;
  }[];
}

/**
 * The shop's own order system (Shopify) holding `orders` per shop (an unknown shop has none); like the adapter, what
 * it finds is cached in `cache` when one is given, under the order's email and phone.
 */
export function createFakeOrderLookup(
  orders: Readonly<Record<string, readonly OrderSnapshot[]>> = {},
  cache?: OrderStore,
): FakeOrderLookup {
  const calls: { by: "name" | "email"; shopId: ShopId; value: string }[] = [];
  const remember = async (shopId: ShopId, found: readonly OrderSnapshot[]) => {
    for (const order of found) await cache?.putOrder(shopId, order, shopperLookupKeys(order));
  };
  return {
    calls,
    async byName(shopId, name) {
      calls.push({ by: "name", shopId, value: name });
      const order = (orders[shopId] ?? []).find((o) => orderKey(o.name) === orderKey(name));
      if (order) await remember(shopId, [order]);
      return order ? copy(order) : null;
    },
    async byEmail(shopId, email) {
      calls.push({ by: "email", shopId, value: email });
      const found = (orders[shopId] ?? []).filter(
        (o) => o.email !== null && normaliseEmail(o.email) === normaliseEmail(email),
      );
      await remember(shopId, found);
      return found.map(copy);
    },
  };
}
