/** An order as the AI may describe it to the shopper who placed it: a snapshot kept in the order cache. */
import { z } from "zod";

export const TrackingInfoSchema = z
  .object({
    company: z.string().nullable(),
    number: z.string().nullable(),
    url: z.string().nullable(),
  })
  .readonly();
export type TrackingInfo = z.infer<typeof TrackingInfoSchema>;

/** The order snapshot: the cache's item, the handoff packet's order, and the type the code uses (inferred). */
export const OrderSnapshotSchema = z
  .object({
    /** Shopify's GraphQL id; kept as a string because numeric ids exceed 2^53. */
    id: z.string(),
    /** The order name shoppers see, e.g. "#1001". */
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    financialStatus: z.string(),
    fulfillmentStatus: z.string(),
    total: z.object({ amount: z.string(), currency: z.string() }).readonly(),
    tracking: z.array(TrackingInfoSchema).readonly(),
    lineItems: z.array(z.object({ title: z.string(), quantity: z.number() }).readonly()).readonly(),
    shippingCountry: z.string().nullable(),
    /** When the event that produced this snapshot happened, so older events never overwrite newer ones. */
    updatedAt: z.string(),
    /** A marketplace order's buyer as the lookup key `buyer:<channel>:<buyer id>` the marketplace gives; absent for Shopify. */
    buyerKey: z.string().nullish(),
  })
  .readonly();
export type OrderSnapshot = z.infer<typeof OrderSnapshotSchema>;

/** Where an order stands, from the shopper's point of view. */
/** "partially_refunded": paid, part of it refunded, and the rest not shipped yet. */
export const ORDER_STAGES = [
  "cancelled",
  "refunded",
  "delivered",
  "shipped",
  "partially_refunded",
  "preparing",
  "awaiting_payment",
] as const;
export type OrderStage = (typeof ORDER_STAGES)[number];

/** Where the order stands; a cancelled, refunded or partly refunded order is told apart by `refundState`. */
export function orderStage(order: OrderSnapshot): OrderStage {
  if (order.cancelledAt) return "cancelled";
  const refund = refundState(order);
  if (refund === "full") return "refunded";
  const fulfillment = order.fulfillmentStatus.toUpperCase();
  if (fulfillment === "DELIVERED") return "delivered";
  if (fulfillment === "FULFILLED" || fulfillment === "PARTIALLY_FULFILLED" || fulfillment === "IN_TRANSIT")
    return "shipped";
  if (refund === "partial") return "partially_refunded";
  const financial = order.financialStatus.toUpperCase();
  if (financial === "PENDING" || financial === "AUTHORIZED" || financial === "UNPAID")
    return "awaiting_payment";
  return "preparing";
}

/** How much of the order's money went back to the shopper (Shopify's REFUNDED and PARTIALLY_REFUNDED). */
export function refundState(order: OrderSnapshot): "none" | "partial" | "full" {
  const financial = order.financialStatus.toUpperCase();
  if (financial === "REFUNDED") return "full";
  return financial === "PARTIALLY_REFUNDED" ? "partial" : "none";
}

/** Normalises "#1001", "1001" and "no. 1001" to the key the cache uses. */
export const orderKey = (name: string) => name.replace(/^#/, "").trim().toUpperCase();
