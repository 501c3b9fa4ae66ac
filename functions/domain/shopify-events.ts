/** A verified Shopify webhook delivery, as queued for processing after the 200. */
import type { ShopId } from "./ids";

export interface ShopifyEvent {
  readonly topic: string;
  readonly shopId: ShopId;
  /** X-Shopify-Event-Id: the same event delivered twice has the same id. */
  readonly eventId: string;
  readonly webhookId: string | null;
  /** X-Shopify-Triggered-At, clamped to now: unsigned, so it is logged but never decides which data is newer. */
  readonly triggeredAt: string | null;
  /** The raw body, parsed only by the worker (ids beyond 2^53 must survive). */
  readonly body: string;
}

export interface ShopifyEventQueue {
  send(event: ShopifyEvent): Promise<void>;
}
