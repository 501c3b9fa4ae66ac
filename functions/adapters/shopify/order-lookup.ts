/** Orders from Shopify on a cache miss, cached on the way back; a Shopify failure is logged and treated as a miss. */
import type { Logger, OrderLookup, OrderStore } from "../../domain/ports";
import type { ShopifyStore } from "../../domain/shopify";
import type { ShopifyGateway } from "./gateway";
import { lookupKeysOf } from "./order-mapping";

export function createShopifyOrderLookup(deps: {
  gateway: ShopifyGateway;
  orders: OrderStore;
  shopify: ShopifyStore;
  logger: Logger;
}): OrderLookup {
  const remember = async (
    shopId: Parameters<OrderLookup["byName"]>[0],
    orders: Awaited<ReturnType<OrderLookup["byEmail"]>>,
  ) => {
    for (const order of orders) {
      await deps.shopify.saveOrderAlias(shopId, order.id, order.name);
      await deps.orders.putOrder(shopId, order, lookupKeysOf(order));
    }
  };
  const safely = async <T>(what: string, fallback: T, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      deps.logger.warn("shopify lookup failed", {
        what,
        error: error instanceof Error ? error.message : String(error),
      });
      return fallback;
    }
  };
  return {
    byName: (shopId, name) =>
      safely("byName", null, async () => {
        const orders = await deps.gateway.ordersFor(shopId);
        const order = orders ? await orders.byName(name) : null;
        if (order) await remember(shopId, [order]);
        return order;
      }),
    byEmail: (shopId, email) =>
      safely("byEmail", [], async () => {
        const orders = await deps.gateway.ordersFor(shopId);
        const found = orders ? await orders.byEmail(email) : [];
        await remember(shopId, found);
        return found;
      }),
  };
}
