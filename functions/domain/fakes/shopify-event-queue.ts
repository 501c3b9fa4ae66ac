/** The Shopify events FIFO queue in memory. */
import type { ShopifyEvent, ShopifyEventQueue } from "../shopify-events";
import { createFifoQueue, type FakeFifoQueue } from "./fifo-queue";

export interface FakeShopifyEventQueue extends ShopifyEventQueue, FakeFifoQueue<ShopifyEvent> {}

/** A ShopifyEventQueue in memory, deduplicated on shop, topic, event id and body like the SQS adapter. */
export function createFakeShopifyEventQueue(): FakeShopifyEventQueue {
  const queue = createFifoQueue<ShopifyEvent>();
  return {
    get pending() {
      return queue.pending;
    },
    get sent() {
      return queue.sent;
    },
    drain: queue.drain,
    failWith: queue.failWith,
    async send(event) {
      queue.send(event, JSON.stringify([event.shopId, event.topic, event.eventId, event.body]));
    },
  };
}
