/** The marketplace inbound and outbound FIFO queues in memory. */
import type { BurstFlushJob, InboundJob, MarketplaceQueues, OutboundJob } from "../marketplace-queues";
import { createFifoQueue, type FakeFifoQueue } from "./fifo-queue";

export interface FakeMarketplaceQueues extends MarketplaceQueues {
  /** Pushes and burst flushes, as the inbound queue holds both. */
  readonly inboundQueue: FakeFifoQueue<InboundJob | BurstFlushJob>;
  readonly outboundQueue: FakeFifoQueue<OutboundJob>;
}

/** MarketplaceQueues in memory, with the SQS adapter's deduplication ids (a push, a flush or a reply queued once). */
export function createFakeMarketplaceQueues(): FakeMarketplaceQueues {
  const inboundQueue = createFifoQueue<InboundJob | BurstFlushJob>();
  const outboundQueue = createFifoQueue<OutboundJob>();
  return {
    inboundQueue,
    outboundQueue,
    async inbound(job) {
      inboundQueue.send(job, `${job.marketplace}:${job.push.messageId}`);
    },
    async flush(job, dedupeId) {
      inboundQueue.send(job, `${job.marketplace}:flush:${dedupeId}`);
    },
    async outbound(job) {
      const ref = job.origin.kind === "ai" ? `ai:${job.origin.replyTo}` : `agent:${job.origin.messageId}`;
      outboundQueue.send(job, `${job.marketplace}:${ref}`);
    },
  };
}
