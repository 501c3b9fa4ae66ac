/** PUT /v1/connections/{marketplace} and GET /v1/connections: a shop's marketplace connections, secrets write-only. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ConnectionStore } from "../../adapters/dynamodb/connection-store";
import { baseUrlProblem, MARKETPLACE_HOSTS } from "../../adapters/marketplaces/catalogue";
import { MarketplaceApiError } from "../../adapters/marketplaces/http";
import { AppError, DependencyError } from "../../domain/errors";
import {
  type ConnectionSecrets,
  MARKETPLACES,
  type Marketplace,
  type MarketplaceAdapter,
  type MarketplaceConnection,
} from "../../domain/marketplace";
import { MARKET_CODES } from "../../domain/markets";
import type { Clock } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { ErrorSchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };
const secret = z.string().min(1).max(2000);
const https = z.url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");
/** A marketplace host: checked against the catalogue after parsing (the local flag decides about loopback). */
const host = https.optional();
const common = {
  market: z.enum(MARKET_CODES).optional(),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }).optional(),
};

const Shopee = z.object({
  marketplaceShopId: z.string().min(1).max(40),
  partnerId: z.string().min(1).max(40),
  partnerKey: secret,
  accessToken: secret,
  refreshToken: secret,
  callbackUrl: https,
  apiBaseUrl: host,
  ...common,
});
const Lazada = z.object({
  sellerId: z.string().min(1).max(40),
  appKey: z.string().min(1).max(40),
  appSecret: secret,
  accessToken: secret,
  refreshToken: secret,
  apiBaseUrl: host,
  authBaseUrl: host,
  ...common,
});
const TikTok = z.object({
  shopId: z.string().min(1).max(60),
  shopCipher: z.string().min(1).max(200),
  appKey: z.string().min(1).max(60),
  appSecret: secret,
  accessToken: secret,
  refreshToken: secret,
  apiBaseUrl: host,
  authBaseUrl: host,
  ...common,
});

/** Tokens whose expiry the seller does not give are refreshed at the next send: Shopee's last four hours. */
const DEFAULT_TOKEN_HOURS = 4;

const view = (c: MarketplaceConnection) => ({
  marketplace: c.marketplace,
  marketplaceShopId: c.marketplaceShopId,
  appId: c.appId,
  market: c.market,
  apiBaseUrl: c.apiBaseUrl,
  callbackUrl: c.callbackUrl,
  accessTokenExpiresAt: c.accessTokenExpiresAt,
  connectedAt: c.connectedAt,
});
/** What `view` shows of a connection, for the OpenAPI document. */
const ConnectionSchema = z
  .object({
    marketplace: z.enum(MARKETPLACES),
    marketplaceShopId: z.string(),
    appId: z.string(),
    market: z.enum(MARKET_CODES).nullable(),
    apiBaseUrl: z.string(),
    callbackUrl: z.string().nullable(),
    accessTokenExpiresAt: z.string(),
    connectedAt: z.string(),
  })
  .openapi("Connection");

const putRoute = (marketplace: Marketplace, schema: z.ZodType) =>
  createRoute({
    method: "put",
    path: `/v1/connections/${marketplace}`,
    summary: `Connect a ${marketplace} shop`,
    security: [{ shopApiKey: [] }],
    request: { body: { required: true, content: { "application/json": { schema } } } },
    responses: {
      200: {
        description: "The connection, without secrets",
        content: { "application/json": { schema: ConnectionSchema } },
      },
      400: error,
      401: error,
      409: error,
      503: error,
    },
  });

const listRoute = createRoute({
  method: "get",
  path: "/v1/connections",
  summary: "The shop's marketplace connections, without secrets",
  security: [{ shopApiKey: [] }],
  responses: {
    200: {
      description: "Connections",
      content: { "application/json": { schema: z.object({ items: z.array(ConnectionSchema) }) } },
    },
    401: error,
  },
});

/** Refuses hosts off the marketplace's catalogue (400, naming the field) before any call is made to them. */
function vetHosts(connection: MarketplaceConnection, allowLoopback: boolean) {
  const details = (["apiBaseUrl", "authBaseUrl"] as const).flatMap((field) => {
    // Shopee has one base for both: the field the seller gave is the one named.
    if (field === "authBaseUrl" && connection.authBaseUrl === connection.apiBaseUrl) return [];
    const problem = baseUrlProblem(
      connection.marketplace,
      field === "apiBaseUrl" ? "api" : "auth",
      connection[field],
      allowLoopback,
    );
    return problem ? [{ path: field, message: problem }] : [];
  });
  if (details.length)
    throw new AppError(
      "invalid_request",
      "The marketplace host is not one of its official API hosts.",
      details,
    );
}

/**
 * Asks the marketplace, with the given credentials, which shops they act for, and requires the claimed one among
 * them: anyone can type a shop id, only its owner holds a token the marketplace accepts for it.
 */
