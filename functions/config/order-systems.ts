/**
 * The shop's order systems, its Shopify and each marketplace: what a cache miss asks and what executes an order
 * action. The API's composition root (deps.ts) builds them at once, its routes need them; the shopper-message
 * function (message-deps.ts) imports this module on a message's first cache miss or action, so a cold start that
 * answers from the order cache never loads the Shopify client or six channels' adapters.
 */
import { createConnectionStore } from "../adapters/dynamodb/connection-store";
import type { Table } from "../adapters/dynamodb/table";
import type { SecretBox } from "../adapters/crypto/secret-box";
import type { ShopifyStore } from "../domain/shopify";
import { createShopifyGateway } from "../adapters/shopify/gateway";
import { createShopifyOrderActions } from "../adapters/shopify/order-actions";
import { createShopifyOrderLookup } from "../adapters/shopify/order-lookup";
import { CHANNEL_ADAPTERS, withVettedHosts } from "../channels";
import { createMarketplaceOrderSource, routeOrderLookup } from "../channels/order-source";
import { isMarketplace } from "../domain/marketplace";
import type { Clock, Logger, OrderStore } from "../domain/ports";
import type { Env } from "./env";

export interface OrderSystemDeps {
  readonly env: Env;
  readonly table: Table;
  readonly orders: OrderStore;
  readonly shopifyStore: ShopifyStore;
  readonly secrets: SecretBox;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The Shopify gateway, the marketplace connections and adapters, and the order lookup and actions built on them. */
export function buildOrderSystems(deps: OrderSystemDeps) {
  const { env, table, orders, shopifyStore, secrets, clock, logger } = deps;
  const allowLoopback = env.ALLOW_LOOPBACK_TARGETS === "true";
  const gateway = createShopifyGateway({
    store: shopifyStore,
    secrets,
    apiVersion: env.SHOPIFY_API_VERSION,
    originTemplate: env.SHOPIFY_ADMIN_ORIGIN,
  });
  const connections = createConnectionStore(table, secrets);
  const adapters = withVettedHosts(CHANNEL_ADAPTERS, allowLoopback);
  const marketplaceOrders = createMarketplaceOrderSource({ connections, adapters, orders, clock, logger });
  return {
    gateway,
    connections,
    adapters,
    marketplaceOrders,
    // A marketplace conversation's cache miss asks its marketplace; any other asks the shop's Shopify.
    orderLookup: routeOrderLookup(
      createShopifyOrderLookup({ gateway, orders, shopify: shopifyStore, logger }),
      marketplaceOrders,
      isMarketplace,
    ),
    // Order actions (issue #19): executed at the shop's Shopify.
    orderActions: createShopifyOrderActions({ gateway, logger }),
  };
}

export type OrderSystems = ReturnType<typeof buildOrderSystems>;
