/**
 * Shop authorization: GET /connect/{marketplace}?market=TH sends the seller to the marketplace's authorization page
 * with a state kept server-side (single use, ten minutes) and bound to this browser by a cookie; the marketplace
 * comes back to GET /connect/{marketplace}/callback, whose code is exchanged for tokens with the operator's app
 * credentials, ownership is proven as for pasted tokens, and the seller lands on the inbox's connections page.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { safeEqual } from "../../adapters/shopify/hmac";
import {
  baseUrlProblem,
  CHANNELS,
  type ChannelName,
  isChannelName,
  MarketplaceApiError,
} from "../../channels";
import { AuthorizationError, type MarketplaceApps } from "../../channels/shared/authorization";
import { AppError, DependencyError } from "../../domain/errors";
import type { ShopId } from "../../domain/ids";
import type { Marketplace } from "../../domain/marketplace";
import { MARKET_CODES, type MarketCode } from "../../domain/markets";
import type { Logger } from "../../domain/ports";
import { markGuard } from "../guards";
import { type ConnectDeps, connectAccount } from "./connections";

/** What the authorization flow needs besides connecting an account. */
export interface ConnectFlowDeps extends ConnectDeps {
  /** The operator's apps (configuration); a channel without one offers no authorization. */
  readonly marketplaceApps: MarketplaceApps;
  /** A base URL replacing a channel's production hosts (a sandbox, or a local fake). */
  readonly marketplaceBaseUrls: { readonly [N in Marketplace]?: string };
  /** Our public address (APP_URL); the request's own origin otherwise. */
  readonly publicUrl?: string | undefined;
  readonly logger: Logger;
}

const STATE_TTL_SECONDS = 600;
/** The browser that starts an authorization must be the one that finishes it (login CSRF). */
const BINDING_COOKIE = "connect_binding";
/** Where every outcome lands: the seller's connections page, with a status it knows how to say. */
const CONNECTIONS_PAGE = "/inbox/connections";

export const MarketQuery = z.object({ market: z.enum(MARKET_CODES) });

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
const originOf = (deps: ConnectFlowDeps, c: Context) => deps.publicUrl ?? new URL(c.req.url).origin;

/** Whether the channel can be authorized here: it offers a flow and the operator configured its app. */
export const canAuthorize = (deps: Pick<ConnectFlowDeps, "marketplaceApps">, marketplace: ChannelName) => {
  const app = deps.marketplaceApps[marketplace];
  // TikTok's page is addressed by the service id, not the app key.
  return !!CHANNELS[marketplace].authorization && !!app && (marketplace !== "tiktok" || !!app.serviceId);
};

/** The base replacing the channel's production hosts, refused unless it is one of them (or a loopback fake). */
function baseFor(deps: ConnectFlowDeps, marketplace: ChannelName): string | undefined {
  const base = deps.marketplaceBaseUrls[marketplace];
  if (base && baseUrlProblem(marketplace, "api", base, deps.allowLoopbackTargets))
    throw new AppError(
      "dependency_unavailable",
      `The configured ${marketplace} base URL is not one of its hosts.`,
    );
  return base;
}

/** Sends the browser to the marketplace's authorization page for `shopId`'s account in `market`. */
export async function startAuthorization(
  c: Context,
  deps: ConnectFlowDeps,
  shopId: ShopId,
  marketplace: ChannelName,
  market: MarketCode,
): Promise<Response> {
  const app = deps.marketplaceApps[marketplace];
  const authorization = CHANNELS[marketplace].authorization;
  if (!app || !authorization || !canAuthorize(deps, marketplace))
    throw new AppError("dependency_unavailable", `${marketplace} shop authorization is not configured.`);
  const base = baseFor(deps, marketplace);
  const state = randomBytes(32).toString("base64url");
  // One binding per browser, reused, so two authorizations started in two tabs both finish.
  const existing = getCookie(c, BINDING_COOKIE);
  const binding = existing && /^[\w-]{43}$/.test(existing) ? existing : randomBytes(32).toString("base64url");
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  await deps.connections.startAuthorization(
    state,
    { shopId, marketplace, market, bindingHash: sha256(binding) },
    now + STATE_TTL_SECONDS,
  );
  // Lax: it must come back on the marketplace's top-level redirect to our callback.
  setCookie(c, BINDING_COOKIE, binding, {
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Lax",
    path: "/connect",
    maxAge: STATE_TTL_SECONDS,
  });
  const redirectUri = `${originOf(deps, c)}/connect/${marketplace}/callback`;
  return c.redirect(authorization.authorizeUrl(app, { redirectUri, state, base }), 302);
}

