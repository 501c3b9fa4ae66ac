/**
 * Store knowledge from Shopify, after the acknowledgement: product webhooks into the catalog (never an older event over
 * a newer one, nor over a later delete), and the catalog sync — every active product a page at a time, each page
 * queueing the next, then the shop's policies and a fresh index snapshot so the first question after it costs no build.
 */
import {
  fetchPolicies,
  fetchProductPage,
  fetchShopCurrency,
  fromRestProduct,
  type RestProduct,
} from "../adapters/shopify/catalog";
import type { ShopifyGateway } from "../adapters/shopify/gateway";
import { KnowledgeIndex } from "../ai/knowledge/search-index";
import type { ShopId } from "../domain/ids";
import {
  type CatalogSync,
  CatalogSyncSchema,
  catalogSyncEvent,
  KnowledgeLimitError,
  type KnowledgeStore,
} from "../domain/knowledge";
import type { Clock, Logger } from "../domain/ports";
import type { ShopifyEventQueue } from "../domain/shopify-events";

export interface CatalogDeps {
  readonly knowledgeStore: KnowledgeStore;
  readonly gateway: ShopifyGateway;
  /** Where the next page of a sync is queued; without it a sync reads every page in one go. */
  readonly shopifyEvents: ShopifyEventQueue | undefined;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** The shop's currency, per worker instance for an hour: REST product bodies carry prices without one. */
const currencies = new Map<ShopId, { currency: string; until: number }>();
async function shopCurrency(deps: CatalogDeps, shopId: ShopId): Promise<string | null> {
  const hit = currencies.get(shopId);
  if (hit && hit.until > Date.now()) return hit.currency;
  const admin = await deps.gateway.adminFor(shopId);
  if (!admin) return null;
  const currency = await fetchShopCurrency(admin);
  currencies.set(shopId, { currency, until: Date.now() + 3_600_000 });
  return currency;
}

/** products/create and products/update: the product as the body has it, unless a newer copy is stored. */
export async function applyProductEvent(
  deps: CatalogDeps,
  shopId: ShopId,
  body: RestProduct,
): Promise<string> {
  const currency = await shopCurrency(deps, shopId);
  if (!currency) return "not_installed";
  const product = fromRestProduct(body, shopId, currency);
  // A draft or archived product is no longer for sale: it leaves the catalog as of its own update time.
  if (!product) {
    await deps.knowledgeStore.deleteProduct(shopId, body.id, new Date(body.updated_at).toISOString());
    return "product_withdrawn";
  }
  try {
    const outcome = await deps.knowledgeStore.putProduct(shopId, product);
    return outcome === "stale" ? "product_stale" : "product_stored";
  } catch (error) {
    if (error instanceof KnowledgeLimitError) {
      deps.logger.warn("catalog product skipped: the shop is at its product limit", { limit: error.limit });
      return "product_limit_reached";
    }
    throw error;
  }
}

/** products/delete: gone as of now (Shopify's body carries no time), and no older update brings it back. */
export async function applyProductDelete(
  deps: CatalogDeps,
  shopId: ShopId,
  productId: string,
): Promise<string> {
  const deleted = await deps.knowledgeStore.deleteProduct(shopId, productId, deps.clock.now().toISOString());
  return deleted ? "product_deleted" : "product_absent";
}

/** One step of a catalog sync: a page of products, the next page queued; on the last page, policies and snapshot. */
export async function syncCatalog(deps: CatalogDeps, shopId: ShopId, body: string): Promise<string> {
  const sync: CatalogSync = CatalogSyncSchema.parse(JSON.parse(body));
  const admin = await deps.gateway.adminFor(shopId);
  if (!admin) return "not_installed";
  let after = sync.after;
  for (;;) {
    const page = await fetchProductPage(admin, after);
    for (const product of page.products) {
      try {
        await deps.knowledgeStore.putProduct(shopId, product);
      } catch (error) {
        if (!(error instanceof KnowledgeLimitError)) throw error;
        deps.logger.warn("catalog sync stopped: the shop is at its product limit", { limit: error.limit });
        return "limit_reached";
      }
    }
    if (!page.next) break;
    if (deps.shopifyEvents) {
      await deps.shopifyEvents.send(
        catalogSyncEvent(shopId, { after: page.next, startedAt: sync.startedAt }),
      );
      return "page_synced";
    }
    after = page.next;
  }
  try {
    await deps.knowledgeStore.replacePolicies(shopId, await fetchPolicies(admin));
  } catch (error) {
    // A shop that did not grant read_legal_policies (installed before it was asked for) still gets its catalog.
    deps.logger.warn("shop policies not read", { error: error instanceof Error ? error.name : "error" });
  }
  const content = await deps.knowledgeStore.loadContent(shopId);
  const index = KnowledgeIndex.build(content);
  await deps.knowledgeStore.saveSnapshot(shopId, { version: index.version, data: index.serialize() });
  return "catalog_synced";
}
