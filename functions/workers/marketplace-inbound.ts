/**
 * Answers marketplace pushes with the same reply pipeline as POST /v1/messages, and queues the reply for sending.
 * Messages the seller's staff wrote in the marketplace app are recorded and pause the AI; echoes of our own
 * replies are skipped.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { SQSRecord } from "aws-lambda";
import type { ConnectionStore } from "../adapters/dynamodb/connection-store";
import { handleShopperMessage, type MessageDeps } from "../domain/handle-message";
import { conversationIdFor } from "../domain/identifiers";
import { isMarketCode, type MarketCode } from "../domain/markets";
import { parseQueueBody } from "../adapters/sqs/queue-body";
import { type InboundJob, InboundJobSchema, type MarketplaceQueues } from "../domain/marketplace-queues";
import type { Logger, ShopStore } from "../domain/ports";
import type { SqsHandler } from "./escalation-consumer";

export interface InboundWorkerDeps extends MessageDeps {
  readonly connections: ConnectionStore;
  readonly marketplaceQueues: MarketplaceQueues | undefined;
  readonly shops: Pick<ShopStore, "get">;
  readonly logger: Logger;
}

/** How long staff answering in the marketplace app keep the AI silent in that conversation. */
const STAFF_PAUSE_MS = 12 * 3600_000;

export async function answerPush(deps: InboundWorkerDeps, job: InboundJob): Promise<string> {
  const { shopId, marketplace, push } = job;
  const [connection, shop] = await Promise.all([
    deps.connections.get(shopId, marketplace),
    deps.shops.get(shopId),
  ]);
  if (!connection || !shop) return "not_connected";
  const conversationId = conversationIdFor(shopId, marketplace, push.threadId);

  if (push.kind === "staff_message") {
    if (await deps.connections.seen(shopId, "sent", marketplace, push.messageId)) return "own_echo";
    const existing = await deps.conversations.getConversation(shopId, conversationId);
    if (!existing) return "staff_without_conversation";
    await deps.conversations.addAgentMessage(shopId, conversationId, {
      id: `staff:${push.messageId}`,
      role: "agent",
      text: push.text,
      at: push.sentAt,
      agentId: `${marketplace}-staff`,
    });
    await deps.conversations.pause(
      shopId,
      conversationId,
      new Date(deps.clock.now().getTime() + STAFF_PAUSE_MS).toISOString(),
    );
    return "staff_recorded";
  }
  // A sticker alone asks nothing: it is not answered.
  if (push.media === "sticker") return "sticker";
  const enabled = shop.markets.filter(isMarketCode);
  const wanted = push.market ?? connection.market;
  const market: MarketCode | undefined = wanted && enabled.includes(wanted) ? wanted : enabled[0];
  if (!market) return "no_market";
  const result = await handleShopperMessage(deps, {
    shopId,
    channel: marketplace,
    threadId: push.threadId,
    messageId: push.messageId,
    market,
    marketOverrides: shop.marketOverrides,
    orderLookup: shop.orderLookup,
    retentionDays: shop.retentionDays,
    shopper: { id: push.buyerId, ...(push.buyerName ? { name: push.buyerName } : {}) },
    text: push.text || `[${push.media ?? "message"}]`,
    sentAt: push.sentAt,
    media: push.media,
  });
  if (!result.reply) return "held";
  if (!deps.marketplaceQueues) throw new Error("The marketplace outbound queue is not configured");
  await deps.marketplaceQueues.outbound({
    shopId,
    marketplace,
    conversationId: result.conversationId,
    threadId: push.threadId,
    buyerId: push.buyerId,
    text: result.reply.text,
    origin: { kind: "ai", replyTo: push.messageId },
  });
  return result.escalation ? "escalated" : "answered";
}

export function createInboundWorker(deps: InboundWorkerDeps): SqsHandler {
  const one = async (record: SQSRecord) => {
    const parsed = parseQueueBody(InboundJobSchema, record.body);
    if (!parsed.ok) {
      // Dropped, not retried: a body that is not a push never becomes one, and would hold its thread until the DLQ.
      deps.logger.error("marketplace push dropped", {
        messageId: record.messageId,
        reason: parsed.reason,
        issues: parsed.issues,
      });
      return;
    }
    const job = parsed.value;
    const outcome = await answerPush(deps, job);
    deps.logger.info("marketplace push handled", {
      marketplace: job.marketplace,
      messageId: job.push.messageId,
      outcome,
    });
  };
  return (event, context) =>
    processPartialResponse(event, one, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
    });
}