/** Where a failed authorization sends the seller: the connections page, saying why. */
const failed = (c: Context, code: string) => c.redirect(`${CONNECTIONS_PAGE}?error=${code}`, 303);

/**
 * GET /connect/{marketplace} (shop API key in the Authorization header; a browser without one is sent to the
 * inbox's own start, which reads its session) and GET /connect/{marketplace}/callback (public: the state decides).
 */
export function registerConnectRoutes(app: Hono, deps: ConnectFlowDeps, shopKey: MiddlewareHandler) {
  const shopKeyOrInbox = markGuard("shop-api-key-or-inbox", async (c, next) => {
    if (c.req.header("authorization")) return shopKey(c, next);
    // The inbox's session cookie is scoped to /inbox: continue there, where it is read.
    const query = new URL(c.req.url).search;
    return c.redirect(`/inbox/connect/${encodeURIComponent(c.req.param("marketplace") ?? "")}${query}`, 303);
  });

  app.get("/connect/:marketplace", shopKeyOrInbox, async (c) => {
    const marketplace = c.req.param("marketplace");
    if (!isChannelName(marketplace)) throw new AppError("not_found", `No marketplace ${marketplace}.`);
    const query = MarketQuery.safeParse({ market: c.req.query("market") });
    if (!query.success)
      throw new AppError("invalid_request", "Say which market the shop sells in (?market=TH).", [
        { path: "market", message: "one of the market codes" },
      ]);
    const shop = c.get("shop" as never) as { id: ShopId };
    return startAuthorization(c, deps, shop.id, marketplace, query.data.market);
  });

  app.get("/connect/:marketplace/callback", async (c) => {
    const marketplace = c.req.param("marketplace");
    if (!isChannelName(marketplace)) throw new AppError("not_found", `No marketplace ${marketplace}.`);
    const state = c.req.query("state") ?? "";
    const now = Math.floor(deps.clock.now().getTime() / 1000);
    // Taken (deleted) before anything else: a replayed state finds nothing.
    const pending = /^[\w-]{43}$/.test(state) ? await deps.connections.takeAuthorization(state, now) : null;
    const binding = getCookie(c, BINDING_COOKIE) ?? "";
    if (!pending || pending.marketplace !== marketplace || !safeEqual(sha256(binding), pending.bindingHash))
      throw new AppError(
        "unauthorized",
        "This authorization is unknown, already used, expired, or was started in another browser.",
      );
    const app = deps.marketplaceApps[marketplace];
    const authorization = CHANNELS[marketplace].authorization;
    if (!app || !authorization) return failed(c, "not_configured");
    let accounts: Awaited<ReturnType<typeof authorization.exchange>>;
    try {
      accounts = await authorization.exchange(app, {
        query: c.req.query(),
        market: pending.market,
        pushUrl: `${originOf(deps, c)}${CHANNELS[marketplace].webhookPath}`,
        base: baseFor(deps, marketplace),
      });
    } catch (error) {
      if (error instanceof AuthorizationError) {
        deps.logger.warn("marketplace authorization refused", {
          marketplace,
          code: error.code,
          error: error.message,
        });
        return failed(c, error.code);
      }
      if (error instanceof MarketplaceApiError || error instanceof z.ZodError) {
        deps.logger.warn("marketplace token exchange failed", { marketplace, error: error.message });
        return failed(c, "authorization_failed");
      }
      throw error;
    }
    for (const account of accounts) {
      try {
        await connectAccount(
          deps,
          { ...account.fields, shopId: pending.shopId, marketplace },
          account.secrets,
          account.accessTokenExpiresAt,
        );
      } catch (error) {
        if (error instanceof AppError && error.code === "marketplace_shop_taken") return failed(c, "taken");
        if (error instanceof AppError) return failed(c, "authorization_failed");
        if (error instanceof DependencyError) return failed(c, "unavailable");
        throw error;
      }
    }
    deps.logger.info("marketplace account authorized", { marketplace, accounts: accounts.length });
    return c.redirect(`${CONNECTIONS_PAGE}?done=connected`, 303);
  });
}
