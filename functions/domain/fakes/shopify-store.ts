/** The Shopify side of shops in memory, with the DynamoDB adapter's webhook body binding and de-duplication. */
import type { ShopId } from "../ids";
import type { Clock } from "../ports";
import type { PrivacyAuditEntry, ShopifyConnection, ShopifyDelivery, ShopifyStore } from "../shopify";
import { copy } from "./page";

interface BodyBinding {
  shopId: ShopId;
  /** Epoch seconds after which the binding counts as absent (DynamoDB TTL not yet applied or not). */
  expiresAt: number;
  deliveries: Set<string>;
}

const deliveryPair = (delivery: ShopifyDelivery) => `${delivery.topic} ${delivery.eventId}`;
const id = (shopId: ShopId, key: string) => `${shopId}\u0000${key}`;

/**
 * A ShopifyStore in memory: a body's digest is bound to the first shop it came for until its TTL lapses (then it
 * counts as absent, as the adapter's condition treats an expired item), and a topic and event id is claimed once.
 */
export function createFakeShopifyStore(clock?: Clock): ShopifyStore {
  const connections = new Map<ShopId, ShopifyConnection>();
  const bodies = new Map<string, BodyBinding>();
  const aliases = new Map<string, string>();
  const exports = new Map<string, { data: unknown; at: string }>();
  const audits = new Map<ShopId, PrivacyAuditEntry[]>();
  const epoch = () => Math.floor((clock?.now() ?? new Date()).getTime() / 1000);
  return {
    async saveConnection(connection) {
      connections.set(connection.shopId, copy(connection));
    },
    async getConnection(shopId) {
      const connection = connections.get(shopId);
      return connection ? copy(connection) : null;
    },
    async claimDelivery(delivery, ttlSeconds) {
      const now = epoch();
      const bound = bodies.get(delivery.bodyDigest);
      const live = bound !== undefined && bound.expiresAt >= now;
      if (live && bound.shopId !== delivery.shopId) return "other_shop";
      const pair = deliveryPair(delivery);
      const duplicate = live && bound.deliveries.has(pair);
      // Pairs left from an expired binding of the same shop are kept, as the adapter's ADD keeps them.
      const deliveries = bound && bound.shopId === delivery.shopId ? bound.deliveries : new Set<string>();
      deliveries.add(pair);
      bodies.set(delivery.bodyDigest, { shopId: delivery.shopId, expiresAt: now + ttlSeconds, deliveries });
      return duplicate ? "duplicate" : "new";
    },
    async releaseDelivery(delivery) {
      const bound = bodies.get(delivery.bodyDigest);
      if (bound?.shopId === delivery.shopId) bound.deliveries.delete(deliveryPair(delivery));
    },
    async saveOrderAlias(shopId, orderGid, orderName) {
      aliases.set(id(shopId, orderGid), orderName);
    },
    async orderNameOf(shopId, orderGid) {
      return aliases.get(id(shopId, orderGid)) ?? null;
    },
    async saveExport(shopId, requestId, data, at) {
      exports.set(id(shopId, requestId), { data: copy(data), at });
    },
    async getExport(shopId, requestId) {
      const stored = exports.get(id(shopId, requestId));
      return stored ? copy(stored) : null;
    },
    async audit(shopId, entry) {
      // Keyed by time, topic and request like the adapter's sort key: the same entry written twice is one entry.
      const trail = (audits.get(shopId) ?? []).filter(
        (e) => !(e.at === entry.at && e.topic === entry.topic && e.requestId === entry.requestId),
      );
      trail.push(copy(entry));
      audits.set(shopId, trail);
    },
    async auditTrail(shopId) {
      const key = (e: PrivacyAuditEntry) => `${e.at}#${e.topic}#${e.requestId ?? "-"}`;
      return [...(audits.get(shopId) ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map(copy);
    },
  };
}
