/** The composition root: builds every adapter from the validated environment, once per cold start or process. */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { HANDOFF_KEYWORDS } from "../adapters/i18n/resources";
import { createTranslator } from "../adapters/i18n/translator";
import { createConversationStore } from "../adapters/dynamodb/conversation-store";
import { createEscalationStore } from "../adapters/dynamodb/escalation-store";
import { createOrderStore } from "../adapters/dynamodb/order-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createSessionStore } from "../adapters/dynamodb/session-store";
import { createEscalationQueue } from "../adapters/sqs/escalation-queue";
import { createEmbeddedUnderstanding } from "../ai/understanding";
import { createOpenAiModel } from "../ai/openai/openai-model";
import { createOpenAiTranslator } from "../ai/openai/openai-translator";
import { createOpenAiSummarizer } from "../ai/openai/openai-summarizer";
import { createCannedReplyStore } from "../adapters/dynamodb/canned-reply-store";
import type { CognitoHostedUi } from "../http/web/cognito";
import type { ReplyModel } from "../domain/model";
import OpenAI from "openai";
import { createChannelRouter } from "../adapters/channels/channel-router";
import { createMarketplaceSender } from "../adapters/channels/marketplace-sender";
import { createConnectionStore } from "../adapters/dynamodb/connection-store";
import { CHANNEL_ADAPTERS, perChannel, replyDeadlineMinutes, withVettedHosts } from "../channels";
import { createMarketplaceQueues } from "../adapters/sqs/marketplace-queues";
import type { Clock, ConversationSummarizer, MessageTranslator } from "../domain/ports";
import { createEmfMetrics, noMetrics } from "../adapters/metrics/emf-metrics";
import { createWebhookNotifier } from "../adapters/notify/webhook-notifier";
import { buildClients } from "./clients";
import type { Env } from "./env";
import { createSecrets, deriveKey } from "./secrets";
import { createErasureStore } from "../adapters/dynamodb/erasure-store";
import { createShopifyStore } from "../adapters/dynamodb/shopify-store";
import { createShopifyGateway } from "../adapters/shopify/gateway";
import { createShopifyOrderLookup } from "../adapters/shopify/order-lookup";
import { createShopifyEventQueue } from "../adapters/sqs/shopify-event-queue";
import type { ShopifyAppConfig } from "../http/routes/shopify";
import type { ShopifyWorkerDeps } from "../workers/shopify-events";
import type { HttpDeps } from "../http/deps";
import type { Logger } from "../domain/ports";
import { createLogger } from "./logger";

/** Everything the Lambda functions and the local stack are built from: the HTTP app's needs plus the workers'. */
export interface AppDeps extends HttpDeps, ShopifyWorkerDeps {
  /** One order cache for all: the HTTP app reads and writes it, the Shopify worker writes it. */
  readonly orders: HttpDeps["orders"];
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
  | { model: ReplyModel; messageTranslator: MessageTranslator; summarizer: ConversationSummarizer }
  | undefined {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return undefined;
  const client = new OpenAI({
    apiKey: env.OPENAI_API_KEY ?? "not-needed",
    baseURL: env.OPENAI_BASE_URL,
    maxRetries: 0,
  });
  const common = { client, model: env.OPENAI_MODEL, timeoutMs: env.OPENAI_TIMEOUT_MS, logger };
  return {
    model: createOpenAiModel({ ...common, logContent: env.LOG_MODEL_CONTENT === "true" }),
    messageTranslator: createOpenAiTranslator(common),
    summarizer: createOpenAiSummarizer(common),
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

  const logger = createLogger(env.LOG_LEVEL);
  const ai = createModel(env, logger);
  const allowLoopback = env.ALLOW_LOOPBACK_TARGETS === "true";
  return {
    conversations: createConversationStore(table),
    orders,
    escalations: createEscalationQueue(sqs, env.ESCALATION_QUEUE_URLS),
    inbox: createEscalationStore(table, () => shops.listShopIds()),
    understanding: createEmbeddedUnderstanding(HANDOFF_KEYWORDS),
    translator: createTranslator(),
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
    cannedReplies: createCannedReplyStore(table),
    hostedUi: hostedUi(env),
    channels: createChannelRouter(
      marketplaceQueues
        ? perChannel((channel) => createMarketplaceSender(channel.name, marketplaceQueues))
        : {},
    ),
    connections: createConnectionStore(table, secrets),
    adapters: withVettedHosts(CHANNEL_ADAPTERS, allowLoopback),
    replyDeadlineMinutes,
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
    orderLookup: createShopifyOrderLookup({ gateway, orders, shopify: shopifyStore, logger }),
    notifier: createWebhookNotifier({ logger, secrets, allowLoopback }),
    // EMF lines are read by CloudWatch; with the local emulators there is nobody to read them.
    metrics: env.DYNAMODB_ENDPOINT ? noMetrics : createEmfMetrics(),
    checkDependencies,
    ...overrides,
  };
}
