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

export interface ShopifyStore {
  saveConnection(connection: ShopifyConnection): Promise<void>;
  getConnection(shopId: ShopId): Promise<ShopifyConnection | null>;
  /** Records a webhook event id; false if it was recorded already (a duplicate delivery). Expires after `ttlSeconds`. */
  claimEvent(shopId: ShopId, eventId: string, ttlSeconds: number): Promise<boolean>;
  releaseEvent(shopId: ShopId, eventId: string): Promise<void>;
  saveOrderAlias(shopId: ShopId, orderGid: string, orderName: string): Promise<void>;
  orderNameOf(shopId: ShopId, orderGid: string): Promise<string | null>;
  saveExport(shopId: ShopId, requestId: string, data: unknown, at: string): Promise<void>;
  getExport(shopId: ShopId, requestId: string): Promise<{ data: unknown; at: string } | null>;
  audit(shopId: ShopId, entry: PrivacyAuditEntry): Promise<void>;
  auditTrail(shopId: ShopId): Promise<PrivacyAuditEntry[]>;
}
