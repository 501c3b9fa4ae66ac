/**
 * What a channel folder (functions/channels/<name>/) provides: its protocol, its connection form, its hosts and its
 * rules. A folder writes a `ChannelSpec` typed with its own vendor fields; `defineChannel` turns it into the
 * `Channel` the routes and workers use, checking a stored connection's vendor fields before the channel sees them.
 */
import type { z } from "zod";
import type {
  AuthorizedShop,
  ConnectionSecrets,
  ConnectionVendor,
  Marketplace,
  MarketplaceAdapter,
  MarketplaceConnection,
} from "../domain/marketplace";
import type { MarketCode } from "../domain/markets";
import type { AppPushes, ChannelAuthorization } from "./shared/authorization";
import type { ChannelHosts } from "./shared/hosts";
import { MarketplaceApiError } from "./shared/http";

/**
 * A channel's rules as data (third-party figures, docs/protocols.md); null where no figure is known. The reply
 * deadline caps an escalation's due time; the outbound worker splits replies at `maxChars` and holds back a reply
 * past the window or the cap (functions/channels/rules.ts).
 */
export interface ChannelRules {
  /** The longest message the channel accepts, in characters. */
  readonly maxChars: number | null;
  /** Answer within this long, or the seller's chat response rate suffers. */
  readonly replyDeadlineMinutes: number;
  /** A seller may write only this long after the buyer's last message. */
  readonly replyWindowHours: number | null;
  /** At most this many seller messages in a row without a buyer reply. */
  readonly maxConsecutiveReplies: number | null;
  /** Media a seller may not send there. */
  readonly unsupportedMedia: readonly ("image" | "video")[];
  /** Whether automated (AI) replies count towards the seller's chat response rate there; absent where none is kept. */
  readonly automatedRepliesCountTowardsResponseRate?: boolean | undefined;
  /** Whether the seller may ask the shopper in chat to rate the help (R10); off where the rules are not known. */
  readonly ratings: boolean;
  /**
   * Chat apps: messages arriving within this many seconds of each other are answered together, once the
   * conversation has been quiet this long (domain/bursts.ts); absent where each message is answered at once.
   */
  readonly burstQuietSeconds?: number | undefined;
  /**
   * Chat apps: free-form messages only this long after the shopper's last message; past it a person's late reply
   * goes out as the seller's approved template (WhatsApp) or with the human-agent tag (Messenger, up to
   * `replyWindowHours`). The channel's own send applies it.
   */
  readonly freeFormWindow?:
    | { readonly hours: number; readonly beyond: "template" | "human_agent_tag" }
    | undefined;
  /** The channel's send limit, in messages per second per account (sends beyond it are refused with 429). */
  readonly sendsPerSecond?: number | undefined;
}

/** A connection body, read: the connection's public fields (vendor fields included) and the secrets to seal. */
export interface ConnectionDraft<V extends ConnectionVendor = ConnectionVendor> {
  readonly fields: Omit<
    MarketplaceConnection<Marketplace, V>,
    "shopId" | "marketplace" | "connectedAt" | "accessTokenExpiresAt"
  >;
  readonly secrets: ConnectionSecrets;
  /** When the given access token expires, if the seller said. */
  readonly accessTokenExpiresAt: string | undefined;
  /** More ids that route to the account (Meta's verify token by its hash, for the GET handshake). */
  readonly aliases?: readonly string[] | undefined;
}

/** Whether the shops the marketplace names for a set of credentials include (and agree with) the connection's. */
export type OwnershipVerdict =
  | { readonly kind: "proven" }
  | { readonly kind: "not_listed" }
  | { readonly kind: "mismatch"; readonly path: string; readonly message: string };

/** What a channel folder writes, typed with its own vendor fields `V` and connection body `B`. */
export interface ChannelSpec<N extends Marketplace, V extends ConnectionVendor, B> {
  readonly name: N;
  /** Where its pushes arrive (POST). */
  readonly webhookPath: `/webhooks/${N}`;
  readonly hosts: ChannelHosts;
  readonly rules: ChannelRules;
  /** Its vendor fields, checked on every stored connection before the adapter sees it. */
  readonly vendor: z.ZodType<V>;
  readonly connection: {
    /** The body of PUT /v1/connections/{name}/{accountId} (with the account id in its own field too). */
    readonly schema: z.ZodType<B>;
    /** The body field that holds the account id (the marketplace's shop or seller id). */
    readonly accountIdField: keyof B & string;
    readonly draft: (body: B) => ConnectionDraft<V>;
    /** Whether the marketplace's own list of shops for these credentials proves the connection's claim. */
    readonly ownership: (
      connection: MarketplaceConnection<N, V>,
      shops: readonly AuthorizedShop<V>[],
    ) => OwnershipVerdict;
    /** The vendor fields GET /v1/connections shows. */
    readonly shown: (vendor: V) => { readonly callbackUrl: string | null };
  };
  readonly adapter: MarketplaceAdapter<MarketplaceConnection<N, V>>;
  /** Shop authorization at the marketplace (GET /connect/{name}), where it offers one. */
  readonly authorization?: ChannelAuthorization;
  /** Pushes that name no account at the top level, verified with the app's own secret. */
  readonly appPushes?: AppPushes;
  /** A GET handshake on the webhook path before pushes start (Meta's hub.challenge, docs/protocols.md). */
  readonly handshake?: WebhookHandshake;
}

