/** The single-table key design (see README "Data"): every key of a shop's data starts with the shop, so no query crosses tenants. */
import type { ConversationId, EscalationId, ShopId } from "../../domain/ids";

export const keys = {
  shop: (shopId: ShopId) => ({ pk: `SHOP#${shopId}`, sk: "SHOP" }),
  apiKey: (hash: string) => ({ pk: `APIKEY#${hash}`, sk: "APIKEY" }),
  conversation: (shopId: ShopId, id: ConversationId) => ({ pk: `SHOP#${shopId}#CONV#${id}`, sk: "META" }),
  turn: (shopId: ShopId, id: ConversationId, messageId: string) => ({
    pk: `SHOP#${shopId}#CONV#${id}`,
    sk: `TURN#${messageId}`,
  }),
  order: (shopId: ShopId, orderKey: string) => ({ pk: `SHOP#${shopId}#ORDER#${orderKey}`, sk: "ORDER" }),
  orderLookup: (shopId: ShopId, lookupKey: string) => ({
    pk: `SHOP#${shopId}#LOOKUP#${lookupKey}`,
    sk: "ORDERS",
  }),
  escalation: (shopId: ShopId, id: EscalationId) => ({ pk: `SHOP#${shopId}#ESC#${id}`, sk: "ESC" }),
  cannedReplies: (shopId: ShopId) => ({ pk: `SHOP#${shopId}`, sk: "CANNED" }),
  shopifyConnection: (shopId: ShopId) => ({ pk: `SHOP#${shopId}#SHOPIFY`, sk: "CONNECTION" }),
  /**
   * A signed Shopify webhook body, by the SHA-256 of its bytes: global, not under a shop, because it records which
   * shop the body belongs to (the signature does not cover the shop header), and it outlives a shop's erasure.
   */
  shopifyBody: (bodyDigest: string) => ({ pk: `SHOPIFY_BODY#${bodyDigest}`, sk: "BINDING" }),
  orderAlias: (shopId: ShopId, orderGid: string) => ({
    pk: `SHOP#${shopId}#ORDERID#${orderGid}`,
    sk: "ALIAS",
  }),
  privacyExport: (shopId: ShopId, requestId: string) => ({
    pk: `SHOP#${shopId}#PRIVACY`,
    sk: `EXPORT#${requestId}`,
  }),
  /** Web inbox sessions belong to a browser, not a shop (an agent's spans shops): keyed by a hash of the session id. */
  webSession: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: "SESSION" }),
  /** Privacy audit entries outlive the shop's data (shop/redact deletes everything else), so they sit outside it. */
  privacyAudit: (shopId: ShopId, at: string, what: string) => ({
    pk: `PRIVACY_AUDIT#${shopId}`,
    sk: `${at}#${what}`,
  }),
} as const;

/** GSI1 partitions: a shop's conversations by recency, a shop's inbox by region and status, the shop registry. */
export const gsi1 = {
  conversations: (shopId: ShopId) => `SHOP#${shopId}#CONVS`,
  inbox: (shopId: ShopId, region: string, status: string) => `SHOP#${shopId}#INBOX#${region}#${status}`,
  shops: () => "SHOPS",
} as const;

export const GSI1 = "gsi1";
/** Keys-only index of every item a shop owns (attribute `owner`). */
export const OWNER_INDEX = "owner";
