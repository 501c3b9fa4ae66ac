/**
 * The inbound worker's marketplace bookkeeping besides answering: an order push re-reads and caches the order, and
 * buyer and staff messages move the record the channel's sending rules are checked against (channel-sending.ts).
 */
import type { MarketplaceOrderSource } from "../channels/order-source";
import type { ChannelActivityStore } from "../domain/channel-rules";
import type { ConversationId } from "../domain/ids";
import type { OrderEvent } from "../domain/marketplace";
import type { InboundJob } from "../domain/marketplace-queues";
import type { Clock, Logger } from "../domain/ports";

export interface MarketplaceOrderWorkerDeps {
  /** Each marketplace as an order source; without it order pushes are acknowledged and dropped. */
  readonly marketplaceOrders?: MarketplaceOrderSource | undefined;
  /** The record the channel rules are checked against; without it nothing is recorded. */
  readonly channelActivity?: ChannelActivityStore | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A marketplace's time for a message, never later than ours (channel clocks drift). */
const notLaterThanNow = (deps: MarketplaceOrderWorkerDeps, at: string) =>
  [at || "9", deps.clock.now().toISOString()].sort()[0] as string;

/** Re-reads the pushed order through the marketplace's API and caches it (the cache keeps the newest). */
export async function cacheMarketplaceOrder(
  deps: MarketplaceOrderWorkerDeps,
  job: InboundJob,
  event: OrderEvent,
): Promise<string> {
  if (!deps.marketplaceOrders) return "orders_not_configured";
  // A failure throws: the push stays on the queue, is retried, and ends in the DLQ rather than being lost.
  const known = await deps.marketplaceOrders.sync(job.shopId, job.marketplace, event.orderId, job.accountId);
  return known ? "order_cached" : "order_unknown";
}

/** The buyer wrote: the reply window restarts from their message. */
export async function buyerWrote(
  deps: MarketplaceOrderWorkerDeps,
  job: InboundJob,
  conversationId: ConversationId,
  push: { readonly sentAt: string },
): Promise<void> {
  await deps.channelActivity?.buyerWrote(job.shopId, conversationId, notLaterThanNow(deps, push.sentAt));
}

/** The seller's staff wrote in the marketplace app: one more seller message in a row, and a person's reply. */
export async function staffWrote(
  deps: MarketplaceOrderWorkerDeps,
  job: InboundJob,
  conversationId: ConversationId,
  push: { readonly messageId: string; readonly sentAt: string },
): Promise<void> {
  if (!deps.channelActivity) return;
  const key = `staff:${push.messageId}`;
  await deps.channelActivity.partSent(job.shopId, conversationId, key, 0);
  await deps.channelActivity.recordReply(job.shopId, key, {
    marketplace: job.marketplace,
    author: "human",
    at: notLaterThanNow(deps, push.sentAt),
  });
}
