/** Queues verified Shopify webhook deliveries, in order per shop, for the worker. */
import { createHash } from "node:crypto";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ShopifyEvent, ShopifyEventQueue } from "../../domain/shopify-events";

/**
 * The delivery the route de-duplicated (shop, topic, event id and body), hashed: not the event id alone, which SQS
 * de-duplicates queue-wide for five minutes, so one event id shared by two topics, or chosen by whoever re-sends
 * a signed body (the header is unsigned), would silently drop another delivery that the route acknowledged.
 */
const deduplicationId = (event: ShopifyEvent) =>
  createHash("sha256")
    .update(`${event.shopId}\n${event.topic}\n${event.eventId}\n`)
    .update(event.body)
    .digest("hex");

export function createShopifyEventQueue(sqs: SQSClient, queueUrl: string): ShopifyEventQueue {
  return {
    async send(event) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(event),
          MessageGroupId: event.shopId,
          MessageDeduplicationId: deduplicationId(event),
        }),
      );
    },
  };
}
