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
import {
  type BurstFlushJob,
  type InboundJob,
  BurstFlushJobSchema,
  InboundJobSchema,
  type MarketplaceQueues,
} from "../domain/marketplace-queues";
import { type BurstStore, combineBurst, flushStep, type PendingMessage } from "../domain/bursts";
import type { AccountAlert, Marketplace, MarketplaceConnection, ReplyChoice } from "../domain/marketplace";
import type { AccountAlertNotifier, Logger, ShopRecord, ShopStore } from "../domain/ports";
import type { SqsHandler } from "./escalation-consumer";
import {
  buyerWrote,
  cacheMarketplaceOrder,
  type MarketplaceOrderWorkerDeps,
  staffWrote,
} from "./marketplace-orders";

export interface InboundWorkerDeps extends MessageDeps, MarketplaceOrderWorkerDeps {
  readonly connections: ConnectionStore;
  readonly marketplaceQueues: MarketplaceQueues | undefined;
  readonly shops: Pick<ShopStore, "get">;
  readonly logger: Logger;
  /** Where bursts wait (domain/bursts.ts); without it every message is answered at once. */
  readonly bursts?: BurstStore | undefined;
  /** The channel's quiet period in milliseconds (its rules), or null where each message is answered at once. */
  readonly quietPeriodMs?: ((channel: Marketplace) => number | null) | undefined;
  /** Makes a received inbound message visible again only after `seconds` (a flush waiting out the quiet period). */
  readonly retryInboundLater?: ((record: SQSRecord, seconds: number) => Promise<void>) | undefined;
  /** Tappable answers in the shopper's language for a reply that asks for a confirmation (yes and no). */
  readonly confirmationChoices?: ((locale: string) => readonly ReplyChoice[]) | undefined;
  /** Tells the seller's notification endpoint about an account's alert; without it the alert is only recorded. */
  readonly accountAlerts?: AccountAlertNotifier | undefined;
}

/** A marketplace's alert about an account (recorded on it by the webhook), told to the seller's endpoint. */
async function tellAccountAlert(
  deps: InboundWorkerDeps,
  shop: ShopRecord,
  connection: MarketplaceConnection,
  alert: AccountAlert,
): Promise<string> {
  if (!deps.accountAlerts) return "alert_recorded";
  await deps.accountAlerts.notifyAccount(shop, {
    type: "connection.token_expiring",
    channel: connection.marketplace,
    accountId: connection.marketplaceShopId,
    market: connection.market,
    expiresAt: alert.expiresAt,
  });
  return "alert_notified";
}

/** How long staff answering in the marketplace app keep the AI silent in that conversation. */
const STAFF_PAUSE_MS = 12 * 3600_000;

