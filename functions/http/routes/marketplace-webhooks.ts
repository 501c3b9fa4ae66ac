/**
 * POST /webhooks/{channel}, one route per channel of the catalogue (its `webhookPath`): a push is verified with the
 * key of the account it names, de-duplicated on the marketplace message id, queued per conversation, and answered
 * 2xx with an empty body at once. A push that names no account (Lazada's category broadcast and token-expiry alert,
 * Shopee's app-level codes) is verified with the app's own key and acknowledged, so the marketplace never retries it
 * nor disables the push URL; a token-expiry alert is recorded on its account and queued to be told to the seller.
 */
import type { Context, Hono } from "hono";
import type { ConnectionStore } from "../../adapters/dynamodb/connection-store";
import { CHANNEL_NAMES, CHANNELS, type ChannelName } from "../../channels";
import type { AppPush, MarketplaceApps } from "../../channels/shared/authorization";
import type { Clock, Logger } from "../../domain/ports";
import { AppError } from "../../domain/errors";
import type { ShopId } from "../../domain/ids";
import type {
  ActionablePush,
  ConnectionSecrets,
  Marketplace,
  MarketplaceAdapter,
  MarketplaceConnection,
} from "../../domain/marketplace";
import type { MarketplaceQueues } from "../../domain/marketplace-queues";
import { limitBody } from "../json-body";

export const PUSH_MAX_BYTES = 64 * 1024;

export interface MarketplaceWebhookDeps {
  readonly connections: ConnectionStore;
  readonly adapters: { readonly [N in ChannelName]: MarketplaceAdapter };
  readonly marketplaceQueues: MarketplaceQueues | undefined;
  /** The operator's apps (configuration): they verify the pushes that name no account. */
  readonly marketplaceApps: MarketplaceApps;
  /** Our public address (APP_URL): Shopee signs pushes over the push URL registered with it. */
  readonly publicUrl?: string | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

const rejected = () => new AppError("unauthorized", "The push signature does not match a connected shop.");

/** An account's unsealed keys are kept per instance while its routing item says its credentials are unchanged. */
const CONNECTION_CACHE_MS = 60_000;
/** "Last push received" is written at most this often per account and instance: one write, not one per push. */
const TOUCH_EVERY_MS = 60_000;

type Found = { shopId: ShopId; connection: MarketplaceConnection; secrets: ConnectionSecrets };

export function registerMarketplaceWebhooks(app: Hono, deps: MarketplaceWebhookDeps) {
  const cache = new Map<string, { found: Found; version: string; until: number }>();
  const touched = new Map<string, number>();
  /**
   * The account a push names, with its keys. Its routing item is read on every push (one consistent read), so a
   * disconnected account is refused at once on every instance; the unsealed keys are reused while it is unchanged.
   */
  const lookup = async (marketplace: Marketplace, accountId: string): Promise<Found | null> => {
    const key = `${marketplace}:${accountId}`;
    const route = await deps.connections.routeOf(marketplace, accountId);
    if (!route) {
      cache.delete(key);
      return null;
    }
    const hit = cache.get(key);
    if (hit && hit.until > Date.now() && hit.version === route.version && hit.found.shopId === route.shopId)
      return hit.found;
    const connection = await deps.connections.get(route.shopId, marketplace, accountId);
    if (!connection) return null;
    const found = { shopId: route.shopId, connection, secrets: await deps.connections.secrets(connection) };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { found, version: route.version, until: Date.now() + CONNECTION_CACHE_MS });
    return found;
  };

  /** Records when the account last heard from its marketplace; a failure here never fails the push. */
  const touch = async ({ shopId, connection }: Found) => {
    const key = `${connection.marketplace}:${connection.marketplaceShopId}`;
    const now = deps.clock.now();
    if (now.getTime() - (touched.get(key) ?? 0) < TOUCH_EVERY_MS) return;
    if (touched.size > 10_000) touched.clear();
    touched.set(key, now.getTime());
    await deps.connections
      .touchPush(shopId, connection.marketplace, connection.marketplaceShopId, now.toISOString())
      .catch((error: unknown) =>
        deps.logger.warn("last push time not recorded", {
          marketplace: connection.marketplace,
          error: String(error),
        }),
      );
  };

  /** Queues a verified push once per marketplace message id; a failure forgets it, so the retry is taken. */
  const enqueue = async (found: Found, push: ActionablePush) => {
    const { shopId, connection } = found;
    const marketplace = connection.marketplace;
    if (!(await deps.connections.remember(shopId, "received", marketplace, push.messageId))) return;
    if (!deps.marketplaceQueues)
      throw new AppError("dependency_unavailable", "Marketplace queues are not configured.");
    try {
      await deps.marketplaceQueues.inbound({
        shopId,
        marketplace,
        accountId: connection.marketplaceShopId,
        push,
      });
    } catch (error) {
      // Not queued: forget it, so the marketplace's retry of this push is taken, and ask for that retry.
      await deps.connections.forget(shopId, "received", marketplace, push.messageId).catch(() => undefined);
      deps.logger.error("marketplace push not queued", { marketplace, messageId: push.messageId });
      throw error;
    }
  };

