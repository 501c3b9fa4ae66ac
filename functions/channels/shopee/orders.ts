/**
 * Shopee orders as our snapshots: v2.order.get_order_detail and v2.logistics.get_tracking_number answers
 * (docs/protocols.md#marketplace-orders), and the order pushes (code 3 status, code 4 tracking number). Pure.
 */
import { z } from "zod";
import type { OrderEvent } from "../../domain/marketplace";
import type { OrderSnapshot } from "../../domain/order";
import { buyerKey } from "../../domain/order-resolution";
import { isoFromEpoch } from "../shared/http";
import { lineItemsOf, type MarketplaceStage, stageFields, trackingOf } from "../shared/orders";
import { idSchema as id } from "../shared/push";

export const ShopeeOrderSchema = z
  .object({
    order_sn: z.string().min(1),
    region: z.string().optional(),
    currency: z.string().optional(),
    order_status: z.string(),
    create_time: z.number(),
    update_time: z.number(),
    buyer_user_id: id.optional(),
    total_amount: z.union([z.number(), z.string()]).optional(),
    shipping_carrier: z.string().optional(),
    item_list: z
      .array(
        z.object({ item_name: z.string(), model_quantity_purchased: z.number().optional() }).passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type ShopeeOrder = z.infer<typeof ShopeeOrderSchema>;

/** get_order_detail: `error` empty on success, then `response.order_list`. */
export const ShopeeOrderDetailAnswer = z.object({
  error: z.string().optional().default(""),
  message: z.string().optional(),
  response: z.object({ order_list: z.array(ShopeeOrderSchema) }).optional(),
});

/** get_tracking_number: `response.tracking_number`, empty until the logistics provider assigns one. */
export const ShopeeTrackingAnswer = z.object({
  error: z.string().optional().default(""),
  message: z.string().optional(),
  response: z.object({ tracking_number: z.string().optional() }).passthrough().optional(),
});

const STAGES: Record<string, MarketplaceStage> = {
  UNPAID: "awaiting_payment",
  READY_TO_SHIP: "preparing",
  PROCESSED: "preparing",
  RETRY_SHIP: "preparing",
  // A cancellation the buyer asked for and the seller has not answered: the order still stands.
  IN_CANCEL: "preparing",
  SHIPPED: "shipped",
  TO_CONFIRM_RECEIVE: "delivered",
  COMPLETED: "delivered",
  TO_RETURN: "delivered",
  CANCELLED: "cancelled",
};

/** Shopee's status as one of our stages; an unknown status reads as being prepared (never as shipped). */
export const shopeeStage = (status: string): MarketplaceStage => STAGES[status.toUpperCase()] ?? "preparing";

/** One order from get_order_detail, with the tracking number from get_tracking_number when there is one. */
export function fromShopeeOrder(order: ShopeeOrder, trackingNumber: string | null): OrderSnapshot {
  const updatedAt = isoFromEpoch(order.update_time);
  return {
    id: `shopee:${order.order_sn}`,
    name: order.order_sn,
    email: null,
    phone: null,
    createdAt: isoFromEpoch(order.create_time),
    ...stageFields(shopeeStage(order.order_status), updatedAt),
    total: { amount: String(order.total_amount ?? "0"), currency: (order.currency ?? "").toUpperCase() },
    tracking: trackingOf([{ company: order.shipping_carrier ?? null, number: trackingNumber }]),
    lineItems: lineItemsOf(
      (order.item_list ?? []).map((i) => ({ title: i.item_name, quantity: i.model_quantity_purchased ?? 1 })),
    ),
    shippingCountry: order.region?.toUpperCase() ?? null,
    updatedAt,
    buyerKey: order.buyer_user_id ? buyerKey("shopee", order.buyer_user_id) : null,
  };
}

/** Order status (code 3) and tracking number (code 4) pushes; both name the order as `ordersn`. */
const OrderPush = z.object({
  code: z.union([z.literal(3), z.literal(4)]),
  shop_id: id,
  timestamp: z.number().optional(),
  data: z
    .object({ ordersn: z.string().min(1), status: z.string().optional(), update_time: z.number().optional() })
    .passthrough(),
});

/** A code 3 or 4 push as an order event, or null when the body is not one. */
export function shopeeOrderEvent(body: unknown): OrderEvent | null {
  const push = OrderPush.safeParse(body);
  if (!push.success) return null;
  const { data, code } = push.data;
  const at = data.update_time ?? push.data.timestamp ?? 0;
  return {
    kind: "order_event",
    threadId: `order:${data.ordersn}`,
    messageId: `order:${data.ordersn}:${code}:${data.status ?? ""}:${at}`,
    orderId: data.ordersn,
    status: data.status ?? null,
    updatedAt: isoFromEpoch(at),
  };
}
