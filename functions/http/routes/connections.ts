/**
 * The shop's marketplace accounts, many per channel (one Shopee shop per country, say): PUT and DELETE
 * /v1/connections/{channel}/{accountId}, GET /v1/connections; secrets write-only. PUT /v1/connections/{channel}
 * stays as a deprecated alias that takes the account id from the body.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ConnectedAccount, ConnectionStore } from "../../adapters/dynamodb/connection-store";
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

/** What the seller sees of an account: settings and status, never a secret. */
export const accountView = ({ connection: c, status }: ConnectedAccount) => ({
  channel: c.marketplace,
  accountId: c.marketplaceShopId,
  market: c.market,
  host: new URL(c.apiBaseUrl).host,
  apiBaseUrl: c.apiBaseUrl,
  appId: c.appId,
  callbackUrl: CHANNELS[c.marketplace].connection.shown(c).callbackUrl,
  tokenExpiresAt: c.accessTokenExpiresAt,
  connectedAt: c.connectedAt,
  lastPushAt: status.lastPushAt,
  lastSendError: status.lastSendError,
  alert: status.alert,
  // The names of the one-connection-per-channel responses, kept for clients written against them.
  marketplace: c.marketplace,
  marketplaceShopId: c.marketplaceShopId,
  accessTokenExpiresAt: c.accessTokenExpiresAt,
});
const channelEnum = z.enum(CHANNEL_NAMES as [ChannelName, ...ChannelName[]]);
/** What `accountView` shows of an account, for the OpenAPI document. */
const ConnectionSchema = z
  .object({
    channel: channelEnum,
    accountId: z.string(),
    market: z.enum(MARKET_CODES).nullable(),
    host: z.string(),
    apiBaseUrl: z.string(),
    appId: z.string(),
    callbackUrl: z.string().nullable(),
    tokenExpiresAt: z.string(),
    connectedAt: z.string(),
    lastPushAt: z.string().nullable(),
    lastSendError: z.object({ at: z.string(), message: z.string() }).nullable(),
    alert: z
      .object({ kind: z.literal("token_expiring"), expiresAt: z.string().nullable(), at: z.string() })
      .nullable(),
    marketplace: channelEnum,
    marketplaceShopId: z.string(),
    accessTokenExpiresAt: z.string(),
  })
  .openapi("Connection");

const AccountParam = z.object({
  accountId: z
    .string()
    .regex(/^[\w.-]{1,60}$/, "the marketplace's shop or seller id")
    .openapi({ param: { name: "accountId", in: "path" } }),
});

const putRoute = (marketplace: ChannelName, schema: z.ZodType) =>
  createRoute({
    method: "put",
    path: `/v1/connections/${marketplace}/{accountId}`,
    summary: `Connect a ${marketplace} account (its shop or seller id in the path)`,
    security: [{ shopApiKey: [] }],
    request: { params: AccountParam, body: { required: true, content: { "application/json": { schema } } } },
    responses: {
      200: {
        description: "The account, without secrets",
        content: { "application/json": { schema: ConnectionSchema } },
      },
      400: error,
      401: error,
      409: error,
      503: error,
    },
  });

const aliasRoute = (marketplace: ChannelName, schema: z.ZodType) =>
  createRoute({
    method: "put",
    path: `/v1/connections/${marketplace}`,
    summary: `Deprecated: connect a ${marketplace} account named in the body; use /v1/connections/${marketplace}/{accountId}`,
    deprecated: true,
    security: [{ shopApiKey: [] }],
    request: { body: { required: true, content: { "application/json": { schema } } } },
    responses: {
      200: {
        description: "The account, without secrets",
        content: { "application/json": { schema: ConnectionSchema } },
      },
      400: error,
      401: error,
      409: error,
      503: error,
    },
  });

const deleteRoute = (marketplace: ChannelName) =>
  createRoute({
    method: "delete",
    path: `/v1/connections/${marketplace}/{accountId}`,
    summary: `Disconnect a ${marketplace} account: its pushes are refused and nothing more is sent with it`,
    security: [{ shopApiKey: [] }],
    request: { params: AccountParam },
    responses: {
      200: {
        description: "Disconnected",
        content: {
          "application/json": {
            schema: z
              .object({ channel: channelEnum, accountId: z.string(), disconnected: z.literal(true) })
              .openapi("Disconnected"),
          },
        },
      },
      401: error,
      404: error,
    },
  });

