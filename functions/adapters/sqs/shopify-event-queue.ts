/** Queues verified Shopify webhook deliveries, in order per shop, for the worker. */
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ShopifyEventQueue } from "../../domain/shopify-events";

export function createShopifyEventQueue(sqs: SQSClient, queueUrl: string): ShopifyEventQueue {
  return {
    async send(event) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(event),
          MessageGroupId: event.shopId,
          MessageDeduplicationId: event.eventId.slice(0, 128),
        }),
      );
    },
  };
}
