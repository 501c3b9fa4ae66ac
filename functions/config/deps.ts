/** The composition root: builds every adapter from the validated environment, once per cold start or process. */
import { createTranslator } from "../adapters/i18n/translator";
import { createEscalationStore } from "../adapters/dynamodb/escalation-store";
import { createOversightStore } from "../adapters/dynamodb/oversight-store";
import { createOrderStore } from "../adapters/dynamodb/order-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createSessionStore } from "../adapters/dynamodb/session-store";
import { createCannedReplyStore } from "../adapters/dynamodb/canned-reply-store";
import { createKnowledgeStore } from "../adapters/dynamodb/knowledge-store";
import type { CognitoHostedUi } from "../http/web/cognito";
import { createChannelRouter } from "../adapters/channels/channel-router";
import { createMarketplaceSender } from "../adapters/channels/marketplace-sender";
import { perChannel } from "../channels";
import type { AccountAlertNotifier } from "../domain/ports";
import { createWebhookNotifier } from "../adapters/notify/webhook-notifier";
import { buildClients, probeDependencies } from "./clients";
import { type Env, rateLimitsOf } from "./env";
import { createSecrets, deriveKey } from "./secrets";
import { createErasureStore } from "../adapters/dynamodb/erasure-store";
import { createShopifyStore } from "../adapters/dynamodb/shopify-store";
import { createChannelActivityStore } from "../adapters/dynamodb/channel-activity-store";
import type { MarketplaceOrderSource } from "../channels/order-source";
import { buildOrderSystems } from "./order-systems";
import type { ChannelActivityStore } from "../domain/channel-rules";
import { createShopifyEventQueue } from "../adapters/sqs/shopify-event-queue";
import type { ShopifyAppConfig } from "../http/routes/shopify";
import type { ShopifyWorkerDeps } from "../workers/shopify-events";
import type { HttpDeps } from "../http/deps";
import type { InboundWorkerDeps } from "../workers/marketplace-inbound";
import { createLogger } from "./logger";
import { burstHandling, marketplaceQueuesOf } from "./inbound-deps";
import { replyPipeline, systemClock } from "./message-deps";
import { createModel } from "./model";
import { marketplaceApps, marketplaceBaseUrls } from "./marketplace-apps";

/** Everything the Lambda functions and the local stack are built from: the HTTP app's needs plus the workers'. */
export interface AppDeps
  extends HttpDeps,
    ShopifyWorkerDeps,
    Pick<InboundWorkerDeps, "bursts" | "quietPeriodMs" | "retryInboundLater" | "confirmationChoices"> {
  /** Account alerts (a marketplace token about to lapse), told by the inbound worker to the seller's endpoint. */
  readonly accountAlerts: AccountAlertNotifier;
  /** One order cache for all: the HTTP app reads and writes it, the Shopify worker writes it. */
  readonly orders: HttpDeps["orders"];
  /** Each marketplace as an order source (order pushes, cache misses in its conversations). */
  readonly marketplaceOrders: MarketplaceOrderSource;
  /** What the channels' sending rules are checked against, and the replies sent per marketplace. */
  readonly channelActivity: ChannelActivityStore;
}

function shopifyApp(env: Env): ShopifyAppConfig | undefined {
  if (!env.SHOPIFY_API_KEY || !env.SHOPIFY_API_SECRET) return undefined;
  return {
    apiKey: env.SHOPIFY_API_KEY,
    apiSecret: env.SHOPIFY_API_SECRET,
    stateCookieKey: deriveKey(env.SHOPIFY_API_SECRET, "install-state-cookie"),
    scopes: env.SHOPIFY_SCOPES,
    apiVersion: env.SHOPIFY_API_VERSION,
    appUrl: env.APP_URL?.replace(/\/$/, ""),
    originTemplate: env.SHOPIFY_ADMIN_ORIGIN,
  };
}

