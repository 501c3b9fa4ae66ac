/**
 * Shop authorization and app-level pushes: what a channel provides so a seller connects by signing in at the
 * marketplace (instead of pasting tokens), and so pushes that name no account are verified with the app's own key.
 */
import type { ConnectionSecrets, Marketplace, MarketplaceConnection } from "../../domain/marketplace";
import type { MarketCode } from "../../domain/markets";

/**
 * The operator's own app on a marketplace (Shopee partner id and key, Lazada or TikTok app key and secret, TikTok's
 * service id): from configuration, never typed by a seller.
 */
export interface AppCredentials {
  readonly appId: string;
  readonly secret: string;
  /** TikTok Shop's service id, which its authorization page takes instead of the app key. */
  readonly serviceId?: string | undefined;
}

/** An account the marketplace's tokens act for, ready to be proven and stored. */
export interface AuthorizedAccount {
  readonly fields: Omit<
    MarketplaceConnection,
    "shopId" | "marketplace" | "connectedAt" | "accessTokenExpiresAt"
  >;
  readonly secrets: ConnectionSecrets;
  readonly accessTokenExpiresAt: string;
}

/** Why an authorization could not finish, in words the seller's page can show (by code). */
export class AuthorizationError extends Error {
  constructor(
    readonly code: "authorization_failed" | "not_in_market",
    message: string,
  ) {
    super(message);
    this.name = "AuthorizationError";
  }
}

/** A channel's shop authorization: the page the seller is sent to, and the code exchanged for tokens. */
export interface ChannelAuthorization {
  /**
   * The marketplace's authorization page for our app, coming back to `redirectUri` with `state`. `base` replaces the
   * production hosts (a sandbox, or a local fake).
   */
  authorizeUrl(
    app: AppCredentials,
    input: { readonly redirectUri: string; readonly state: string; readonly base?: string | undefined },
  ): string;
  /** The callback's code exchanged for tokens, and the accounts in `market` they act for. */
  exchange(
    app: AppCredentials,
    input: {
      readonly query: Readonly<Record<string, string>>;
      readonly market: MarketCode;
      /** Our push URL for this channel (Shopee signs pushes over it). */
      readonly pushUrl: string;
      readonly base?: string | undefined;
    },
  ): Promise<AuthorizedAccount[]>;
}

/** A push that names no seller account at the top level: acknowledged, or an alert about an account inside it. */
export type AppPush =
  | { readonly kind: "ack"; readonly reason: string }
  | {
      readonly kind: "token_expiring";
      readonly accountId: string;
      readonly expiresAt: string | null;
    };

/** How a channel recognises and verifies its app-level pushes. */
export interface AppPushes {
  /** The push as an app-level one, or null for an ordinary account push. */
  classify(body: unknown): AppPush | null;
  /** Verified with the app's own secret (constant time, over the raw body); `pushUrl` is our URL for it. */
  verify(
    app: AppCredentials,
    raw: Uint8Array,
    header: (name: string) => string | undefined,
    pushUrl: string,
  ): boolean;
}

/** The operator's apps by channel; a channel absent here cannot be authorized and its app pushes are refused. */
export type MarketplaceApps = { readonly [N in Marketplace]?: AppCredentials | undefined };
