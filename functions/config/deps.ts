/** The composition root: builds every adapter from the validated environment, once per cold start or process. */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { HANDOFF_KEYWORDS } from "../adapters/i18n/resources";
import { createTranslator } from "../adapters/i18n/translator";
import { createConversationStore } from "../adapters/dynamodb/conversation-store";
import { createEscalationStore } from "../adapters/dynamodb/escalation-store";
import { createOversightStore } from "../adapters/dynamodb/oversight-store";
import { createOrderStore } from "../adapters/dynamodb/order-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createSessionStore } from "../adapters/dynamodb/session-store";
import { createEscalationQueue } from "../adapters/sqs/escalation-queue";
import { createEmbeddedUnderstanding } from "../ai/understanding";
import { createOpenAiModel } from "../ai/openai/openai-model";
import { createOpenAiTranslator } from "../ai/openai/openai-translator";
import { createOpenAiSummarizer } from "../ai/openai/openai-summarizer";
import { createOpenAiAddressReader } from "../ai/openai/openai-address-reader";
import { createOpenAiEmbedder } from "../ai/openai/openai-embedder";
import { createActionStore } from "../adapters/dynamodb/action-store";
import { createShopifyOrderActions } from "../adapters/shopify/order-actions";
import type { AddressReader } from "../domain/actions";
import { createCannedReplyStore } from "../adapters/dynamodb/canned-reply-store";
import { createKnowledgeStore } from "../adapters/dynamodb/knowledge-store";
import { createKnowledgeBase } from "../ai/knowledge/knowledge-base";
import type { CognitoHostedUi } from "../http/web/cognito";
import type { ReplyModel } from "../domain/model";
import { lazyChatClient } from "../ai/openai/chat-client";
import { createChannelRouter } from "../adapters/channels/channel-router";
import { createMarketplaceSender } from "../adapters/channels/marketplace-sender";
import { createConnectionStore } from "../adapters/dynamodb/connection-store";
import {
  CHANNEL_ADAPTERS,
  CHANNELS,
  perChannel,
  ratingsAllowed,
  replyDeadlineMinutes,
  withVettedHosts,
} from "../channels";
import { createMarketplaceQueues } from "../adapters/sqs/marketplace-queues";
import type {
  AccountAlertNotifier,
  Clock,
  ConversationSummarizer,
  Embedder,
  MessageTranslator,
} from "../domain/ports";
import { createEmfMetrics, noMetrics } from "../adapters/metrics/emf-metrics";
import { createWebhookNotifier } from "../adapters/notify/webhook-notifier";
import { buildClients } from "./clients";
import type { Env } from "./env";
import { createSecrets, deriveKey } from "./secrets";
import { createErasureStore } from "../adapters/dynamodb/erasure-store";
import { createShopifyStore } from "../adapters/dynamodb/shopify-store";
import { createShopifyGateway } from "../adapters/shopify/gateway";
import { createShopifyOrderLookup } from "../adapters/shopify/order-lookup";
import { createChannelActivityStore } from "../adapters/dynamodb/channel-activity-store";
import {
  createMarketplaceOrderSource,
  type MarketplaceOrderSource,
  routeOrderLookup,
} from "../channels/order-source";
import type { ChannelActivityStore } from "../domain/channel-rules";
import { isMarketplace } from "../domain/marketplace";
import { createShopifyEventQueue } from "../adapters/sqs/shopify-event-queue";
import type { ShopifyAppConfig } from "../http/routes/shopify";
import type { ShopifyWorkerDeps } from "../workers/shopify-events";
import type { HttpDeps } from "../http/deps";
import type { InboundWorkerDeps } from "../workers/marketplace-inbound";
import { createBurstStore } from "../adapters/dynamodb/burst-store";
import { createRetryLater } from "../adapters/sqs/retry-later";
import type { Logger } from "../domain/ports";
import { createLogger } from "./logger";
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

const systemClock: Clock = { now: () => new Date() };

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

/** The OpenAI-compatible model when configured (replies and the inbox's translation); none means the embedded
 * engine answers alone and the inbox shows messages as written. */
