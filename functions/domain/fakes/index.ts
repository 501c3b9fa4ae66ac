/**
 * In-memory implementations of the domain's ports (functions/domain/ports.ts, model.ts), with the DynamoDB, SQS and
 * engine adapters' semantics. For unit tests and local runs only: Lambda code never imports them (.dependency-cruiser.cjs).
 */
import type { Clock } from "../ports";
import { createFakeActionStore, createFakeOrderActions } from "./action-store";
import { createRecordingChannelSender } from "./channel-sender";
import { createFakeCannedReplyStore } from "./canned-reply-store";
import { createFakeClock } from "./clock";
import { createFakeConversationStore } from "./conversation-store";
import { createFakeEscalationQueue } from "./escalation-queue";
import { createFakeEscalationStore } from "./escalation-store";
import { createFakeKnowledgeStore } from "./knowledge-store";
import { createRecordingLogger } from "./logger";
import { createRecordingMetrics } from "./metrics";
import { createRecordingNotifier } from "./notifier";
import { createFakeOrderStore } from "./order-store";
import { createFakeSessionStore } from "./session-store";
import { createFakeShopStore } from "./shop-store";

export * from "./action-store";
export * from "./canned-reply-store";
export * from "./channel-activity-store";
export * from "./channel-sender";
export * from "./clock";
export * from "./conversation-store";
export * from "./escalation-queue";
export * from "./escalation-store";
export * from "./knowledge-store";
export * from "./language-services";
export * from "./logger";
export * from "./metrics";
export * from "./notifier";
export * from "./order-store";
export * from "./reply-model";
export * from "./session-store";
export * from "./shop-store";

/** Every store and recorder wired together as the table wires them (turns read the order cache), on one clock. */
export function createInMemoryPorts(clock: Clock = createFakeClock()) {
  const orders = createFakeOrderStore();
  const shops = createFakeShopStore();
  return {
    clock,
    orders,
    shops,
    conversations: createFakeConversationStore({ orders, clock }),
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
  };
}
