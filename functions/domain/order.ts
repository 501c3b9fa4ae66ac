/** An order as the AI may describe it to the shopper who placed it: a snapshot kept in the order cache. */
export interface TrackingInfo {
  readonly company: string | null;
  readonly number: string | null;
  readonly url: string | null;
}

export interface OrderSnapshot {
  /** Shopify's GraphQL id; kept as a string because numeric ids exceed 2^53. */
  readonly id: string;
  /** The order name shoppers see, e.g. "#1001". */
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly createdAt: string;
  readonly cancelledAt: string | null;
  readonly financialStatus: string;
  readonly fulfillmentStatus: string;
  readonly total: { readonly amount: string; readonly currency: string };
  readonly tracking: readonly TrackingInfo[];
  readonly lineItems: readonly { readonly title: string; readonly quantity: number }[];
  readonly shippingCountry: string | null;
  /** When the event that produced this snapshot happened, so older events never overwrite newer ones. */
  readonly updatedAt: string;
}

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
