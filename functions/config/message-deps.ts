/**
 * The reply pipeline's adapters, and the composition root of the shopper-message function (handlers/messages.ts):
 * that function answers POST /v1/messages alone, so it builds the pipeline and the shop-key check and nothing the
 * other routes need. The shop's order systems (Shopify, the marketplaces) are imported on first use.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { createActionStore } from "../adapters/dynamodb/action-store";
import { createConversationStore } from "../adapters/dynamodb/conversation-store";
import { createOrderStore } from "../adapters/dynamodb/order-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createShopifyStore } from "../adapters/dynamodb/shopify-store";
import type { Table } from "../adapters/dynamodb/table";
import { createKnowledgeStore } from "../adapters/dynamodb/knowledge-store";
import { HANDOFF_KEYWORDS } from "../adapters/i18n/resources";
import { createTranslator } from "../adapters/i18n/translator";
import { createEmfMetrics, noMetrics } from "../adapters/metrics/emf-metrics";
import { createEscalationQueue } from "../adapters/sqs/escalation-queue";
import { createKnowledgeBase } from "../ai/knowledge/knowledge-base";
import { createEmbeddedUnderstanding } from "../ai/understanding";
import { ratingsAllowed, replyDeadlineMinutes } from "../channels/rules";
import type { OrderActions } from "../domain/actions";
import type { MessageDeps } from "../domain/handle-message";
import type { KnowledgeBase, KnowledgeStore } from "../domain/knowledge";
import type {
  Clock,
  LocaleText,
  Logger,
  Metrics,
  OrderLookup,
  OrderReader,
  OrderStore,
} from "../domain/ports";
import type { MessageAppDeps } from "../http/create-messages-app";
import { buildClients, probeDependencies } from "./clients";
import { type Env, modelConfigured, rateLimitsOf } from "./env";
import { loadOnce } from "./load-once";
import { createLogger } from "./logger";
import type { createModel } from "./model";
import type { OrderSystemDeps, OrderSystems } from "./order-systems";
import { createSecrets } from "./secrets";

/** The clock every composition root hands the domain. */
export const systemClock: Clock = { now: () => new Date() };

/** What the pipeline is built from: the clients and what its composition root shares with other parts. */
export interface PipelineParts {
  readonly env: Env;
  readonly table: Table;
  readonly sqs: SQSClient;
  readonly logger: Logger;
  readonly orders: OrderReader & OrderStore;
  readonly translator: LocaleText;
  readonly knowledgeStore: KnowledgeStore;
  /** The model when one is configured (config/model.ts); the embedded engine answers alone without it. */
  readonly ai: ReturnType<typeof createModel>;
  readonly orderSystems: Pick<OrderSystems, "orderLookup" | "orderActions">;
}

/** The adapters of the reply pipeline (domain/handle-message.ts), for every composition root that answers shoppers. */
export function replyPipeline(parts: PipelineParts): MessageDeps & {
  readonly knowledge: KnowledgeBase;
  readonly metrics: Metrics;
} {
  const { env, table, sqs, logger, ai } = parts;
  return {
    conversations: createConversationStore(table),
    orders: parts.orders,
    escalations: createEscalationQueue(sqs, env.ESCALATION_QUEUE_URLS),
    understanding: createEmbeddedUnderstanding(HANDOFF_KEYWORDS),
    translator: parts.translator,
    clock: systemClock,
    model: ai?.model,
    // EMF lines are read by CloudWatch; with the local emulators there is nobody to read them.
    metrics: env.DYNAMODB_ENDPOINT ? noMetrics : createEmfMetrics(),
    orderLookup: parts.orderSystems.orderLookup,
    replyDeadlineMinutes,
    ratingsAllowed,
    // Order actions (issue #19): their items in the table, executed at the shop's Shopify, addresses read by the model.
    actions: createActionStore(table),
    orderActions: parts.orderSystems.orderActions,
    addressReader: ai?.addressReader,
    knowledge: createKnowledgeBase({ store: parts.knowledgeStore, logger, embedder: ai?.embedder }),
  };
}

/** The order systems behind a lookup and an action that import ./order-systems on their first call. */
export function orderSystemsOnFirstUse(
  parts: () => OrderSystemDeps,
): Pick<OrderSystems, "orderLookup" | "orderActions"> {
  const get = loadOnce(async () => (await import("./order-systems")).buildOrderSystems(parts()));
  const orderLookup: OrderLookup = {
    byName: async (shopId, name, channel) => (await get()).orderLookup.byName(shopId, name, channel),
    byEmail: async (shopId, email) => (await get()).orderLookup.byEmail(shopId, email),
  };
  const orderActions: OrderActions = {
    execute: async (shopId, action) => (await get()).orderActions.execute(shopId, action),
  };
  return { orderLookup, orderActions };
}

/**
 * The shopper-message function's dependencies: the pipeline, the shop-key check's, and its health probe. The model's
 * adapters (and their answer schemas) are imported only when a model is configured.
 */
export async function buildMessageDeps(env: Env): Promise<MessageAppDeps> {
  const { table, sqs } = buildClients(env);
  const logger = createLogger(env.LOG_LEVEL);
  const orders = createOrderStore(table);
  const pipeline = replyPipeline({
    env,
    table,
    sqs,
    logger,
    orders,
    translator: createTranslator(),
    knowledgeStore: createKnowledgeStore(table),
    ai: modelConfigured(env) ? (await import("./model")).createModel(env, logger) : undefined,
    orderSystems: orderSystemsOnFirstUse(() => ({
      env,
      table,
      orders,
      shopifyStore: createShopifyStore(table),
      secrets: createSecrets(env),
      clock: systemClock,
      logger,
    })),
  });
  return {
    ...pipeline,
    logger,
    shops: createShopStore(table),
    rateLimits: rateLimitsOf(env),
    checkDependencies: () => probeDependencies({ table, sqs }, env.ESCALATION_QUEUE_URLS),
  };
}
