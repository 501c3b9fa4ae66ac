/** The Shopify side of a shop: its connection (sealed offline token) and what its webhooks need stored. */
import type { ShopId } from "./ids";

export interface ShopifyConnection {
  readonly shopId: ShopId;
  /** The offline access token, sealed by the SecretBox; never stored or logged in the clear. */
  readonly sealedToken: string | null;
  readonly scopes: string;
  readonly installedAt: string;
  readonly uninstalledAt: string | null;
}

export interface PrivacyAuditEntry {
  readonly topic: string;
  readonly at: string;
  readonly requestId: string | null;
  readonly summary: Readonly<Record<string, number>>;
}

/** One webhook delivery as it is de-duplicated: the signed body (by digest), the shop it came for, its topic and event. */
export interface ShopifyDelivery {
  /** Hex SHA-256 of the raw, signed body. */
  readonly bodyDigest: string;
  readonly shopId: ShopId;
  readonly topic: string;
  readonly eventId: string;
}

/**
 * `new`: queue it; `duplicate`: this topic and event of this body were claimed already (Shopify's retry);
 * `other_shop`: the body was first delivered for another shop (a captured body re-sent under another shop header).
 */
export type DeliveryClaim = "new" | "duplicate" | "other_shop";

export interface ShopifyStore {
  saveConnection(connection: ShopifyConnection): Promise<void>;
  getConnection(shopId: ShopId): Promise<ShopifyConnection | null>;
  /** Records a webhook delivery and binds its body to its shop; how it stands (see DeliveryClaim). Expires after `ttlSeconds`. */
  claimDelivery(delivery: ShopifyDelivery, ttlSeconds: number): Promise<DeliveryClaim>;
  /** Forgets a claimed delivery (so Shopify's retry is processed) but keeps the body bound to its shop. */
  releaseDelivery(delivery: ShopifyDelivery): Promise<void>;
  saveOrderAlias(shopId: ShopId, orderGid: string, orderName: string): Promise<void>;
  orderNameOf(shopId: ShopId, orderGid: string): Promise<string | null>;
  saveExport(shopId: ShopId, requestId: string, data: unknown, at: string): Promise<void>;
  getExport(shopId: ShopId, requestId: string): Promise<{ data: unknown; at: string } | null>;
  audit(shopId: ShopId, entry: PrivacyAuditEntry): Promise<void>;
  auditTrail(shopId: ShopId): Promise<PrivacyAuditEntry[]>;
}
