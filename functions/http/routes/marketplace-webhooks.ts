/**
 * POST /webhooks/{channel}, one route per channel of the catalogue (its `webhookPath`): a push is verified with
 * the connected shop's key over the raw body, de-duplicated on the marketplace message id, queued per conversation,
 * and answered 2xx with an empty body at once.
 */
import type { Context, Hono } from "hono";
import type { ConnectionStore } from "../../adapters/dynamodb/connection-store";
import { CHANNEL_NAMES, CHANNELS, type ChannelName } from "../../channels";
import type { Logger } from "../../domain/ports";
import { AppError } from "../../domain/errors";
import type { ShopId } from "../../domain/ids";
import type {
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
  readonly logger: Logger;
}

const rejected = () => new AppError("unauthorized", "The push signature does not match a connected shop.");

/** Connections (with their unsealed keys) are cached briefly per instance: a push needs them before anything else. */
const CONNECTION_CACHE_MS = 60_000;

export function registerMarketplaceWebhooks(app: Hono, deps: MarketplaceWebhookDeps) {
  const cache = new Map<
    string,
    {
      found: { shopId: ShopId; connection: MarketplaceConnection; secrets: ConnectionSecrets } | null;
      until: number;
    }
  >();
  const lookup = async (marketplace: Marketplace, marketplaceShopId: string) => {
    const key = `${marketplace}:${marketplaceShopId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.found;
    const shopId = await deps.connections.route(marketplace, marketplaceShopId);
    const connection = shopId ? await deps.connections.get(shopId, marketplace) : null;
    const found =
      shopId && connection
        ? { shopId, connection, secrets: await deps.connections.secrets(connection) }
        : null;
    if (cache.size > 10_000) cache.clear();
    // Only connections are cached: a shop connected a moment ago must not be refused for a minute.
    if (found) cache.set(key, { found, until: Date.now() + CONNECTION_CACHE_MS });
    return found;
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
    const adapter = deps.adapters[marketplace];
    // The shop id is read before the signature is checked only to find whose key checks it; nothing else is used.
    const marketplaceShopId = adapter.shopOf(body);
    const found = marketplaceShopId ? await lookup(marketplace, marketplaceShopId) : null;
    if (!found) throw rejected();
    const { shopId, connection, secrets } = found;
    if (!adapter.verify(connection, secrets, raw, (name) => c.req.header(name))) throw rejected();
    if (!deps.marketplaceQueues)
      throw new AppError("dependency_unavailable", "Marketplace queues are not configured.");
    for (const push of adapter.parse(body, connection)) {
      if (push.kind === "ignored") continue;
      if (!(await deps.connections.remember(shopId, "received", marketplace, push.messageId))) continue;
      try {
        await deps.marketplaceQueues.inbound({ shopId, marketplace, push });
      } catch (error) {
        // Not queued: forget it, so the marketplace's retry of this push is taken, and ask for that retry.
        await deps.connections.forget(shopId, "received", marketplace, push.messageId).catch(() => undefined);
        deps.logger.error("marketplace push not queued", { marketplace, messageId: push.messageId });
        throw error;
      }
    }
    return c.body(null, 200);
  };
  for (const name of CHANNEL_NAMES) app.post(CHANNELS[name].webhookPath, limit, receive(name));
}
