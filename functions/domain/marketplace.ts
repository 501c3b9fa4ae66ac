/** Marketplace chat (Shopee, Lazada, TikTok Shop): connections, what a push means, and the channel adapter contract. */
import type { ShopId } from "./ids";
import type { MarketCode } from "./markets";

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

export interface MarketplaceConnection {
  readonly shopId: ShopId;
  readonly marketplace: Marketplace;
  readonly marketplaceShopId: string;
  /** Shopee partner_id, or the Lazada/TikTok app_key. */
  readonly appId: string;
  /** TikTok's shop_cipher; Shopee's push callback URL (part of its push signature). */
  readonly shopCipher: string | null;
  readonly callbackUrl: string | null;
  readonly apiBaseUrl: string;
  readonly authBaseUrl: string;
  readonly market: MarketCode | null;
  readonly accessTokenExpiresAt: string;
  readonly connectedAt: string;
}

/** A verified push, normalised: a buyer's message, a message from the seller's own staff, or something to skip. */
export type InboundPush =
  | {
      readonly kind: "buyer_message";
      readonly threadId: string;
      readonly messageId: string;
      readonly buyerId: string;
      readonly buyerName: string | null;
      /** The text, or for non-text messages what they stand for (an order card becomes its order number). */
      readonly text: string;
      readonly media: "sticker" | "image" | "video" | "order" | "product" | null;
      readonly market: MarketCode | null;
      readonly sentAt: string;
    }
  | {
      readonly kind: "staff_message";
      readonly threadId: string;
      readonly messageId: string;
      readonly text: string;
      readonly sentAt: string;
    }
  | { readonly kind: "ignored"; readonly reason: string };

export interface OutgoingReply {
  readonly threadId: string;
  readonly buyerId: string;
  readonly text: string;
}

/** One marketplace's protocol: push verification and parsing, signed sends, token refresh. */
export interface MarketplaceAdapter {
  readonly marketplace: Marketplace;
  /** The marketplace shop a push is for, read before verification only to find whose key verifies it. */
  shopOf(body: unknown): string | null;
  verify(
    connection: MarketplaceConnection,
    secrets: ConnectionSecrets,
    raw: Uint8Array,
    headers: (name: string) => string | undefined,
  ): boolean;
  parse(body: unknown, connection: MarketplaceConnection): InboundPush[];
  send(
    connection: MarketplaceConnection,
    secrets: ConnectionSecrets,
    reply: OutgoingReply,
  ): Promise<{ messageId: string }>;
  refresh(
    connection: MarketplaceConnection,
    secrets: ConnectionSecrets,
  ): Promise<{ accessToken: string; refreshToken: string; expiresAt: string }>;
  /**
   * The marketplace shops these credentials act for, as the marketplace answers a call signed with them: how a
   * connection proves it owns the shop id it claims before anything is saved.
   */
  authorizedShops(
    connection: MarketplaceConnection,
    secrets: ConnectionSecrets,
  ): Promise<readonly AuthorizedShop[]>;
}

/** A shop the marketplace says a set of credentials may act for (TikTok also gives its cipher). */
export interface AuthorizedShop {
  readonly marketplaceShopId: string;
  readonly shopCipher?: string;
}

/** How long a marketplace gives a seller to answer before its chat response rate suffers (third-party sources). */
export const REPLY_DEADLINE_MINUTES: Readonly<Record<Marketplace, number>> = {
  shopee: 12 * 60,
  lazada: 12 * 60,
  tiktok: 12 * 60,
};