function createModel(
  env: Env,
  logger: Logger,
):
  | {
      model: ReplyModel;
      messageTranslator: MessageTranslator;
      summarizer: ConversationSummarizer;
      addressReader: AddressReader;
      embedder: Embedder | undefined;
    }
  | undefined {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return undefined;
  const client = lazyChatClient({
    apiKey: env.OPENAI_API_KEY ?? "not-needed",
    baseURL: env.OPENAI_BASE_URL,
    maxRetries: 0,
  });
  const common = { client, model: env.OPENAI_MODEL, timeoutMs: env.OPENAI_TIMEOUT_MS, logger };
  return {
    model: createOpenAiModel({ ...common, logContent: env.LOG_MODEL_CONTENT === "true" }),
    messageTranslator: createOpenAiTranslator(common),
    summarizer: createOpenAiSummarizer(common),
    addressReader: createOpenAiAddressReader(common),
    embedder:
      env.OPENAI_EMBEDDING_MODEL.toLowerCase() === "none"
        ? undefined
        : createOpenAiEmbedder({ ...common, model: env.OPENAI_EMBEDDING_MODEL }),
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
  const marketplaceQueues =
    env.MARKETPLACE_INBOUND_QUEUE_URL && env.MARKETPLACE_OUTBOUND_QUEUE_URL
      ? createMarketplaceQueues(sqs, {
          inbound: env.MARKETPLACE_INBOUND_QUEUE_URL,
          outbound: env.MARKETPLACE_OUTBOUND_QUEUE_URL,
        })
      : undefined;
  const gateway = createShopifyGateway({
    store: shopifyStore,
    secrets,
    apiVersion: env.SHOPIFY_API_VERSION,
    originTemplate: env.SHOPIFY_ADMIN_ORIGIN,
  });

  const checkDependencies = async () => {
    const probe = async (fn: () => Promise<unknown>) =>
      fn().then(
        () => "ok" as const,
        () => "down" as const,
      );
    const entries: [string, "ok" | "down"][] = [
      ["table", await probe(() => table.client.send(new DescribeTableCommand({ TableName: table.name })))],
    ];
    for (const [region, url] of Object.entries(env.ESCALATION_QUEUE_URLS)) {
      entries.push([
        `queue:${region}`,
        await probe(() =>
          sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] })),
        ),
      ]);
    }
    return Object.fromEntries(entries);
  };

  const translator = createTranslator();
  const logger = createLogger(env.LOG_LEVEL);
  const knowledgeStore = createKnowledgeStore(table);
  const ai = createModel(env, logger);
  const allowLoopback = env.ALLOW_LOOPBACK_TARGETS === "true";
  // One notifier for escalations and account alerts (the same signed delivery to the seller's endpoint).
  const notifier = createWebhookNotifier({ logger, secrets, allowLoopback });
  const connections = createConnectionStore(table, secrets);
  const adapters = withVettedHosts(CHANNEL_ADAPTERS, allowLoopback);
  const marketplaceOrders = createMarketplaceOrderSource({
    connections,
    adapters,
    orders,
    clock: systemClock,
    logger,
  });
  return {
    conversations: createConversationStore(table),
    orders,
    escalations: createEscalationQueue(sqs, env.ESCALATION_QUEUE_URLS),
    inbox: createEscalationStore(table, () => shops.listShopIds()),
    oversight: createOversightStore(table),
    ratingsAllowed,
    understanding: createEmbeddedUnderstanding(HANDOFF_KEYWORDS),
    translator,
    clock: systemClock,
    shops,
    agentJwtSecret: new TextEncoder().encode(env.AGENT_JWT_SECRET ?? ""),
    rateLimits: {
      shopPerMinute: env.RATE_LIMIT_SHOP_PER_MINUTE,
      ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE,
      authFailuresPerMinute: env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
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
    model: ai?.model,
    messageTranslator: ai?.messageTranslator,
    summarizer: ai?.summarizer,
    // Order actions (issue #19): their items in the table, executed at the shop's Shopify, addresses read by the model.
    actions: createActionStore(table),
    orderActions: createShopifyOrderActions({ gateway, logger }),
    addressReader: ai?.addressReader,
    cannedReplies: createCannedReplyStore(table),
    knowledgeStore,
    knowledge: createKnowledgeBase({ store: knowledgeStore, logger, embedder: ai?.embedder }),
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
    replyDeadlineMinutes,
    bursts: createBurstStore(table),
    quietPeriodMs: (channel) => {
      const seconds = CHANNELS[channel].rules.burstQuietSeconds;
      return seconds ? seconds * 1000 : null;
    },
    retryInboundLater: env.MARKETPLACE_INBOUND_QUEUE_URL
      ? createRetryLater(sqs, env.MARKETPLACE_INBOUND_QUEUE_URL)
      : undefined,
    confirmationChoices: (locale) => [
      { id: "yes", title: translator.t(locale, "quick_reply.yes") },
      { id: "no", title: translator.t(locale, "quick_reply.no") },
    ],
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
    // A marketplace conversation's cache miss asks its marketplace; any other asks the shop's Shopify.
    orderLookup: routeOrderLookup(
      createShopifyOrderLookup({ gateway, orders, shopify: shopifyStore, logger }),
      marketplaceOrders,
      isMarketplace,
    ),
    notifier,
    accountAlerts: notifier,
    marketplaceApps: marketplaceApps(env),
    marketplaceBaseUrls: marketplaceBaseUrls(env),
    publicUrl: env.APP_URL?.replace(/\/$/, ""),
    // EMF lines are read by CloudWatch; with the local emulators there is nobody to read them.
    metrics: env.DYNAMODB_ENDPOINT ? noMetrics : createEmfMetrics(),
    checkDependencies,
    ...overrides,
  };
}
