/**
 * Each marketplace as an order source: an order push re-reads the order through the marketplace's API and caches it
 * (under its number and its buyer, never older over newer), and a cache miss in a marketplace conversation reads it
 * there. The order cache is the one Shopify orders use, so the reply pipeline reads both alike.
 */
import type { ShopId } from "../domain/ids";
import type { Marketplace, MarketplaceAdapter, MarketplaceConnection } from "../domain/marketplace";
import { freshCredentials, type TokenStore } from "../domain/marketplace-tokens";
import type { OrderSnapshot } from "../domain/order";
import type { Clock, Logger, OrderStore } from "../domain/ports";
import { marketplaceOrderId } from "./shared/orders";

export interface MarketplaceOrderSource {
  /** Re-reads one order (after its push) and caches it; false when the marketplace does not know it. */
  sync(shopId: ShopId, marketplace: Marketplace, orderId: string): Promise<boolean>;
  /** The order a shopper named, read from the marketplace and cached; null when unknown or unreachable. */
  byName(shopId: ShopId, marketplace: Marketplace, name: string): Promise<OrderSnapshot | null>;
}

export interface MarketplaceOrderDeps {
  readonly connections: TokenStore & {
    get(shopId: ShopId, marketplace: Marketplace): Promise<MarketplaceConnection | null>;
  };
  readonly adapters: Readonly<Record<Marketplace, MarketplaceAdapter>>;
  readonly orders: OrderStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The keys an order is indexed under besides its number: the buyer the marketplace names. */
const lookupKeysOf = (order: OrderSnapshot) => (order.buyerKey ? [order.buyerKey] : []);

export function createMarketplaceOrderSource(deps: MarketplaceOrderDeps): MarketplaceOrderSource {
  const read = async (shopId: ShopId, marketplace: Marketplace, orderId: string) => {
    const stored = await deps.connections.get(shopId, marketplace);
    if (!stored) return null;
    const adapter = deps.adapters[marketplace];
    const { connection, secrets } = await freshCredentials(
      deps.connections,
      adapter,
      stored,
      deps.clock.now(),
    );
    const [order] = await adapter.orders(connection, secrets, [orderId]);
    if (!order) return null;
    await deps.orders.putOrder(shopId, order, lookupKeysOf(order));
    return order;
  };
  return {
    async sync(shopId, marketplace, orderId) {
      const id = marketplaceOrderId(orderId);
      // A failure here fails the queue message, so the push is retried and then kept in the DLQ.
      return id ? (await read(shopId, marketplace, id)) !== null : false;
    },
    async byName(shopId, marketplace, name) {
      const id = marketplaceOrderId(name);
      if (!id) return null;
      try {
        return await read(shopId, marketplace, id);
      } catch (error) {
        // The shopper's answer must not wait on a marketplace outage: the reply falls back to what the cache knows.
        deps.logger.warn("marketplace order lookup failed", {
          marketplace,
          error: error instanceof Error ? error.message : String(error),
        });
        return null;
      }
    },
  };
}
