/**
 * Each marketplace as an order source: an order push re-reads the order through the marketplace's API and caches it
 * (under its number and its buyer, never older over newer), and a cache miss in a marketplace conversation reads it
 * there. The order cache is the one Shopify orders use, so the reply pipeline reads both alike.
 */
import type { ShopId } from "../domain/ids";
import type { Marketplace, MarketplaceAdapter, MarketplaceConnection } from "../domain/marketplace";
import { freshCredentials, type TokenStore } from "../domain/marketplace-tokens";
import type { OrderSnapshot } from "../domain/order";
import type { Clock, Logger, OrderLookup, OrderStore } from "../domain/ports";
import { marketplaceOrderId } from "./shared/orders";

export interface MarketplaceOrderSource {
  /** Re-reads one order (after its push) and caches it; false when the marketplace does not know it. */
  sync(shopId: ShopId, marketplace: Marketplace, orderId: string, accountId?: string): Promise<boolean>;
  /** The order a shopper named, read from the marketplace and cached; null when unknown or unreachable. */
  byName(shopId: ShopId, marketplace: Marketplace, name: string): Promise<OrderSnapshot | null>;
}

export interface MarketplaceOrderDeps {
  readonly connections: TokenStore & {
    /** The connection (of the given marketplace account, when the shop has several). */
    get(shopId: ShopId, marketplace: Marketplace, accountId?: string): Promise<MarketplaceConnection | null>;
  };
  readonly adapters: Readonly<Record<Marketplace, MarketplaceAdapter>>;
  readonly orders: OrderStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The keys an order is indexed under besides its number: the buyer the marketplace names. */
const lookupKeysOf = (order: OrderSnapshot) => (order.buyerKey ? [order.buyerKey] : []);

export function createMarketplaceOrderSource(deps: MarketplaceOrderDeps): MarketplaceOrderSource {
  const read = async (shopId: ShopId, marketplace: Marketplace, orderId: string, accountId?: string) => {
    const stored = await deps.connections.get(shopId, marketplace, accountId);
    if (!stored) return null;
    const adapter = deps.adapters[marketplace];
    const { connection, secrets } = await freshCredentials(
      deps.connections,
      adapter,
      stored,
      deps.clock.now(),
    );
    const [order] = (await adapter.orders?.(connection, secrets, [orderId])) ?? [];
    if (!order) return null;
    await deps.orders.putOrder(shopId, order, lookupKeysOf(order));
    return order;
  };
  return {
    async sync(shopId, marketplace, orderId, accountId) {
      const id = marketplaceOrderId(orderId);
      // A failure here fails the queue message, so the push is retried and then kept in the DLQ.
      return id ? (await read(shopId, marketplace, id, accountId)) !== null : false;
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

/** The order lookup of the reply pipeline: a marketplace conversation asks its marketplace, any other the shop's Shopify. */
export function routeOrderLookup(
  shopify: OrderLookup,
  marketplaces: MarketplaceOrderSource,
  isMarketplaceChannel: (channel: string) => channel is Marketplace,
): OrderLookup {
  return {
    byName: (shopId, name, channel) =>
      channel !== undefined && isMarketplaceChannel(channel)
        ? marketplaces.byName(shopId, channel, name)
        : shopify.byName(shopId, name, channel),
    // A marketplace buyer has no checkout email we could be given: emails are Shopify's to search.
    byEmail: (shopId, email) => shopify.byEmail(shopId, email),
  };
}
