/**
 * The Shopify app's HTTP surface: install and callback (authorization code grant, non-embedded) and the webhook
 * endpoint, which verifies, de-duplicates and queues each delivery, and answers 200 before any processing.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { getSignedCookie, setSignedCookie, deleteCookie } from "hono/cookie";
import type { SecretBox } from "../../adapters/crypto/secret-box";
import { isShopDomain, verifyQuery, verifyWebhook } from "../../adapters/shopify/hmac";
import { authorizeUrl, exchangeCode } from "../../adapters/shopify/oauth";
import { shopifyOrigin } from "../../adapters/shopify/gateway";
import { createShopifyAdmin } from "../../adapters/shopify/admin-client";
import { registerWebhooks } from "../../adapters/shopify/webhook-topics";
import { parseWebhook } from "../../adapters/shopify/webhook-payloads";
import { AppError } from "../../domain/errors";
import { catalogSyncEvent } from "../../domain/knowledge";
import { ShopId } from "../../domain/ids";
import { MARKET_CODES } from "../../domain/markets";
import type { Clock, Logger, ShopStore } from "../../domain/ports";
import type { ShopifyStore } from "../../domain/shopify";
import type { ShopifyEventQueue } from "../../domain/shopify-events";

export interface ShopifyAppConfig {
  readonly apiKey: string;
  /** Signs only Shopify's HMACs (webhooks, install queries) and the code exchange; never our own cookies. */
  readonly apiSecret: string;
  /** Signs the install state cookie: derived from the app secret for that purpose alone (HKDF), see config/secrets. */
  readonly stateCookieKey: Uint8Array;
  readonly scopes: string;
  readonly apiVersion: string;
  /** Our public base URL; without it, the address the request came in on (API Gateway's, or a custom domain). */
  readonly appUrl?: string | undefined;
  readonly originTemplate?: string | undefined;
}

