/**
 * The composition root of the marketplace inbound worker (handlers/marketplace-inbound.ts): the reply pipeline, the
 * marketplaces' adapters, queues and order sources, bursts and account alerts, and none of the HTTP app's stores;
 * the model's adapters are imported only when a model is configured.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { createBurstStore } from "../adapters/dynamodb/burst-store";
import { createChannelActivityStore } from "../adapters/dynamodb/channel-activity-store";
import { createKnowledgeStore } from "../adapters/dynamodb/knowledge-store";
import { createOrderStore } from "../adapters/dynamodb/order-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createShopifyStore } from "../adapters/dynamodb/shopify-store";
import type { Table } from "../adapters/dynamodb/table";
import { createTranslator } from "../adapters/i18n/translator";
import { createWebhookNotifier } from "../adapters/notify/webhook-notifier";
import { createMarketplaceQueues } from "../adapters/sqs/marketplace-queues";
import { createRetryLater } from "../adapters/sqs/retry-later";
import { CHANNEL_RULES } from "../channels/rules";
import type { LocaleText } from "../domain/ports";
import type { InboundWorkerDeps } from "../workers/marketplace-inbound";
import type { WarmUpDeps } from "./warm-up";
import { buildClients, probeDependencies } from "./clients";
import { type Env, modelConfigured } from "./env";
import { createLogger } from "./logger";
import { replyPipeline, systemClock } from "./message-deps";
import { buildOrderSystems } from "./order-systems";
import { createSecrets } from "./secrets";

/** The marketplace queues, when both are configured (the API's pushes and the workers' replies). */
export function marketplaceQueuesOf(env: Env, sqs: SQSClient) {
  return env.MARKETPLACE_INBOUND_QUEUE_URL && env.MARKETPLACE_OUTBOUND_QUEUE_URL
    ? createMarketplaceQueues(sqs, {
        inbound: env.MARKETPLACE_INBOUND_QUEUE_URL,
        outbound: env.MARKETPLACE_OUTBOUND_QUEUE_URL,
      })
    : undefined;
}

/** How the inbound worker waits out a burst and offers a confirmation: shared with the all-in-one `buildDeps`. */
export function burstHandling(
  env: Env,
  { table, sqs, translator }: { table: Table; sqs: SQSClient; translator: LocaleText },
): Pick<InboundWorkerDeps, "bursts" | "quietPeriodMs" | "retryInboundLater" | "confirmationChoices"> {
  return {
    bursts: createBurstStore(table),
    quietPeriodMs: (channel) => {
      const seconds = CHANNEL_RULES[channel].burstQuietSeconds;
      return seconds ? seconds * 1000 : null;
    },
    retryInboundLater: env.MARKETPLACE_INBOUND_QUEUE_URL
      ? createRetryLater(sqs, env.MARKETPLACE_INBOUND_QUEUE_URL)
      : undefined,
    confirmationChoices: (locale) => [
      { id: "yes", title: translator.t(locale, "quick_reply.yes") },
      { id: "no", title: translator.t(locale, "quick_reply.no") },
    ],
  };
}

/** The inbound worker's dependencies, and what its warm-up reaches. */
export async function buildInboundDeps(env: Env): Promise<InboundWorkerDeps & WarmUpDeps> {
  const { table, sqs } = buildClients(env);
  const logger = createLogger(env.LOG_LEVEL);
  const orders = createOrderStore(table);
  const secrets = createSecrets(env);
  const translator = createTranslator();
  const orderSystems = buildOrderSystems({
    env,
    table,
    orders,
    shopifyStore: createShopifyStore(table),
    secrets,
    clock: systemClock,
    logger,
  });
  return {
    ...replyPipeline({
      env,
      table,
      sqs,
      logger,
      orders,
      translator,
      knowledgeStore: createKnowledgeStore(table),
      ai: modelConfigured(env) ? (await import("./model")).createModel(env, logger) : undefined,
      orderSystems,
    }),
    ...burstHandling(env, { table, sqs, translator }),
    connections: orderSystems.connections,
    marketplaceOrders: orderSystems.marketplaceOrders,
    marketplaceQueues: marketplaceQueuesOf(env, sqs),
    channelActivity: createChannelActivityStore(table),
    shops: createShopStore(table),
    logger,
    accountAlerts: createWebhookNotifier({
      logger,
      secrets,
      allowLoopback: env.ALLOW_LOOPBACK_TARGETS === "true",
    }),
    checkDependencies: () => probeDependencies({ table, sqs }, env.ESCALATION_QUEUE_URLS),
  };
}