async function proveOwnership(
  adapter: MarketplaceAdapter,
  connection: MarketplaceConnection,
  secrets: ConnectionSecrets,
) {
  const unproven = () =>
    new AppError(
      "ownership_not_proven",
      `${connection.marketplace} did not confirm that these credentials act for shop ${connection.marketplaceShopId}; check the shop id, app credentials and access token.`,
      [{ path: "marketplaceShopId" }],
    );
  let shops: Awaited<ReturnType<MarketplaceAdapter["authorizedShops"]>>;
  try {
    shops = await adapter.authorizedShops(connection, secrets);
  } catch (error) {
    if (error instanceof MarketplaceApiError && error.retryable)
      throw new DependencyError(`${connection.marketplace} API`, error);
    if (error instanceof MarketplaceApiError || error instanceof z.ZodError) throw unproven();
    throw error;
  }
  const match = shops.find((s) => s.marketplaceShopId === connection.marketplaceShopId);
  if (!match) throw unproven();
  if (match.shopCipher !== undefined && match.shopCipher !== connection.shopCipher)
    throw new AppError(
      "invalid_request",
      "The shop cipher is not the one the marketplace gives for this shop.",
      [{ path: "shopCipher" }],
    );
}

export function registerConnectionRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    connections: ConnectionStore;
    clock: Clock;
    adapters: Readonly<Record<Marketplace, MarketplaceAdapter>>;
    allowLoopbackTargets: boolean;
  },
) {
  const save = async (
    base: Omit<MarketplaceConnection, "connectedAt" | "accessTokenExpiresAt">,
    secrets: ConnectionSecrets,
    expiresAt?: string,
  ) => {
    const now = deps.clock.now();
    const connection: MarketplaceConnection = {
      ...base,
      connectedAt: now.toISOString(),
      accessTokenExpiresAt: expiresAt
        ? new Date(expiresAt).toISOString()
        : new Date(now.getTime() + DEFAULT_TOKEN_HOURS * 3600_000).toISOString(),
    };
    vetHosts(connection, deps.allowLoopbackTargets);
    await proveOwnership(deps.adapters[connection.marketplace], connection, secrets);
    // Conditional on the routing item: another shop's claim answers 409 and leaves that shop untouched.
    await deps.connections.save(connection, secrets);
    return view(connection);
  };

  /** Each marketplace's body, mapped to the connection's common shape: public fields, and the secrets to seal. */
  type Mapped = {
    fields: Omit<MarketplaceConnection, "shopId" | "marketplace" | "connectedAt" | "accessTokenExpiresAt">;
    secrets: ConnectionSecrets;
  };
  const mappings: { [M in Marketplace]: { schema: z.ZodType; map: (b: never) => Mapped } } = {
    shopee: {
      schema: Shopee,
      map: (b: z.infer<typeof Shopee>) => ({
        fields: {
          marketplaceShopId: b.marketplaceShopId,
          appId: b.partnerId,
          shopCipher: null,
          callbackUrl: b.callbackUrl,
          apiBaseUrl: b.apiBaseUrl ?? MARKETPLACE_HOSTS.shopee.defaultApiBaseUrl(b.market ?? null),
          authBaseUrl: b.apiBaseUrl ?? MARKETPLACE_HOSTS.shopee.defaultAuthBaseUrl,
          market: b.market ?? null,
        },
        secrets: { signingKey: b.partnerKey, accessToken: b.accessToken, refreshToken: b.refreshToken },
      }),
    },
    lazada: {
      schema: Lazada,
      map: (b: z.infer<typeof Lazada>) => ({
        fields: {
          marketplaceShopId: b.sellerId,
          appId: b.appKey,
          shopCipher: null,
          callbackUrl: null,
          apiBaseUrl: b.apiBaseUrl ?? MARKETPLACE_HOSTS.lazada.defaultApiBaseUrl(b.market ?? null),
          authBaseUrl: b.authBaseUrl ?? MARKETPLACE_HOSTS.lazada.defaultAuthBaseUrl,
          market: b.market ?? null,
        },
        secrets: { signingKey: b.appSecret, accessToken: b.accessToken, refreshToken: b.refreshToken },
      }),
    },
    tiktok: {
      schema: TikTok,
      map: (b: z.infer<typeof TikTok>) => ({
        fields: {
          marketplaceShopId: b.shopId,
          appId: b.appKey,
          shopCipher: b.shopCipher,
          callbackUrl: null,
          apiBaseUrl: b.apiBaseUrl ?? MARKETPLACE_HOSTS.tiktok.defaultApiBaseUrl(b.market ?? null),
          authBaseUrl: b.authBaseUrl ?? MARKETPLACE_HOSTS.tiktok.defaultAuthBaseUrl,
          market: b.market ?? null,
        },
        secrets: { signingKey: b.appSecret, accessToken: b.accessToken, refreshToken: b.refreshToken },
      }),
    },
  };
  for (const marketplace of MARKETPLACES) {
    const { schema, map } = mappings[marketplace];
    app.openapi(putRoute(marketplace, schema), async (c) => {
      const body = schema.parse(await c.req.json()) as { accessTokenExpiresAt?: string };
      const { fields, secrets } = map(body as never);
      return c.json(
        await save({ ...fields, shopId: c.get("shop").id, marketplace }, secrets, body.accessTokenExpiresAt),
        200,
      );
    });
  }
  app.openapi(listRoute, async (c) =>
    c.json({ items: (await deps.connections.list(c.get("shop").id)).map(view) }, 200),
  );
}
