/** PUT /v1/connections/{marketplace} and GET /v1/connections: a shop's marketplace connections, secrets write-only. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ConnectionStore } from "../../adapters/dynamodb/connection-store";
import { AppError } from "../../domain/errors";
import { MARKETPLACES, type Marketplace, type MarketplaceConnection } from "../../domain/marketplace";
import { MARKET_CODES } from "../../domain/markets";
import type { Clock } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { ErrorSchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };
const secret = z.string().min(1).max(2000);
const https = z.url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");
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
  apiBaseUrl: https.default("https://partner.shopeemobile.com"),
  ...common,
});
const Lazada = z.object({
  sellerId: z.string().min(1).max(40),
  appKey: z.string().min(1).max(40),
  appSecret: secret,
  accessToken: secret,
  refreshToken: secret,
  apiBaseUrl: https.default("https://api.lazada.co.id/rest"),
  authBaseUrl: https.default("https://auth.lazada.com/rest"),
  ...common,
});
const TikTok = z.object({
  shopId: z.string().min(1).max(60),
  shopCipher: z.string().min(1).max(200),
  appKey: z.string().min(1).max(60),
  appSecret: secret,
  accessToken: secret,
  refreshToken: secret,
  apiBaseUrl: https.default("https://open-api.tiktokglobalshop.com"),
  authBaseUrl: https.default("https://auth.tiktok-shops.com"),
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
        content: { "application/json": { schema: z.object({}).passthrough() } },
      },
      400: error,
      401: error,
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
      content: { "application/json": { schema: z.object({ items: z.array(z.object({}).passthrough()) }) } },
    },
    401: error,
  },
});

export function registerConnectionRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { connections: ConnectionStore; clock: Clock },
) {
  const save = async (
    base: Omit<MarketplaceConnection, "connectedAt" | "accessTokenExpiresAt">,
    secrets: { signingKey: string; accessToken: string; refreshToken: string },
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
    const taken = await deps.connections.route(connection.marketplace, connection.marketplaceShopId);
    if (taken && taken !== connection.shopId)
      throw new AppError("conflict", "This marketplace shop is connected to another shop.");
    await deps.connections.save(connection, secrets);
    return view(connection);
  };

  /** Each marketplace's body, mapped to the connection's common shape: public fields, and the secrets to seal. */
  type Mapped = {
    fields: Omit<MarketplaceConnection, "shopId" | "marketplace" | "connectedAt" | "accessTokenExpiresAt">;
    secrets: { signingKey: string; accessToken: string; refreshToken: string };
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
          apiBaseUrl: b.apiBaseUrl,
          authBaseUrl: b.apiBaseUrl,
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
          apiBaseUrl: b.apiBaseUrl,
          authBaseUrl: b.authBaseUrl,
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
          apiBaseUrl: b.apiBaseUrl,
          authBaseUrl: b.authBaseUrl,
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
