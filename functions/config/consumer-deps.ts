/** The composition root of the queue consumers and the sweeper: no language models, so their cold start stays small. */
import { createEscalationStore } from "../adapters/dynamodb/escalation-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createEmfMetrics } from "../adapters/metrics/emf-metrics";
import { createWebhookNotifier } from "../adapters/notify/webhook-notifier";
import type { ConsumerDeps } from "../workers/escalation-consumer";
import type { SweeperDeps } from "../workers/sla-sweeper";
import { buildClients, buildTable } from "./clients";
import { createConversationStore } from "../adapters/dynamodb/conversation-store";
import { createErasureStore } from "../adapters/dynamodb/erasure-store";
import { createOrderStore } from "../adapters/dynamodb/order-store";
import { createShopifyStore } from "../adapters/dynamodb/shopify-store";
import { createShopifyGateway } from "../adapters/shopify/gateway";
import { createKnowledgeStore } from "../adapters/dynamodb/knowledge-store";
import { createShopifyEventQueue } from "../adapters/sqs/shopify-event-queue";
import type { ShopifyWorkerDeps } from "../workers/shopify-events";
import type { OutboundWorkerDeps } from "../workers/marketplace-outbound";
import { createConnectionStore } from "../adapters/dynamodb/connection-store";
import { CHANNEL_ADAPTERS, withVettedHosts } from "../channels";
import { createRetryLater } from "../adapters/sqs/retry-later";
import { createChannelActivityStore } from "../adapters/dynamodb/channel-activity-store";
import { createEscalationQueue } from "../adapters/sqs/escalation-queue";
import { createTranslator } from "../adapters/i18n/translator";
import { createSecrets } from "./secrets";
import type { Env } from "./env";
import { createLogger } from "./logger";

export function buildConsumerDeps(env: Env): ConsumerDeps & SweeperDeps {
  const table = buildTable(env);
  const shops = createShopStore(table);
  const logger = createLogger(env.LOG_LEVEL);
  return {
    inbox: createEscalationStore(table, () => shops.listShopIds()),
    shops,
    notifier: createWebhookNotifier({
      logger,
      secrets: createSecrets(env),
      allowLoopback: env.ALLOW_LOOPBACK_TARGETS === "true",
    }),
    metrics: createEmfMetrics(),
    clock: { now: () => new Date() },
    logger,
  };
}

/** The composition root of the Shopify events worker. */
export function buildShopifyWorkerDeps(env: Env): ShopifyWorkerDeps {
  const { table, sqs } = buildClients(env);
  const shopify = createShopifyStore(table);
  const secrets = createSecrets(env);
  return {
    conversations: createConversationStore(table),
    erasure: createErasureStore(table),
    shopify,
    orders: createOrderStore(table),
    knowledgeStore: createKnowledgeStore(table),
    shopifyEvents: env.SHOPIFY_EVENTS_QUEUE_URL
      ? createShopifyEventQueue(sqs, env.SHOPIFY_EVENTS_QUEUE_URL)
      : undefined,
    gateway: createShopifyGateway({
      store: shopify,
      secrets,
      apiVersion: env.SHOPIFY_API_VERSION,
      originTemplate: env.SHOPIFY_ADMIN_ORIGIN,
    }),
    logger: createLogger(env.LOG_LEVEL),
    clock: { now: () => new Date() },
  };
}

/** The composition root of the marketplace sender. */
export function buildOutboundDeps(env: Env): OutboundWorkerDeps {
  const { table, sqs } = buildClients(env);
  if (!env.MARKETPLACE_OUTBOUND_QUEUE_URL)
    throw new Error("Invalid environment: MARKETPLACE_OUTBOUND_QUEUE_URL is required");
  return {
    connections: createConnectionStore(table, createSecrets(env)),
    adapters: withVettedHosts(CHANNEL_ADAPTERS, env.ALLOW_LOOPBACK_TARGETS === "true"),
    retryLater: createRetryLater(sqs, env.MARKETPLACE_OUTBOUND_QUEUE_URL),
    retryBaseSeconds: env.MARKETPLACE_RETRY_BASE_SECONDS,
    // The channels' sending rules: a reply held back goes to a person through the region's escalation queue.
    channelActivity: createChannelActivityStore(table),
    conversations: createConversationStore(table),
    escalations: createEscalationQueue(sqs, env.ESCALATION_QUEUE_URLS),
    translator: createTranslator(),
    shops: createShopStore(table),
    clock: { now: () => new Date() },
    logger: createLogger(env.LOG_LEVEL),
  };
}
