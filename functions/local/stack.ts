/** The whole system in one process: emulators, table and queues, the demo seed, the HTTP app and the queue poller. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createTable, ensureTable } from "../adapters/dynamodb/table";
import { ensureQueues, type QueueSet } from "../adapters/sqs/queues";
import { type AppDeps, buildDeps } from "../config/deps";
import { type Env, readEnv } from "../config/env";
import { ShopId } from "../domain/ids";
import { MARKET_CODES, REGIONS, type Region } from "../domain/markets";
import { createApp } from "../http/create-app";
import { createEscalationConsumer } from "../workers/escalation-consumer";
import { sweepOverdue } from "../workers/sla-sweeper";
import { createShopifyWorker } from "../workers/shopify-events";
import { createInboundWorker } from "../workers/marketplace-inbound";
import { createOutboundWorker } from "../workers/marketplace-outbound";
import { createRetryLater } from "../adapters/sqs/retry-later";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { DEMO_AGENTS, signAgentToken } from "./agent-tokens";
import { DEMO_ARTICLES, DEMO_LOOKUP_KEYS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_SHOP_ID } from "./demo-data";
import { startEmulators } from "./emulators";
import { type Poller, startPoller } from "./poller";

export const LOCAL_DEFAULTS = {
  shopifyApiKey: "local-shopify-app",
  shopifyApiSecret: "local-shopify-secret-do-not-use-in-production",
  apiKey: "sk_local_demo_shop_do_not_use_in_production",
  agentJwtSecret: "local-agent-jwt-secret-do-not-use-in-production",
  tableName: "support-local",
  queuePrefix: "support-local",
} as const;

export interface LocalStackOptions {
  readonly port?: number;
  readonly dataDir?: string | undefined;
  readonly fresh?: boolean;
  readonly dynamodbPort?: number;
  readonly sqsPort?: number;
  readonly apiKey?: string;
  readonly agentJwtSecret?: string;
  readonly logLevel?: Env["LOG_LEVEL"];
  /** Where the Shopify Admin API and OAuth live ("{shop}" replaced); a local fake in tests. */
  readonly shopifyAdminOrigin?: string | undefined;
  readonly shopifyApiSecret?: string;
  /** OPENAI_* settings for a model; none runs the embedded engine alone. */
  readonly openai?: {
    apiKey?: string | undefined;
    baseUrl?: string | undefined;
    model?: string | undefined;
    timeoutMs?: number | undefined;
  };
  /**
   * Variables a person set for `npm start` (see LocalOverridesSchema): they win over the local defaults, so a seller's
   * own Shopify app secret, a tunnel's APP_URL or a log level take effect.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Replaces adapters, e.g. to inject faults in tests. */
  readonly overrides?: Partial<AppDeps>;
  /** Poll the queues continuously (default) or only when a test calls pollOnce(). */
  readonly autoPoll?: boolean;
  /** How long the poller sleeps when the queues are empty (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** Per-minute limits per shop and per client address; off unless given (tests and benchmarks send bursts). */
  readonly rateLimits?: { shopPerMinute: number; ipPerMinute: number; authFailuresPerMinute?: number };
  /** Puts something between the app and DynamoDB (a fault-injecting proxy in tests); returns the endpoint to use. */
  readonly dynamodbEndpoint?: (emulatorEndpoint: string) => Promise<string>;
  /** The first backoff of a failed marketplace send, in seconds (shortened in tests). */
  readonly marketplaceRetryBaseSeconds?: number;
  /** Queue behaviour, shortened in tests so redelivery and dead-lettering happen within seconds. */
  readonly queues?: { visibilityTimeoutSeconds?: number; maxReceives?: number };
}

