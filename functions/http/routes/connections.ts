/** PUT /v1/connections/{marketplace} and GET /v1/connections: a shop's marketplace connections, secrets write-only. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ConnectionStore } from "../../adapters/dynamodb/connection-store";
import {
  baseUrlProblem,
  CHANNEL_NAMES,
  CHANNELS,
  type ChannelName,
  MarketplaceApiError,
} from "../../channels";
import { AppError, DependencyError } from "../../domain/errors";
import type { ConnectionSecrets, MarketplaceAdapter, MarketplaceConnection } from "../../domain/marketplace";
import { MARKET_CODES } from "../../domain/markets";
import type { Clock } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { ErrorSchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };
/** Tokens whose expiry the seller does not give are refreshed at the next send: Shopee's last four hours. */
const DEFAULT_TOKEN_HOURS = 4;

const view = (c: MarketplaceConnection) => ({
  marketplace: c.marketplace,
  marketplaceShopId: c.marketplaceShopId,
  appId: c.appId,
  market: c.market,
  apiBaseUrl: c.apiBaseUrl,
  callbackUrl: CHANNELS[c.marketplace].connection.shown(c).callbackUrl,
  accessTokenExpiresAt: c.accessTokenExpiresAt,
  connectedAt: c.connectedAt,
});
/** What `view` shows of a connection, for the OpenAPI document. */
const ConnectionSchema = z
  .object({
    marketplace: z.enum(CHANNEL_NAMES as [ChannelName, ...ChannelName[]]),
    marketplaceShopId: z.string(),
    appId: z.string(),
    market: z.enum(MARKET_CODES).nullable(),
    apiBaseUrl: z.string(),
    callbackUrl: z.string().nullable(),
    accessTokenExpiresAt: z.string(),
    connectedAt: z.string(),
  })
  .openapi("Connection");

const putRoute = (marketplace: ChannelName, schema: z.ZodType) =>
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

/** Refuses hosts off the channel's list (400, naming the field) before any call is made to them. */
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
  const verdict = CHANNELS[connection.marketplace].connection.ownership(connection, shops);
  if (verdict.kind === "not_listed") throw unproven();
  if (verdict.kind === "mismatch")
    throw new AppError("invalid_request", verdict.message, [{ path: verdict.path }]);
}

export function registerConnectionRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    connections: ConnectionStore;
    clock: Clock;
    adapters: { readonly [N in ChannelName]: MarketplaceAdapter };
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

  // One PUT route per channel, each with that channel's body schema.
  for (const marketplace of CHANNEL_NAMES) {
    const { schema, draft } = CHANNELS[marketplace].connection;
    app.openapi(putRoute(marketplace, schema), async (c) => {
      const { fields, secrets, accessTokenExpiresAt } = draft(await c.req.json());
      return c.json(
        await save({ ...fields, shopId: c.get("shop").id, marketplace }, secrets, accessTokenExpiresAt),
        200,
      );
    });
  }
  app.openapi(listRoute, async (c) =>
    c.json({ items: (await deps.connections.list(c.get("shop").id)).map(view) }, 200),
  );
}