  /** A push naming no account: verified with the app's key (or, for an alert, the named account's), then answered. */
  const receiveAppPush = async (
    c: Context,
    marketplace: ChannelName,
    push: AppPush,
    raw: Uint8Array,
  ): Promise<Response> => {
    const header = (name: string) => c.req.header(name);
    const app = deps.marketplaceApps[marketplace];
    const pushUrl = `${deps.publicUrl ?? new URL(c.req.url).origin}${CHANNELS[marketplace].webhookPath}`;
    const byApp = !!app && !!CHANNELS[marketplace].appPushes?.verify(app, raw, header, pushUrl);
    if (push.kind === "ack") {
      if (!byApp) throw rejected();
      deps.logger.info("marketplace app push acknowledged", { marketplace, reason: push.reason });
      return c.body(null, 200);
    }
    const found = await lookup(marketplace, push.accountId);
    const byAccount =
      !!found && deps.adapters[marketplace].verify(found.connection, found.secrets, raw, header);
    if (!byApp && !byAccount) throw rejected();
    // Verified, but for an account no shop has connected: nothing to tell anyone, and a retry would not change that.
    if (!found) {
      deps.logger.info("marketplace token alert for an account not connected", { marketplace });
      return c.body(null, 200);
    }
    const at = deps.clock.now().toISOString();
    await deps.connections.recordAlert(found.shopId, marketplace, push.accountId, {
      kind: "token_expiring",
      expiresAt: push.expiresAt,
      at,
    });
    await enqueue(found, {
      kind: "account_alert",
      alert: "token_expiring",
      threadId: `account:${push.accountId}`,
      messageId: `token_expiring:${push.accountId}:${push.expiresAt ?? at.slice(0, 10)}`,
      expiresAt: push.expiresAt,
    });
    return c.body(null, 200);
  };

  // The limit counts bytes as they stream in, so an unauthenticated chunked flood is cut off at 64 KB.
  const limit = limitBody(PUSH_MAX_BYTES, "Pushes");
  const receive = (marketplace: ChannelName) => async (c: Context) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > PUSH_MAX_BYTES)
      throw new AppError("payload_too_large", `Pushes must be at most ${PUSH_MAX_BYTES} bytes.`);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
    } catch {
      throw rejected(); // an unsigned or garbled body is answered like a bad signature: nothing is said about why
    }
    const appPush = CHANNELS[marketplace].appPushes?.classify(body) ?? null;
    if (appPush) return receiveAppPush(c, marketplace, appPush, raw);
    const adapter = deps.adapters[marketplace];
    // The account id is read before the signature is checked only to find whose key checks it; nothing else is used.
    const accountId = adapter.shopOf(body);
    const found = accountId ? await lookup(marketplace, accountId) : null;
    if (!found) throw rejected();
    if (!adapter.verify(found.connection, found.secrets, raw, (name) => c.req.header(name))) throw rejected();
    if (!deps.marketplaceQueues)
      throw new AppError("dependency_unavailable", "Marketplace queues are not configured.");
    await touch(found);
    for (const push of adapter.parse(body, found.connection)) {
      if (push.kind === "ignored") continue;
      await enqueue(found, push);
    }
    return c.body(null, 200);
  };
  /**
   * Meta's subscription handshake (GET hub.mode=subscribe, hub.verify_token, hub.challenge): the challenge is echoed
   * as plain text only when the verify token is a connected account's (found by its hash), else 403.
   */
  const handshake =
    (marketplace: ChannelName, alias: (verifyToken: string) => string) => async (c: Context) => {
      const mode = c.req.query("hub.mode");
      const token = c.req.query("hub.verify_token");
      const challenge = c.req.query("hub.challenge");
      const refused = () =>
        new AppError("forbidden", "Not a subscription handshake for a connected account.");
      if (mode !== "subscribe" || !token || !challenge || challenge.length > 200) throw refused();
      if (!(await deps.connections.routeOf(marketplace, alias(token)))) throw refused();
      return c.text(challenge, 200);
    };
  for (const name of CHANNEL_NAMES) {
    app.post(CHANNELS[name].webhookPath, limit, receive(name));
    const spec = CHANNELS[name].handshake;
    if (spec) app.get(CHANNELS[name].webhookPath, handshake(name, spec.alias));
  }
}