/**
 * Meta's subscription handshake: `GET` with hub.mode=subscribe, hub.verify_token and hub.challenge; answered with
 * the challenge when the verify token is one of a connected account's (found by `alias`, the token's routing id).
 */
export interface WebhookHandshake {
  readonly kind: "hub_challenge";
  /** The routing alias a verify token is stored under. */
  readonly alias: (verifyToken: string) => string;
}

/** A channel as the routes, workers and composition roots use it: any stored connection of it is accepted. */
export interface Channel<N extends Marketplace = Marketplace, V extends ConnectionVendor = ConnectionVendor> {
  readonly name: N;
  readonly webhookPath: `/webhooks/${N}`;
  readonly hosts: ChannelHosts;
  readonly rules: ChannelRules;
  /** Its vendor fields' schema (the type of `MarketplaceConnection.vendor` for this channel). */
  readonly vendor: z.ZodType<V>;
  readonly connection: {
    readonly schema: z.ZodType;
    readonly accountIdField: string;
    /** Parses a connection body (throws the ZodError of a bad one) into its draft. */
    readonly draft: (body: unknown) => ConnectionDraft;
    readonly ownership: (
      connection: MarketplaceConnection,
      shops: readonly AuthorizedShop[],
    ) => OwnershipVerdict;
    readonly shown: (connection: MarketplaceConnection) => { readonly callbackUrl: string | null };
  };
  readonly adapter: MarketplaceAdapter;
  readonly authorization?: ChannelAuthorization | undefined;
  readonly appPushes?: AppPushes | undefined;
  readonly handshake?: WebhookHandshake | undefined;
}

/** The spec, behind a check that each connection it is handed is one of its own with valid vendor fields. */
export function defineChannel<N extends Marketplace, V extends ConnectionVendor, B>(
  spec: ChannelSpec<N, V, B>,
): Channel<N, V> {
  const own = (c: MarketplaceConnection): MarketplaceConnection<N, V> | null => {
    if (c.marketplace !== spec.name) return null;
    const vendor = spec.vendor.safeParse(c.vendor);
    return vendor.success ? { ...c, marketplace: spec.name, vendor: vendor.data } : null;
  };
  const ownOrThrow = (c: MarketplaceConnection) => {
    const typed = own(c);
    // Not retryable: a connection missing its vendor fields stays so until the seller connects again.
    if (!typed) throw new MarketplaceApiError(`${spec.name} connection lacks its vendor fields`, false);
    return typed;
  };
  const { adapter } = spec;
  return {
    name: spec.name,
    webhookPath: spec.webhookPath,
    hosts: spec.hosts,
    rules: spec.rules,
    vendor: spec.vendor,
    authorization: spec.authorization,
    appPushes: spec.appPushes,
    handshake: spec.handshake,
    connection: {
      schema: spec.connection.schema,
      accountIdField: spec.connection.accountIdField,
      draft: (body) => spec.connection.draft(spec.connection.schema.parse(body)),
      ownership: (c, shops) => {
        const typed = own(c);
        return typed
          ? spec.connection.ownership(typed, shops as readonly AuthorizedShop<V>[])
          : { kind: "not_listed" };
      },
      shown: (c) => {
        const typed = own(c);
        return typed ? spec.connection.shown(typed.vendor) : { callbackUrl: null };
      },
    },
    adapter: {
      marketplace: spec.name,
      shopOf: (body) => adapter.shopOf(body),
      verify(c, secrets, raw, header) {
        const typed = own(c);
        return typed !== null && adapter.verify(typed, secrets, raw, header);
      },
      parse: (body, c) => adapter.parse(body, ownOrThrow(c)),
      send: async (c, secrets, reply) => adapter.send(ownOrThrow(c), secrets, reply),
      refresh: async (c, secrets) => adapter.refresh(ownOrThrow(c), secrets),
      orders: async (c, secrets, ids) => (adapter.orders ? adapter.orders(ownOrThrow(c), secrets, ids) : []),
      authorizedShops: async (c, secrets) => adapter.authorizedShops(ownOrThrow(c), secrets),
    },
  };
}

/**
 * The usual ownership check: the claimed shop is among the marketplace's list, and every vendor field the
 * marketplace gives for it (TikTok's cipher) equals the connection's; `labels` name those fields for the seller.
 */
export function listedShop<V extends ConnectionVendor>(
  connection: MarketplaceConnection<Marketplace, V>,
  shops: readonly AuthorizedShop<V>[],
  labels: Partial<Record<keyof V & string, string>> = {},
): OwnershipVerdict {
  const match = shops.find((s) => s.marketplaceShopId === connection.marketplaceShopId);
  if (!match) return { kind: "not_listed" };
  for (const [field, value] of Object.entries(match.vendor ?? {}) as [keyof V & string, string][]) {
    if (value !== undefined && value !== connection.vendor[field])
      return {
        kind: "mismatch",
        path: field,
        message: `The ${labels[field] ?? field} is not the one the marketplace gives for this shop.`,
      };
  }
  return { kind: "proven" };
}

/** The body fields every marketplace connection takes besides its own: the market and the token's expiry. */
export interface CommonConnectionBody {
  readonly market?: MarketCode | undefined;
  readonly accessTokenExpiresAt?: string | undefined;
}