/** Cognito's hosted UI for the web inbox, when the stack has a user pool domain and an app client. */
function hostedUi(env: Env): CognitoHostedUi | undefined {
  if (!env.INBOX_COGNITO_DOMAIN || !env.INBOX_COGNITO_CLIENT_ID) return undefined;
  return { domain: env.INBOX_COGNITO_DOMAIN.replace(/\/$/, ""), clientId: env.INBOX_COGNITO_CLIENT_ID };
}

export function buildDeps(env: Env, overrides: Partial<AppDeps> = {}): AppDeps {
  const { table, sqs } = buildClients(env);
  const shops = createShopStore(table);
  const orders = createOrderStore(table);
  const secrets = createSecrets(env);
  const shopifyStore = createShopifyStore(table);
  const marketplaceQueues = marketplaceQueuesOf(env, sqs);

  const checkDependencies = () => probeDependencies({ table, sqs }, env.ESCALATION_QUEUE_URLS);

  const translator = createTranslator();
  const logger = createLogger(env.LOG_LEVEL);
  const knowledgeStore = createKnowledgeStore(table);
  const ai = createModel(env, logger);
  const allowLoopback = env.ALLOW_LOOPBACK_TARGETS === "true";
  // One notifier for escalations and account alerts (the same signed delivery to the seller's endpoint).
  const notifier = createWebhookNotifier({ logger, secrets, allowLoopback });
  const orderSystems = buildOrderSystems({
    env,
    table,
    orders,
    shopifyStore,
    secrets,
    clock: systemClock,
    logger,
  });
  const { gateway, connections, adapters, marketplaceOrders } = orderSystems;
  return {
    ...replyPipeline({ env, table, sqs, logger, orders, translator, knowledgeStore, ai, orderSystems }),
    orders,
    inbox: createEscalationStore(table, () => shops.listShopIds()),
    oversight: createOversightStore(table),
    shops,
    agentJwtSecret: new TextEncoder().encode(env.AGENT_JWT_SECRET ?? ""),
    rateLimits: rateLimitsOf(env),
    sessions: createSessionStore(table),
    agentTokens: env.AGENT_JWT_ISSUER
      ? {
          kind: "jwks",
          jwksUrl: `${env.AGENT_JWT_ISSUER.replace(/\/$/, "")}/.well-known/jwks.json`,
          issuer: env.AGENT_JWT_ISSUER,
          audience: env.AGENT_JWT_AUDIENCE,
        }
      : { kind: "secret", secret: new TextEncoder().encode(env.AGENT_JWT_SECRET ?? "") },
    logger,
    messageTranslator: ai?.messageTranslator,
    summarizer: ai?.summarizer,
    cannedReplies: createCannedReplyStore(table),
    knowledgeStore,
    hostedUi: hostedUi(env),
    channels: createChannelRouter(
      marketplaceQueues
        ? perChannel((channel) => createMarketplaceSender(channel.name, marketplaceQueues))
        : {},
    ),
    connections,
    adapters,
    marketplaceOrders,
    channelActivity: createChannelActivityStore(table),
    ...burstHandling(env, { table, sqs, translator }),
    allowLoopbackTargets: allowLoopback,
    marketplaceQueues,
    shopifyApp: shopifyApp(env),
    shopifyStore,
    shopify: shopifyStore,
    shopifyEvents: env.SHOPIFY_EVENTS_QUEUE_URL
      ? createShopifyEventQueue(sqs, env.SHOPIFY_EVENTS_QUEUE_URL)
      : undefined,
    secrets,
    gateway,
    erasure: createErasureStore(table),
    notifier,
    accountAlerts: notifier,
    marketplaceApps: marketplaceApps(env),
    marketplaceBaseUrls: marketplaceBaseUrls(env),
    publicUrl: env.APP_URL?.replace(/\/$/, ""),
    checkDependencies,
    ...overrides,
  };
}