export interface ShopifyRouteDeps {
  readonly shopifyApp: ShopifyAppConfig | undefined;
  readonly shopifyStore: ShopifyStore;
  readonly shopifyEvents: ShopifyEventQueue | undefined;
  readonly secrets: SecretBox;
  readonly shops: ShopStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Webhook bodies are queued whole; SQS takes 256 KiB, and Shopify's order payloads are far smaller. */
export const SHOPIFY_WEBHOOK_MAX_BYTES = 200 * 1024;
/**
 * How long a signed body stays bound to its shop (and de-duplicated): Shopify retries for hours, but the binding is
 * what stops a captured body naming no shop from being re-sent for another shop, so it outlives any realistic replay.
 */
const DEDUPE_SECONDS = 90 * 24 * 3600;
const STATE_COOKIE = "shopify_oauth_state";
/** How far ahead of our clock X-Shopify-Triggered-At may be; later times are clamped to now. */
const TRIGGERED_AT_SKEW_MS = 5 * 60 * 1000;

const notConfigured = () =>
  new AppError(
    "dependency_unavailable",
    "The Shopify app is not configured on this deployment (SHOPIFY_API_KEY, SHOPIFY_API_SECRET).",
  );

export function registerShopifyRoutes(app: Hono, deps: ShopifyRouteDeps) {
  const config = () => {
    if (!deps.shopifyApp) throw notConfigured();
    return deps.shopifyApp;
  };
  const nowSeconds = () => Math.floor(deps.clock.now().getTime() / 1000);

  app.get("/shopify/install", async (c) => {
    const cfg = config();
    const params = new URL(c.req.url).searchParams;
    const shop = params.get("shop") ?? undefined;
    if (!isShopDomain(shop))
      throw new AppError("invalid_request", "shop must be a *.myshopify.com domain.", [{ path: "shop" }]);
    if (!verifyQuery(cfg.apiSecret, params, nowSeconds()))
      throw new AppError("unauthorized", "The install link's signature is invalid or expired.");
    const state = randomBytes(16).toString("hex");
    // The nonce is bound to this browser: a signed, HTTP-only cookie checked on the callback.
    const base = cfg.appUrl ?? new URL(c.req.url).origin;
    await setSignedCookie(c, STATE_COOKIE, `${state}:${shop}`, cfg.stateCookieKey, {
      httpOnly: true,
      secure: base.startsWith("https://"),
      sameSite: "Lax",
      path: "/shopify",
      maxAge: 600,
    });
    const redirectUri = `${base}/shopify/callback`;
    return c.redirect(
      authorizeUrl({
        shop,
        apiKey: cfg.apiKey,
        scopes: cfg.scopes,
        redirectUri,
        state,
        origin: shopifyOrigin(cfg.originTemplate, shop),
      }),
      302,
    );
  });

  app.get("/shopify/callback", async (c) => {
    const cfg = config();
    const params = new URL(c.req.url).searchParams;
    const shop = params.get("shop") ?? undefined;
    const code = params.get("code");
    if (!isShopDomain(shop) || !code)
      throw new AppError("invalid_request", "shop and code are required.", [
        { path: "shop" },
        { path: "code" },
      ]);
    if (!verifyQuery(cfg.apiSecret, params, nowSeconds()))
      throw new AppError("unauthorized", "The callback's signature is invalid or expired.");
    const cookie = await getSignedCookie(c, cfg.stateCookieKey, STATE_COOKIE);
    if (!cookie || cookie !== `${params.get("state")}:${shop}`) {
      throw new AppError(
        "unauthorized",
        "The install state does not match this browser; start the install again.",
      );
    }
    deleteCookie(c, STATE_COOKIE, { path: "/shopify" });
    const origin = shopifyOrigin(cfg.originTemplate, shop);
    const token = await exchangeCode({ shop, apiKey: cfg.apiKey, apiSecret: cfg.apiSecret, code, origin });
    const shopId = ShopId(shop);
    const at = deps.clock.now().toISOString();
    await deps.shopifyStore.saveConnection({
      shopId,
      sealedToken: await deps.secrets.seal(token.access_token, shopId),
      scopes: token.scope,
      installedAt: at,
      uninstalledAt: null,
    });
    const existing = await deps.shops.get(shopId);
    let apiKey: string | null = null;
    if (!existing) {
      apiKey = `sk_${randomBytes(24).toString("base64url")}`;
      await deps.shops.putShop(
        { id: shopId, name: shop.replace(/\.myshopify\.com$/, ""), markets: [...MARKET_CODES] },
        apiKey,
      );
    }
    const admin = createShopifyAdmin({
      shop,
      accessToken: token.access_token,
      apiVersion: cfg.apiVersion,
      origin,
    });
    const subscriptions = await registerWebhooks(
      admin,
      `${cfg.appUrl ?? new URL(c.req.url).origin}/webhooks/shopify`,
    );
    // The catalog and policies are read after this answer, a page at a time (workers/catalog.ts); a failure to queue
    // does not undo the install: POST /v1/catalog/sync asks again.
    await deps.shopifyEvents
      ?.send(catalogSyncEvent(shopId, { after: null, startedAt: at }))
      .catch((error: unknown) =>
        deps.logger.warn("catalog sync not queued", {
          shop,
          error: error instanceof Error ? error.name : "error",
        }),
      );
    deps.logger.info("shopify app installed", {
      shop,
      subscriptions: subscriptions.length,
      newShop: apiKey !== null,
    });
    // The API key is shown once, at first install; only its hash is stored.
    return c.json(
      { shop, installed: true, webhooks: subscriptions.length, ...(apiKey ? { apiKey } : {}) },
      200,
    );
  });

  app.post("/webhooks/shopify", async (c) => {
    const cfg = config();
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > SHOPIFY_WEBHOOK_MAX_BYTES)
      throw new AppError(
        "payload_too_large",
        `Webhook bodies must be at most ${SHOPIFY_WEBHOOK_MAX_BYTES} bytes.`,
      );
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > SHOPIFY_WEBHOOK_MAX_BYTES)
      throw new AppError(
        "payload_too_large",
        `Webhook bodies must be at most ${SHOPIFY_WEBHOOK_MAX_BYTES} bytes.`,
      );
    // The signature is checked over the exact bytes, before anything is parsed.
    if (!verifyWebhook(cfg.apiSecret, raw, c.req.header("x-shopify-hmac-sha256"))) {
      throw new AppError("unauthorized", "The webhook signature does not match.");
    }
    const topic = c.req.header("x-shopify-topic");
    const shop = c.req.header("x-shopify-shop-domain");
    const eventId = c.req.header("x-shopify-event-id") ?? c.req.header("x-shopify-webhook-id");
    if (!topic || !isShopDomain(shop) || !eventId) {
      throw new AppError(
        "invalid_request",
        "X-Shopify-Topic, X-Shopify-Shop-Domain and X-Shopify-Event-Id are required.",
      );
    }
    if (!deps.shopifyEvents) throw notConfigured();
    const body = new TextDecoder().decode(raw);
    // The signature covers the body alone: the headers are believed only as far as the body agrees with them.
    const parsed = parseWebhook(topic, shop, body);
    if (!parsed.ok) {
      deps.logger.warn("shopify webhook refused", {
        topic,
        eventId,
        reason: parsed.reason,
        ...(parsed.issues ? { issues: parsed.issues.slice(0, 10) } : {}),
      });
      // A topic we never subscribed to is acknowledged (retrying cannot help); a body that contradicts its
      // headers is refused before it is queued, so it can neither act on another shop nor poison a queue.
      if (parsed.reason === "unknown_topic") return c.body(null, 200);
      throw new AppError(
        "invalid_request",
        parsed.reason === "shop_mismatch"
          ? "The webhook body names another shop than X-Shopify-Shop-Domain."
          : `The webhook body is not a ${topic} payload.`,
        { reason: parsed.reason },
      );
    }
    const shopId = ShopId(shop);
    // Order, fulfilment and refund bodies do not name their shop: the signed bytes are bound to the first shop
    // they arrive for (one conditional write, which also de-duplicates), see ShopifyStore.claimDelivery.
    const delivery = {
      bodyDigest: createHash("sha256").update(raw).digest("hex"),
      shopId,
      topic,
      eventId,
    };
    const claim = await deps.shopifyStore.claimDelivery(delivery, DEDUPE_SECONDS);
    if (claim === "other_shop") {
      deps.logger.warn("shopify webhook refused: the signed body was delivered for another shop", {
        topic,
        eventId,
      });
      // The same answer as a bad signature: this signature is not valid for this shop.
      throw new AppError("unauthorized", "The webhook signature does not match.");
    }
    if (claim === "duplicate") {
      deps.logger.info("shopify webhook duplicate", {
        topic,
        eventId,
        webhookId: c.req.header("x-shopify-webhook-id"),
      });
      return c.body(null, 200);
    }
    const triggeredAt = boundedTriggeredAt(c.req.header("x-shopify-triggered-at"), deps.clock.now());
    try {
      await deps.shopifyEvents.send({
        topic,
        shopId,
        eventId,
        webhookId: c.req.header("x-shopify-webhook-id") ?? null,
        triggeredAt,
        body,
      });
    } catch (error) {
      // Not queued: forget the event so Shopify's retry is processed, and ask Shopify to retry.
      await deps.shopifyStore.releaseDelivery(delivery).catch(() => undefined);
      throw error;
    }
    return c.body(null, 200);
  });
}

/** X-Shopify-Triggered-At as ISO time, never later than now (it is unsigned; a future time is clamped). */
export function boundedTriggeredAt(header: string | undefined, now: Date): string | null {
  const at = header ? Date.parse(header) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return new Date(at > now.getTime() + TRIGGERED_AT_SKEW_MS ? now.getTime() : at).toISOString();
}