export interface LocalStack {
  readonly url: string;
  readonly apiKey: string;
  readonly agentTokens: Record<Region, string>;
  readonly env: Env;
  readonly deps: AppDeps;
  readonly sqs: SQSClient;
  readonly queues: QueueSet;
  readonly poller: Poller;
  /** Runs the SLA sweeper once (it also runs every 30 s while the stack polls). */
  sweep(): Promise<{ overdue: number }>;
  /** Requests DynamoDB and SQS have served so far. */
  requestCounts(): { dynamodb: number; sqs: number };
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dynamoPath = options.dataDir ? join(options.dataDir, "dynamodb") : undefined;
  if (options.fresh && dynamoPath) await rm(dynamoPath, { recursive: true, force: true });
  const emulators = await startEmulators({
    dataPath: dynamoPath,
    dynamodbPort: options.dynamodbPort ?? 0,
    sqsPort: options.sqsPort ?? 0,
  });
  const region = "ap-southeast-1";
  const credentials = { accessKeyId: "local", secretAccessKey: "local" };
  const sqs = new SQSClient({ region, endpoint: emulators.sqsEndpoint, credentials });
  const table = createTable(
    { region, endpoint: emulators.dynamodbEndpoint, credentials },
    LOCAL_DEFAULTS.tableName,
  );
  await ensureTable(table);
  const queues = await ensureQueues(sqs, LOCAL_DEFAULTS.queuePrefix, {
    visibilityTimeoutSeconds: 2,
    ...options.queues,
  });

  // The server listens first, so the app's public URL (OAuth redirect, webhook address) is known to its config.
  let handle: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503 });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      // The bindings (Node's incoming message) go through: the per-address limits read the socket's address.
      { fetch: (request, env) => handle(request, env), port: options.port ?? 0, hostname: "127.0.0.1" },
      () => resolve(s),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const appUrl = options.environment?.APP_URL ?? url;

  const env = readEnv({
    TABLE_NAME: LOCAL_DEFAULTS.tableName,
    AWS_REGION: region,
    DYNAMODB_ENDPOINT: options.dynamodbEndpoint
      ? await options.dynamodbEndpoint(emulators.dynamodbEndpoint)
      : emulators.dynamodbEndpoint,
    SQS_ENDPOINT: emulators.sqsEndpoint,
    ESCALATION_QUEUE_URLS: JSON.stringify(queues.escalations),
    AGENT_JWT_SECRET: options.agentJwtSecret ?? LOCAL_DEFAULTS.agentJwtSecret,
    LOG_LEVEL: options.logLevel ?? "WARN",
    OPENAI_API_KEY: options.openai?.apiKey,
    OPENAI_BASE_URL: options.openai?.baseUrl,
    OPENAI_MODEL: options.openai?.model,
    OPENAI_TIMEOUT_MS: options.openai?.timeoutMs?.toString(),
    SHOPIFY_API_KEY: LOCAL_DEFAULTS.shopifyApiKey,
    SHOPIFY_API_SECRET: options.shopifyApiSecret ?? LOCAL_DEFAULTS.shopifyApiSecret,
    APP_URL: appUrl,
    SHOPIFY_ADMIN_ORIGIN: options.shopifyAdminOrigin,
    SHOPIFY_EVENTS_QUEUE_URL: queues.shopifyEvents,
    MARKETPLACE_INBOUND_QUEUE_URL: queues.marketplaceInbound.url,
    MARKETPLACE_OUTBOUND_QUEUE_URL: queues.marketplaceOutbound.url,
    MARKETPLACE_RETRY_BASE_SECONDS: String(options.marketplaceRetryBaseSeconds ?? 10),
    TOKEN_ENCRYPTION_KEY: await localTokenKey(options.dataDir),
    RATE_LIMIT_SHOP_PER_MINUTE: String(options.rateLimits?.shopPerMinute ?? 0),
    RATE_LIMIT_IP_PER_MINUTE: String(options.rateLimits?.ipPerMinute ?? 0),
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: String(options.rateLimits?.authFailuresPerMinute ?? 0),
    // The fakes (marketplaces, notification receivers) listen on 127.0.0.1 over http.
    ALLOW_LOOPBACK_TARGETS: "true",
    ...options.environment,
  });
  const deps = buildDeps(env, options.overrides);
  const apiKey = options.apiKey ?? LOCAL_DEFAULTS.apiKey;
  await seedDemo(deps, apiKey);
  handle = createApp(deps).fetch;

  const consumer = createEscalationConsumer(deps);
  const poller = startPoller(
    sqs,
    [
      ...REGIONS.map((r) => ({
        url: queues.escalations[r],
        handler: consumer,
        name: `escalation-consumer-${r}`,
      })),
      { url: queues.shopifyEvents, handler: createShopifyWorker(deps), name: "shopify-events" },
      { url: queues.marketplaceInbound.url, handler: createInboundWorker(deps), name: "marketplace-inbound" },
      {
        url: queues.marketplaceOutbound.url,
        handler: createOutboundWorker({
          ...deps,
          retryLater: createRetryLater(sqs, queues.marketplaceOutbound.url),
          retryBaseSeconds: env.MARKETPLACE_RETRY_BASE_SECONDS,
          maxReceives: options.queues?.maxReceives,
        }),
        name: "marketplace-outbound",
      },
    ],
    {
      region,
      autoStart: options.autoPoll ?? true,
      intervalMs: options.pollIntervalMs,
      onError: (error) => deps.logger.error("poller failed", { error: String(error) }),
    },
  );

  const sweep = () => sweepOverdue(deps);
  const sweeper =
    (options.autoPoll ?? true) ? setInterval(() => void sweep().catch(() => undefined), 30_000) : undefined;

  const agentTokens = {} as Record<Region, string>;
  for (const r of REGIONS) {
    agentTokens[r] = await signAgentToken(deps.agentJwtSecret, {
      sub: `agent-${r}`,
      name: DEMO_AGENTS[r].name,
      regions: [r],
      shops: [DEMO_SHOP_ID],
      languages: DEMO_AGENTS[r].languages,
    });
  }

  return {
    url,
    apiKey,
    agentTokens,
    env,
    deps,
    sqs,
    queues,
    poller,
    sweep,
    requestCounts: () => emulators.requestCounts(),
    async stop() {
      clearInterval(sweeper);
      await poller.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sqs.destroy();
      table.client.destroy();
      await emulators.stop();
    },
  };
}

