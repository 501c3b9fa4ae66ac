/** Opens a shop's Shopify connection (unsealing its token) and hands out an orders client; cached briefly per shop. */
import type { SecretBox } from "../crypto/secret-box";
import type { ShopId } from "../../domain/ids";
import type { ShopifyStore } from "../../domain/shopify";
import { createShopifyAdmin, type ShopifyAdmin, ShopifyApiError } from "./admin-client";
import { createShopifyOrders, type ShopifyOrders } from "./order-source";

export interface ShopifyGateway {
  /** The shop's Admin API, or null when the app is not installed (or was uninstalled). */
  adminFor(shopId: ShopId): Promise<ShopifyAdmin | null>;
  ordersFor(shopId: ShopId): Promise<ShopifyOrders | null>;
  forget(shopId: ShopId): void;
  /**
   * Whether the app is installed on the shop as Shopify itself sees it: we hold a token and Shopify still accepts it
   * (Shopify revokes the token before it sends app/uninstalled). Throws when Shopify cannot be asked right now.
   */
  installState(shopId: ShopId): Promise<"installed" | "not_installed">;
}

const SHOP_QUERY = "query SupportInstallCheck { shop { id } }";

export interface GatewayOptions {
  readonly store: ShopifyStore;
  readonly secrets: SecretBox;
  readonly apiVersion: string;
  /** "{shop}" is replaced by the shop's domain; defaults to https://{shop}. */
  readonly originTemplate?: string | undefined;
  readonly ttlMs?: number;
}

export const shopifyOrigin = (template: string | undefined, shop: string) =>
  (template ?? "https://{shop}").replace("{shop}", shop);

export function createShopifyGateway(options: GatewayOptions): ShopifyGateway {
  const cache = new Map<string, { admin: ShopifyAdmin; until: number }>();
  const adminFor = async (shopId: ShopId) => {
    const hit = cache.get(shopId);
    if (hit && hit.until > Date.now()) return hit.admin;
    const connection = await options.store.getConnection(shopId);
    if (!connection?.sealedToken || connection.uninstalledAt) return null;
    const accessToken = await options.secrets.open(connection.sealedToken, shopId);
    const admin = createShopifyAdmin({
      shop: shopId,
      accessToken,
      apiVersion: options.apiVersion,
      origin: shopifyOrigin(options.originTemplate, shopId),
    });
    cache.set(shopId, { admin, until: Date.now() + (options.ttlMs ?? 300_000) });
    return admin;
  };
  return {
    adminFor,
    async ordersFor(shopId) {
      const admin = await adminFor(shopId);
      return admin ? createShopifyOrders(admin) : null;
    },
    forget: (shopId) => void cache.delete(shopId),
    async installState(shopId) {
      // Never from the cache: the question is whether the token works now.
      cache.delete(shopId);
      const admin = await adminFor(shopId);
      if (!admin) return "not_installed";
      try {
        await admin.query(SHOP_QUERY);
        return "installed";
      } catch (error) {
        // 401: the token is revoked (uninstalled); 404: the shop is gone. Other refusals (402 frozen, 403 scope,
        // 423 locked) still recognise the token; anything retryable is thrown so the event is retried.
        if (error instanceof ShopifyApiError && !error.retryable) {
          cache.delete(shopId);
          return error.status === 401 || error.status === 404 ? "not_installed" : "installed";
        }
        throw error;
      }
    },
  };
}
