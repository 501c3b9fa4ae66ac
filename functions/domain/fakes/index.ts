/**
 * In-memory implementations of the domain's ports (functions/domain/ports.ts lists them all), with the DynamoDB, SQS and
 * engine adapters' semantics. For unit tests and local runs only: Lambda code never imports them (.dependency-cruiser.cjs).
 */
import type { Clock } from "../ports";
import { createRecordingAccountAlertNotifier } from "./account-alert-notifier";
import { createFakeActionStore, createFakeOrderActions } from "./action-store";
import { createFakeAddressReader } from "./address-reader";
import { createFakeBurstStore } from "./burst-store";
import { createFakeEmbedder } from "./embedder";
import { createRecordingChannelSender } from "./channel-sender";
import { createFakeCannedReplyStore } from "./canned-reply-store";
import { createFakeChannelActivityStore } from "./channel-activity-store";
import { createFakeClock } from "./clock";
import { createFakeConversationStore } from "./conversation-store";
import { createFakeErasureStore } from "./erasure-store";
import { createFakeEscalationQueue } from "./escalation-queue";
import { createFakeEscalationStore } from "./escalation-store";
import { createFakeKnowledgeBase } from "./knowledge-base";
import { createFakeKnowledgeStore } from "./knowledge-store";
import { createFakeMessageTranslator, createFakeSummarizer } from "./language-services";
import { createRecordingLogger } from "./logger";
import { createFakeMarketplaceQueues } from "./marketplace-queues";
import { createRecordingMetrics } from "./metrics";
import { createRecordingNotifier } from "./notifier";
import { createFakeOrderLookup, createFakeOrderStore } from "./order-store";
import { createFakeOversightStore } from "./oversight-store";
import { createScriptedReplyModel } from "./reply-model";
import { createFakeSessionStore } from "./session-store";
import { createFakeShopStore } from "./shop-store";
import { createFakeShopifyEventQueue } from "./shopify-event-queue";
import { createFakeShopifyStore } from "./shopify-store";
import { createFakeTokenStore } from "./token-store";
import { createFakeUnderstanding } from "./understanding";

export * from "./account-alert-notifier";
export * from "./action-store";
export * from "./address-reader";
export * from "./burst-store";
export * from "./canned-reply-store";
export * from "./channel-activity-store";
export * from "./channel-sender";
export * from "./clock";
export * from "./conversation-store";
export * from "./embedder";
export * from "./erasure-store";
export * from "./escalation-queue";
export * from "./escalation-store";
export * from "./fifo-queue";
export * from "./knowledge-base";
export * from "./knowledge-store";
export * from "./language-services";
export * from "./logger";
export * from "./marketplace-queues";
export * from "./metrics";
export * from "./notifier";
export * from "./order-store";
export * from "./oversight-store";
export * from "./reply-model";
export * from "./session-store";
export * from "./shop-store";
export * from "./shopify-event-queue";
export * from "./shopify-store";
export * from "./token-store";
export * from "./understanding";

/** Every store and recorder wired together as the table wires them (turns read the order cache), on one clock. */
export function createInMemoryPorts(clock: Clock = createFakeClock()) {
  const orders = createFakeOrderStore();
  const shops = createFakeShopStore();
  const conversations = createFakeConversationStore({ orders, clock });
  return {
    clock,
    orders,
    shops,
    conversations,
    // The oversight store reads and writes the conversation items, as in the table.
    oversight: createFakeOversightStore(conversations),
    inbox: createFakeEscalationStore(() => shops.listShopIds()),
    escalationQueue: createFakeEscalationQueue(),
    cannedReplies: createFakeCannedReplyStore(),
    knowledgeStore: createFakeKnowledgeStore(shops),
    sessions: createFakeSessionStore(),
    channels: createRecordingChannelSender(),
    notifier: createRecordingNotifier(),
    metrics: createRecordingMetrics(),
    logger: createRecordingLogger(),
    actions: createFakeActionStore(),
    orderActions: createFakeOrderActions(),
    orderLookup: createFakeOrderLookup({}, orders),
    channelActivity: createFakeChannelActivityStore(),
    replyModel: createScriptedReplyModel(),
    translator: createFakeMessageTranslator(),
    summarizer: createFakeSummarizer(),
    addressReader: createFakeAddressReader(),
    bursts: createFakeBurstStore(),
    erasure: createFakeErasureStore(),
    knowledgeBase: createFakeKnowledgeBase(),
    embedder: createFakeEmbedder(),
    understanding: createFakeUnderstanding(),
    accountAlerts: createRecordingAccountAlertNotifier(),
    marketplaceQueues: createFakeMarketplaceQueues(),
    tokens: createFakeTokenStore(),
    shopify: createFakeShopifyStore(clock),
    shopifyEvents: createFakeShopifyEventQueue(),
  };
}