/** The local key that seals shop tokens: kept in DATA_DIR so tokens survive restarts, in memory otherwise. */
async function localTokenKey(dataDir: string | undefined): Promise<string> {
  if (!dataDir) return randomBytes(32).toString("base64");
  const file = join(dataDir, "token-encryption.key");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    const key = randomBytes(32).toString("base64");
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, key, { mode: 0o600 });
    return key;
  }
}

/** Idempotent: running it on every start keeps the demo data as docs/api.md describes it. */
async function seedDemo(deps: AppDeps, apiKey: string) {
  await deps.shops.putShop(
    { id: ShopId(DEMO_SHOP_ID), name: "Demo Shop", markets: [...MARKET_CODES] },
    apiKey,
  );
  for (const order of DEMO_ORDERS) await deps.orders.putOrder(ShopId(DEMO_SHOP_ID), order, DEMO_LOOKUP_KEYS);
  // Written only where the stored copy differs, so a restart leaves the knowledge version (and its index) as it was.
  const canonical = (value: unknown) =>
    JSON.stringify(value, (_, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
    );
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  for (const article of DEMO_ARTICLES)
    if (!same(await deps.knowledgeStore.getArticle(ShopId(DEMO_SHOP_ID), article.id), article))
      await deps.knowledgeStore.putArticle(ShopId(DEMO_SHOP_ID), article);
  for (const product of DEMO_PRODUCTS)
    if (!same(await deps.knowledgeStore.getProduct(ShopId(DEMO_SHOP_ID), product.id), product))
      await deps.knowledgeStore.putProduct(ShopId(DEMO_SHOP_ID), product);
}
