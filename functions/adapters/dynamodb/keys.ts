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
  /** A burst's pending message, under its conversation so erasing the conversation erases it. */
  burstMessage: (shopId: ShopId, id: ConversationId, messageId: string) => ({
    pk: `SHOP#${shopId}#CONV#${id}`,
    sk: `BURST#MSG#${messageId}`,
  }),
  /** The set of pending messages a flush is answering. */
  burstClaim: (shopId: ShopId, id: ConversationId) => ({
    pk: `SHOP#${shopId}#CONV#${id}`,
    sk: "BURST#CLAIM",
  }),
  /**
   * A shopper's identities linked by what they verifiably share (a checkout email confirmed with its order number):
   * keyed by the identity the channel vouches for (`buyer:<channel>:<id>`).
   */
  shopperIdentity: (shopId: ShopId, vouchedKey: string) => ({
    pk: `SHOP#${shopId}#IDENTITY#${vouchedKey}`,
    sk: "IDENTITY",
  }),
  /** A marketplace conversation's sending record (buyer's last message, seller streak, parts sent per reply). */
  channelActivity: (shopId: ShopId, id: ConversationId) => ({
    pk: `SHOP#${shopId}#CHANNEL#${id}`,
    sk: "ACTIVITY",
  }),
  /** One reply sent on a marketplace, by time: R10's AI and human replies per marketplace. */
  replySent: (shopId: ShopId, at: string, marketplace: string, author: string, replyKey: string) => ({
    pk: `SHOP#${shopId}#REPLIES`,
    sk: `${at}#${marketplace}#${author}#${replyKey}`,
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
  /** A shop's knowledge item: `ARTICLE#<id>`, `PRODUCT#<id>` or `POLICY#<kind>`, all in one partition. */
  knowledge: (shopId: ShopId, kind: "ARTICLE" | "PRODUCT" | "POLICY", id: string) => ({
    pk: `SHOP#${shopId}#KNOWLEDGE`,
    sk: `${kind}#${id}`,
  }),
  /** What changed at each knowledge version (zero-padded so versions sort), for instances catching up. */
  knowledgeLog: (shopId: ShopId, version: number) => ({
    pk: `SHOP#${shopId}#KLOG`,
    sk: String(version).padStart(12, "0"),
  }),
  /** The index snapshot's manifest (`MANIFEST`) and its chunks (`CHUNK#<snapshotId>#<n>`). */
  knowledgeSnapshot: (shopId: ShopId, sk: string) => ({ pk: `SHOP#${shopId}#KSNAP`, sk }),
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
  /** Turns whose question the AI could not answer, by receipt time (the seller's unanswered-questions report). */
  misses: (shopId: ShopId) => `SHOP#${shopId}#MISSES`,
  shops: () => "SHOPS",
} as const;

export const GSI1 = "gsi1";
/** Keys-only index of every item a shop owns (attribute `owner`). */
export const OWNER_INDEX = "owner";