const listRoute = createRoute({
  method: "get",
  path: "/v1/connections",
  summary: "The shop's marketplace accounts with their status, without secrets",
  security: [{ shopApiKey: [] }],
  responses: {
    200: {
      description: "Accounts",
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

/** What connecting an account needs: the store, the adapters (for the ownership proof), the clock, host policy. */
export interface ConnectDeps {
  readonly connections: ConnectionStore;
  readonly clock: Clock;
  readonly adapters: { readonly [N in ChannelName]: MarketplaceAdapter };
  readonly allowLoopbackTargets: boolean;
}

/**
 * Connects one account: its hosts vetted, its ownership proven with its own credentials, then stored (conditional
 * on its routing item: another shop's claim answers 409 and leaves that shop untouched).
 */
export async function connectAccount(
  deps: ConnectDeps,
  base: Omit<MarketplaceConnection, "connectedAt" | "accessTokenExpiresAt">,
  secrets: ConnectionSecrets,
  expiresAt?: string,
  aliases?: readonly string[],
): Promise<ConnectedAccount> {
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
  await deps.connections.connect(connection, secrets, aliases);
  return { connection, status: { lastPushAt: null, lastSendError: null, alert: null } };
}

export function registerConnectionRoutes(app: OpenAPIHono<AppEnv>, deps: ConnectDeps) {
  for (const marketplace of CHANNEL_NAMES) {
    const { schema, draft, accountIdField } = CHANNELS[marketplace].connection;
    // The account id is the path's; a body may repeat it but not contradict it.
    const bodySchema =
      schema instanceof z.ZodObject ? schema.omit({ [accountIdField]: true } as never) : schema;
    app.openapi(putRoute(marketplace, bodySchema), async (c) => {
      const { accountId } = c.req.valid("param");
      const body = (await c.req.json()) as Record<string, unknown>;
      if (body[accountIdField] !== undefined && body[accountIdField] !== accountId)
        throw new AppError("invalid_request", "The body names another account than the path.", [
          { path: accountIdField, message: "must equal the path's account id" },
        ]);
      const { fields, secrets, accessTokenExpiresAt, aliases } = draft({
        ...body,
        [accountIdField]: accountId,
      });
      // Each account has its own market: it picks the country's host and the shoppers' default market.
      if (!fields.market)
        throw new AppError("invalid_request", "Say which market this account sells in.", [
          { path: "market", message: "required" },
        ]);
      const account = await connectAccount(
        deps,
        { ...fields, shopId: c.get("shop").id, marketplace },
        secrets,
        accessTokenExpiresAt,
        aliases,
      );
      return c.json(accountView(account), 200);
    });
    app.openapi(aliasRoute(marketplace, schema), async (c) => {
      const { fields, secrets, accessTokenExpiresAt, aliases } = draft(await c.req.json());
      const account = await connectAccount(
        deps,
        { ...fields, shopId: c.get("shop").id, marketplace },
        secrets,
        accessTokenExpiresAt,
        aliases,
      );
      c.header("deprecation", "true");
      c.header(
        "link",
        `</v1/connections/${marketplace}/${encodeURIComponent(fields.marketplaceShopId)}>; rel="successor-version"`,
      );
      return c.json(accountView(account), 200);
    });
    app.openapi(deleteRoute(marketplace), async (c) => {
      const { accountId } = c.req.valid("param");
      if (!(await deps.connections.disconnect(c.get("shop").id, marketplace, accountId)))
        throw new AppError("not_found", `No ${marketplace} account ${accountId} is connected.`);
      return c.json({ channel: marketplace, accountId, disconnected: true as const }, 200);
    });
  }
  app.openapi(listRoute, async (c) =>
    c.json({ items: (await deps.connections.accounts(c.get("shop").id)).map(accountView) }, 200),
  );
}