export async function answerPush(deps: InboundWorkerDeps, job: InboundJob): Promise<string> {
  const { shopId, marketplace, push } = job;
  // The account the push came for: its market, and (remembered per thread) the credentials a person's reply uses.
  const [connection, shop] = await Promise.all([
    deps.connections.get(shopId, marketplace, job.accountId),
    deps.shops.get(shopId),
  ]);
  if (!connection || !shop) return "not_connected";
  if (push.kind === "account_alert") return tellAccountAlert(deps, shop, connection, push);
  if (push.kind === "order_event") return cacheMarketplaceOrder(deps, job, push);
  if (job.accountId) await deps.connections.rememberThread(shopId, marketplace, push.threadId, job.accountId);
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
    await staffWrote(deps, job, conversationId, push);
    return "staff_recorded";
  }
  // Any buyer message, a sticker too, reopens the marketplace's reply window and ends the seller's streak.
  await buyerWrote(deps, job, conversationId, push);
  // A sticker alone asks nothing: it is not answered.
  if (push.media === "sticker") return "sticker";
  const quietMs = deps.bursts && deps.marketplaceQueues ? deps.quietPeriodMs?.(marketplace) : null;
  if (quietMs && deps.bursts && deps.marketplaceQueues) {
    // Stored as pending, answered with the rest of its burst once the conversation has been quiet.
    await deps.bursts.add(shopId, conversationId, {
      messageId: push.messageId,
      text: push.text,
      media: push.media,
      sentAt: push.sentAt,
      arrivedAt: deps.clock.now().toISOString(),
      buyerId: push.buyerId,
      buyerName: push.buyerName,
      market: push.market,
      ...(push.buyerPhone ? { buyerPhone: push.buyerPhone } : {}),
      ...(push.replyToken ? { replyToken: push.replyToken } : {}),
      ...(job.accountId ? { accountId: job.accountId } : {}),
    });
    // Queued even when the message was pending already (a redelivery): its flush may not have been.
    await deps.marketplaceQueues.flush(
      { kind: "flush", shopId, marketplace, threadId: push.threadId, messageId: push.messageId },
      push.messageId,
    );
    return "pending";
  }
  const arrivedAt = deps.clock.now().toISOString();
  const thread = { shopId, marketplace, threadId: push.threadId, accountId: job.accountId };
  return answerMessages(deps, thread, { connection, shop }, [
    {
      messageId: push.messageId,
      text: push.text,
      media: push.media,
      sentAt: push.sentAt,
      arrivedAt,
      buyerId: push.buyerId,
      buyerName: push.buyerName,
      market: push.market,
      ...(push.buyerPhone ? { buyerPhone: push.buyerPhone } : {}),
      ...(push.replyToken ? { replyToken: push.replyToken } : {}),
    },
  ]);
}

/** Where a set of messages came from. */
interface Thread {
  readonly shopId: InboundJob["shopId"];
  readonly marketplace: Marketplace;
  readonly threadId: string;
  readonly accountId?: string | undefined;
}

/**
 * Answers one message, or a burst of them as one turn (texts joined in order, keyed by the last message id, each
 * message kept in the transcript), and queues the reply.
 */
async function answerMessages(
  deps: InboundWorkerDeps,
  thread: Thread,
  loaded: { connection: MarketplaceConnection | null; shop: ShopRecord | null } | null,
  messages: readonly PendingMessage[],
): Promise<string> {
  const { shopId, marketplace, threadId } = thread;
  const [connection, shop] = loaded
    ? [loaded.connection, loaded.shop]
    : await Promise.all([
        deps.connections.get(shopId, marketplace, thread.accountId),
        deps.shops.get(shopId),
      ]);
  if (!connection || !shop) return "not_connected";
  const burst = combineBurst(messages);
  const { last } = burst;
  const enabled = shop.markets.filter(isMarketCode);
  const wanted = last.market ?? connection.market;
  const market: MarketCode | undefined = wanted && enabled.includes(wanted) ? wanted : enabled[0];
  if (!market) return "no_market";
  const result = await handleShopperMessage(deps, {
    shopId,
    channel: marketplace,
    threadId,
    messageId: last.messageId,
    market,
    marketOverrides: shop.marketOverrides,
    orderLookup: shop.orderLookup,
    retentionDays: shop.retentionDays,
    knowledgeVersion: shop.knowledgeVersion,
    actions: shop.actions,
    // A phone number the channel vouches for (WhatsApp's) finds the shopper's orders like a checkout phone (R4).
    shopper: {
      id: last.buyerId,
      ...(last.buyerName ? { name: last.buyerName } : {}),
      ...(last.buyerPhone ? { phone: last.buyerPhone } : {}),
    },
    text: burst.text,
    sentAt: last.sentAt,
    media: burst.media,
    ...(messages.length > 1 ? { parts: burst.parts } : {}),
  });
  if (!result.reply) return "held";
  if (!deps.marketplaceQueues) throw new Error("The marketplace outbound queue is not configured");
  const asks = (result.reply as { action?: { status?: string } | null }).action?.status === "proposed";
  const choices = asks ? deps.confirmationChoices?.(result.reply.language) : undefined;
  await deps.marketplaceQueues.outbound({
    shopId,
    marketplace,
    ...(thread.accountId ? { accountId: thread.accountId } : {}),
    conversationId: result.conversationId,
    threadId,
    buyerId: last.buyerId,
    text: result.reply.text,
    language: result.reply.language,
    origin: { kind: "ai", replyTo: last.messageId },
    lastShopperMessageAt: last.sentAt,
    ...(last.replyToken ? { replyToken: { token: last.replyToken, receivedAt: last.arrivedAt } } : {}),
    ...(choices?.length ? { choices } : {}),
  });
  return result.escalation ? "escalated" : "answered";
}

