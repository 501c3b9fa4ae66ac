/** Sends marketplace jobs to their FIFO queues: one group per conversation, so its messages stay in order. */
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { MarketplaceQueues } from "../../domain/marketplace-queues";

export function createMarketplaceQueues(
  sqs: SQSClient,
  urls: { inbound: string; outbound: string },
): MarketplaceQueues {
  const send = (url: string, group: string, dedupe: string, body: unknown) =>
    sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: JSON.stringify(body),
        MessageGroupId: group.slice(0, 128),
        MessageDeduplicationId: dedupe.slice(0, 128),
      }),
    );
  return {
    async inbound(job) {
      await send(
        urls.inbound,
        `${job.shopId}#${job.marketplace}#${job.push.threadId}`,
        `${job.marketplace}:${job.push.messageId}`,
        job,
      );
    },
    async flush(job, dedupeId) {
      // Its own group: a flush waiting out the quiet period must not hold back the pushes that extend the burst.
      await send(
        urls.inbound,
        `flush#${job.shopId}#${job.marketplace}#${job.threadId}`,
        `${job.marketplace}:flush:${dedupeId}`,
        job,
      );
    },
    async outbound(job) {
      const ref = job.origin.kind === "ai" ? `ai:${job.origin.replyTo}` : `agent:${job.origin.messageId}`;
      await send(
        urls.outbound,
        `${job.shopId}#${job.marketplace}#${job.threadId}`,
        `${job.marketplace}:${ref}`,
        job,
      );
    },
  };
}
