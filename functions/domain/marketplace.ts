/**
 * Marketplace chat (Shopee, Lazada, TikTok Shop): connections, what a push means, and the channel adapter contract.
 * Each channel's protocol, rules and hosts live in functions/channels/<name>/; this is the contract they implement.
 */
import { z } from "zod";
import type { ShopId } from "./ids";
import { MARKET_CODES, type MarketCode } from "./markets";
import type { OrderSnapshot } from "./order";

/**
 * The channel names, for the domain and the queue schemas (which may not import functions/channels/).
 * functions/channels/index.ts must hold exactly these keys: the compiler refuses a name in one and not the other.
 */
export const MARKETPLACES = ["shopee", "lazada", "tiktok", "whatsapp", "messenger", "line"] as const;
export type Marketplace = (typeof MARKETPLACES)[number];
export const isMarketplace = (value: string): value is Marketplace =>
  (MARKETPLACES as readonly string[]).includes(value);

/** The secrets of a connection: stored sealed, never returned by the API. */
export interface ConnectionSecrets {
  /** Shopee partner_key, or the Lazada/TikTok app_secret. */
  readonly signingKey: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Meta's webhook verify token (WhatsApp, Messenger): what the GET handshake must echo. */
  readonly verifyToken?: string | undefined;
}

/** What the seller sees of an account besides its settings: the last push, the last failed send, an alert. */
export interface AccountStatus {
  readonly lastPushAt: string | null;
  readonly lastSendError: { readonly at: string; readonly message: string } | null;
  readonly alert: {
    readonly kind: "token_expiring";
    readonly expiresAt: string | null;
    readonly at: string;
  } | null;
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

/** What a message that is not text can be: media the AI cannot read (image, video, voice note, location), a sticker, or a card. */
export const MEDIA_KINDS = ["sticker", "image", "video", "audio", "location", "order", "product"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** A buyer's message from a verified push; `text` is the text, or what a non-text message stands for (an order card becomes its order number). */
export const BuyerMessageSchema = z
  .object({
    kind: z.literal("buyer_message"),
    threadId: z.string().min(1),
    messageId: z.string().min(1),
    buyerId: z.string().min(1),
    buyerName: z.string().nullable(),
    text: z.string(),
    media: z.enum(MEDIA_KINDS).nullable(),
    market: z.enum(MARKET_CODES).nullable(),
    sentAt: z.string(),
    /** The phone number the channel vouches for (WhatsApp's wa_id), in E.164. */
    buyerPhone: z.string().min(1).optional(),
    /** LINE's reply token: single-use and valid briefly after the push arrives. */
    replyToken: z.string().min(1).optional(),
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

/**
 * An order push (Shopee code 3/4, Lazada type 0, TikTok type 1): it carries ids and a status, never the buyer, so the
 * worker re-reads the order through the marketplace's API. `threadId` keeps one order's events in order on the
 * queue; `messageId` (the order and the vendor's update time) de-duplicates redelivered pushes.
 */
export const OrderEventSchema = z
  .object({
    kind: z.literal("order_event"),
    threadId: z.string().min(1),
    messageId: z.string().min(1),
    orderId: z.string().min(1),
    /** The vendor's own status in the push, for logs only: the API's answer is what is cached. */
    status: z.string().nullable(),
    /** When the vendor says the order changed (its update_time). */
    updatedAt: z.string(),
  })
  .readonly();
export type OrderEvent = z.infer<typeof OrderEventSchema>;

/**
 * A marketplace's alert about one connected account (Lazada's token-expiry push, message type 8): recorded on the
 * account by the webhook, and told to the seller's notification endpoint by the inbound worker. `threadId` groups
 * one account's alerts on the queue; `messageId` (account and expiry) de-duplicates the marketplace's retries.
 */
export const AccountAlertSchema = z
  .object({
    kind: z.literal("account_alert"),
    alert: z.literal("token_expiring"),
    threadId: z.string().min(1),
    messageId: z.string().min(1),
    /** When the authorization lapses, as the marketplace says. */
    expiresAt: z.string().nullable(),
  })
  .readonly();
export type AccountAlert = z.infer<typeof AccountAlertSchema>;

/** A push worth answering or recording, as it travels on the inbound queue. */
export const ActionablePushSchema = z.discriminatedUnion("kind", [
  BuyerMessageSchema,
  StaffMessageSchema,
  OrderEventSchema,
  AccountAlertSchema,
]);
export type ActionablePush = z.infer<typeof ActionablePushSchema>;

/** A verified push, normalised: a buyer's message, a message from the seller's own staff, or something to skip. */
export type InboundPush = ActionablePush | { readonly kind: "ignored"; readonly reason: string };

/** A tappable answer offered with a reply (a button or quick reply where the channel has them). */
export interface ReplyChoice {
  readonly id: string;
  /** The label the shopper sees, in their language; a tap comes back as this text. */
  readonly title: string;
}

export interface OutgoingReply {
  readonly threadId: string;
  readonly buyerId: string;
  readonly text: string;
  /** Who wrote it: the AI answering at once, or a person (whose late reply some channels treat differently). */
  readonly origin?: "ai" | "agent" | undefined;
  /** When the shopper last wrote: where the channel's customer-service window starts. */
  readonly lastShopperMessageAt?: string | null | undefined;
  /** LINE's reply token of the message answered, and when its push arrived. */
  readonly replyToken?: { readonly token: string; readonly receivedAt: string } | undefined;
  /** Answers the shopper can tap (a confirmation's yes and no). */
  readonly choices?: readonly ReplyChoice[] | undefined;
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
   * Orders by the marketplace's order ids (order_sn, order_id), read through its order and logistics APIs and mapped
   * to snapshots whose `buyerKey` names the marketplace's buyer; an id the marketplace does not know is left out.
   * Absent on a channel that sells nothing (a chat app).
   */
  orders?(connection: C, secrets: ConnectionSecrets, orderIds: readonly string[]): Promise<OrderSnapshot[]>;
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