/** What a flush did: an outcome to log, and how long to wait before looking again, if the burst is not over. */
export interface FlushResult {
  readonly outcome: string;
  readonly waitMs?: number | undefined;
}

/** Answers a conversation's burst once it has been quiet for the channel's quiet period (domain/bursts.ts). */
export async function flushBurst(deps: InboundWorkerDeps, job: BurstFlushJob): Promise<FlushResult> {
  const { bursts } = deps;
  if (!bursts) return { outcome: "no_burst_store" };
  const conversationId = conversationIdFor(job.shopId, job.marketplace, job.threadId);
  const quietMs = deps.quietPeriodMs?.(job.marketplace) ?? 0;
  // A claim taken by another flush in between is read again; three looks are more than a conversation needs.
  for (let look = 0; look < 3; look++) {
    const state = await bursts.get(job.shopId, conversationId);
    const step = flushStep(state, job.messageId, quietMs, deps.clock.now());
    if (step.kind === "nothing" || step.kind === "deferred") return { outcome: step.kind };
    if (step.kind === "wait") return { outcome: "waiting", waitMs: step.ms };
    if (step.kind === "release") {
      await bursts.settle(job.shopId, conversationId, step.ids);
      continue;
    }
    const ids = step.messages.map((m) => m.messageId);
    if (!step.claimed && !(await bursts.claim(job.shopId, conversationId, ids))) continue;
    const accountId = step.messages.at(-1)?.accountId;
    const outcome = await answerMessages(
      deps,
      { shopId: job.shopId, marketplace: job.marketplace, threadId: job.threadId, accountId },
      null,
      step.messages,
    );
    await bursts.settle(job.shopId, conversationId, ids);
    return { outcome: `${outcome}:${ids.length}` };
  }
  return { outcome: "contended" };
}

/** True for a burst's flush on the inbound queue (it carries `kind: "flush"`; push jobs carry no kind). */
function isFlush(body: string): boolean {
  try {
    return (JSON.parse(body) as { kind?: unknown } | null)?.kind === "flush";
  } catch {
    return false;
  }
}

/** A flush handed back to the queue to look again later: an expected failure, not an error. */
class BurstNotOver extends Error {
  constructor() {
    super("burst not over yet");
    this.name = "BurstNotOver";
  }
}

export function createInboundWorker(deps: InboundWorkerDeps): SqsHandler {
  const one = async (record: SQSRecord) => {
    // A flush says so; any other body is read as a push job, so its problems are reported as a push's.
    const parsed = isFlush(record.body)
      ? parseQueueBody(BurstFlushJobSchema, record.body)
      : parseQueueBody(InboundJobSchema, record.body);
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
    if ("kind" in job) {
      const { outcome, waitMs } = await flushBurst(deps, job);
      deps.logger.info("burst flush handled", { marketplace: job.marketplace, outcome });
      if (waitMs === undefined) return;
      // Not over yet: the flush comes back when the quiet period would end (FIFO queues have no per-message delay).
      if (!deps.retryInboundLater) throw new Error("The inbound queue cannot delay a flush");
      await deps.retryInboundLater(record, Math.max(1, Math.ceil(waitMs / 1000)));
      throw new BurstNotOver();
    }
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
      // A batch of flushes that all wait is reported item by item: throwing would log a routine wait as an error.
      throwOnFullBatchFailure: false,
    });
}
