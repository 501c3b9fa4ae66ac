/**
 * TikTok Shop orders as our snapshots: the 202309 Get Order Detail answer (`GET /order/202309/orders?ids=`, tracking
 * on the order and its line items; docs/protocols.md#marketplace-orders) and the ORDER_STATUS_CHANGE webhook (type 1).
 * Pure. TikTok names an order's buyer by `user_id`, the id its order search takes (not the chat's `im_user_id`).
 */
import { z } from "zod";
import type { OrderEvent } from "../../domain/marketplace";
import type { OrderSnapshot } from "../../domain/order";
import { buyerKey } from "../../domain/order-resolution";
import { isoFromEpoch } from "../shared/http";
import { lineItemsOf, type MarketplaceStage, stageFields, trackingOf } from "../shared/orders";
import { idSchema as id } from "../shared/push";

const TikTokOrderSchema = z
  .object({
    id,
    status: z.string(),
    user_id: id.optional(),
    create_time: z.number(),
    update_time: z.number(),
    tracking_number: z.string().nullish(),
    shipping_provider: z.string().nullish(),
    payment: z
      .object({ currency: z.string().optional(), total_amount: z.union([z.string(), z.number()]).optional() })
      .passthrough()
      .optional(),
    recipient_address: z.object({ region_code: z.string().optional() }).passthrough().optional(),
    line_items: z
      .array(
        z
          .object({
            product_name: z.string().optional(),
            tracking_number: z.string().nullish(),
            shipping_provider_name: z.string().nullish(),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();
export type TikTokOrder = z.infer<typeof TikTokOrderSchema>;

/** `{code: 0, message, request_id, data: {orders}}`. */
export const TikTokOrdersAnswer = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z
    .object({ orders: z.array(TikTokOrderSchema).default([]) })
    .passthrough()
    .nullish(),
});

const STAGES: Record<string, MarketplaceStage> = {
  UNPAID: "awaiting_payment",
  ON_HOLD: "preparing",
  AWAITING_SHIPMENT: "preparing",
  PARTIALLY_SHIPPING: "partly_shipped",
  AWAITING_COLLECTION: "preparing",
  IN_TRANSIT: "shipped",
  DELIVERED: "delivered",
  COMPLETED: "delivered",
  CANCELLED: "cancelled",
  // The webhook's spelling.
  CANCEL: "cancelled",
};

/** TikTok's status as one of our stages; an unknown status reads as being prepared. */
export const tiktokStage = (status: string): MarketplaceStage => STAGES[status.toUpperCase()] ?? "preparing";

/** One order of Get Order Detail. */
export function fromTikTokOrder(order: TikTokOrder): OrderSnapshot {
  const updatedAt = isoFromEpoch(order.update_time);
  return {
    id: `tiktok:${order.id}`,
    name: order.id,
    email: null,
    phone: null,
    createdAt: isoFromEpoch(order.create_time),
    ...stageFields(tiktokStage(order.status), updatedAt),
    total: {
      amount: String(order.payment?.total_amount ?? "0"),
      currency: (order.payment?.currency ?? "").toUpperCase(),
    },
    tracking: trackingOf([
      { company: order.shipping_provider ?? null, number: order.tracking_number ?? null },
      ...order.line_items.map((l) => ({
        company: l.shipping_provider_name ?? null,
        number: l.tracking_number ?? null,
      })),
    ]),
    lineItems: lineItemsOf(
      order.line_items.flatMap((l) => (l.product_name ? [{ title: l.product_name, quantity: 1 }] : [])),
    ),
    shippingCountry: order.recipient_address?.region_code?.toUpperCase() ?? null,
    updatedAt,
    buyerKey: order.user_id ? buyerKey("tiktok", order.user_id) : null,
  };
}

/** ORDER_STATUS_CHANGE, type 1: `data {order_id, order_status, update_time}`. */
const OrderPush = z.object({
  type: z.union([z.literal(1), z.literal("ORDER_STATUS_CHANGE")]),
  shop_id: id,
  timestamp: z.number().optional(),
  tts_notification_id: z.string().optional(),
  data: z
    .object({ order_id: id, order_status: z.string().optional(), update_time: z.number().optional() })
    .passthrough(),
});

/** An ORDER_STATUS_CHANGE webhook as an order event, or null when the body is not one. */
export function tiktokOrderEvent(body: unknown): OrderEvent | null {
  const push = OrderPush.safeParse(body);
  if (!push.success) return null;
  const d = push.data.data;
  const at = d.update_time ?? push.data.timestamp ?? 0;
  return {
    kind: "order_event",
    threadId: `order:${d.order_id}`,
    messageId: `order:${d.order_id}:${d.order_status ?? ""}:${at}`,
    orderId: d.order_id,
    status: d.order_status ?? null,
    updatedAt: isoFromEpoch(at),
  };
}
