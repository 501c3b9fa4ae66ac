/** A verified Shopify webhook delivery, as queued for processing after the 200. */
import { z } from "zod";
import { ShopId } from "./ids";

/** The Shopify events queue's message; the worker parses every body with it. */
export const ShopifyEventSchema = z
  .object({
    topic: z.string(),
    shopId: z
      .string()
      .regex(/\.myshopify\.com$/)
      .transform(ShopId),
    /** X-Shopify-Event-Id: the same event delivered twice has the same id. */
    eventId: z.string().min(1),
    webhookId: z.string().nullable(),
    /** X-Shopify-Triggered-At, clamped to now: unsigned, so it is logged but never decides which data is newer. */
    triggeredAt: z.string().nullable(),
    /** The raw body, parsed only by the worker (ids beyond 2^53 must survive). */
    body: z.string(),
  })
  .readonly();
export type ShopifyEvent = z.output<typeof ShopifyEventSchema>;

export interface ShopifyEventQueue {
  send(event: ShopifyEvent): Promise<void>;
}
