/**
 * Marketplace chat (Shopee, Lazada, TikTok Shop): connections, what a push means, and the channel adapter contract.
 * Each channel's protocol, rules and hosts live in functions/channels/<name>/; this is the contract they implement.
 */
import { z } from "zod";
import type { ShopId } from "./ids";
import { MARKET_CODES, type MarketCode } from "./markets";

/**
 * The channel names, for the domain and the queue schemas (which may not import functions/channels/).
 * functions/channels/index.ts must hold exactly these keys: the compiler refuses a name in one and not the other.
 */
export const MARKETPLACES = ["shopee", "lazada", "tiktok"] as const;
export type Marketplace = (typeof MARKETPLACES)[number];
export const isMarketplace = (value: string): value is Marketplace =>
  (MARKETPLACES as readonly string[]).includes(value);

/** The secrets of a connection: stored sealed, never returned by the API. */
export interface ConnectionSecrets {
  /** Shopee partner_key, or the Lazada/TikTok app_secret. */
  readonly signingKey: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** Fields only one channel needs (Shopee's push callback URL, TikTok's shop cipher), typed in its channel folder. */
export type ConnectionVendor = Readonly<Record<string, string>>;

export interface MarketplaceConnection<
  M extends Marketplace = Marketplace,
  V extends ConnectionVendor = ConnectionVendor,
> {
  readonly shopId: ShopId;
  readonly marketplace: M;
  readonly marketplaceShopId: string;
  /** Shopee partner_id, or the Lazada/TikTok app_key. */
  readonly appId: string;
  /** What only this channel needs; each channel folder types (and checks) its own. */
  readonly vendor: V;
  readonly apiBaseUrl: string;
  readonly authBaseUrl: string;
  readonly market: MarketCode | null;
  readonly accessTokenExpiresAt: string;
  readonly connectedAt: string;
}

/** A buyer's message from a verified push; `text` is the text, or what a non-text message stands for (an order card becomes its order number). */
export const BuyerMessageSchema = z
  .object({
    kind: z.literal("buyer_message"),
    threadId: z.string().min(1),
    messageId: z.string().min(1),
    buyerId: z.string().min(1),
    buyerName: z.string().nullable(),
    text: z.string(),
    media: z.enum(["sticker", "image", "video", "order", "product"]).nullable(),
    market: z.enum(MARKET_CODES).nullable(),
    sentAt: z.string(),
  })
  .readonly();

/** A message the seller's own staff wrote in the marketplace app. */
export const StaffMessageSchema = z
  .object({
    kind: z.literal("staff_message"),
    threadId: z.string().min(1),
    messageId: z.string().min(1),
    text: z.string(),
    sentAt: z.string(),
  })
  .readonly();

/** A push worth answering or recording, as it travels on the inbound queue. */
export const ActionablePushSchema = z.discriminatedUnion("kind", [BuyerMessageSchema, StaffMessageSchema]);
export type ActionablePush = z.infer<typeof ActionablePushSchema>;

/** A verified push, normalised: a buyer's message, a message from the seller's own staff, or something to skip. */
export type InboundPush = ActionablePush | { readonly kind: "ignored"; readonly reason: string };

export interface OutgoingReply {
  readonly threadId: string;
  readonly buyerId: string;
  readonly text: string;
}

/** One marketplace's protocol: push verification and parsing, signed sends, token refresh. */
export interface MarketplaceAdapter<C extends MarketplaceConnection = MarketplaceConnection> {
  readonly marketplace: C["marketplace"];
  /** The marketplace shop a push is for, read before verification only to find whose key verifies it. */
  shopOf(body: unknown): string | null;
  verify(
    connection: C,
    secrets: ConnectionSecrets,
    raw: Uint8Array,
    headers: (name: string) => string | undefined,
  ): boolean;
  parse(body: unknown, connection: C): InboundPush[];
  send(connection: C, secrets: ConnectionSecrets, reply: OutgoingReply): Promise<{ messageId: string }>;
  refresh(
    connection: C,
    secrets: ConnectionSecrets,
  ): Promise<{ accessToken: string; refreshToken: string; expiresAt: string }>;
  /**
   * The marketplace shops these credentials act for, as the marketplace answers a call signed with them: how a
   * connection proves it owns the shop id it claims before anything is saved.
   */
  authorizedShops(connection: C, secrets: ConnectionSecrets): Promise<readonly AuthorizedShop<C["vendor"]>[]>;
}

/** A shop the marketplace says a set of credentials may act for, with vendor fields it gives (TikTok's cipher). */
export interface AuthorizedShop<V extends ConnectionVendor = ConnectionVendor> {
  readonly marketplaceShopId: string;
  readonly vendor?: Partial<V>;
}
