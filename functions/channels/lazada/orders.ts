/**
 * Lazada orders as our snapshots: /order/get and /order/items/get answers (docs/protocols.md#marketplace-orders),
 * the buyer and the tracking in the items, and the trade order push (message_type 0). Pure.
 */
import { z } from "zod";
import type { OrderEvent } from "../../domain/marketplace";
import { MARKETS, isMarketCode, type MarketCode } from "../../domain/markets";
import type { OrderSnapshot } from "../../domain/order";
import { buyerKey } from "../../domain/order-resolution";
import { lineItemsOf, type MarketplaceStage, stageFields, trackingOf } from "../shared/orders";
import { idSchema as id } from "../shared/push";

const LazadaOrderSchema = z
  .object({
    order_id: id,
    order_number: id.optional(),
    statuses: z.array(z.string()).default([]),
    created_at: z.string(),
    updated_at: z.string(),
    price: z.union([z.string(), z.number()]).optional(),
    address_shipping: z.object({ country: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type LazadaOrder = z.infer<typeof LazadaOrderSchema>;

const LazadaItemSchema = z
  .object({
    order_item_id: id.optional(),
    status: z.string().optional(),
    name: z.string().optional(),
    buyer_id: id.optional(),
    tracking_code: z.string().nullish(),
    shipment_provider: z.string().nullish(),
    currency: z.string().optional(),
  })
  .passthrough();
export type LazadaItem = z.infer<typeof LazadaItemSchema>;

/** GET /order/get: `code` "0" on success, the order in `data`. */
export const LazadaOrderAnswer = z.object({
  code: z.string(),
  message: z.string().optional(),
  data: LazadaOrderSchema.optional(),
});
/** GET /order/items/get: `code` "0" on success, one row per item in `data`. */
export const LazadaItemsAnswer = z.object({
  code: z.string(),
  message: z.string().optional(),
  data: z.array(LazadaItemSchema).optional(),
});

const STAGES: Record<string, MarketplaceStage> = {
  unpaid: "awaiting_payment",
  pending: "preparing",
  packed: "preparing",
  repacked: "preparing",
  topack: "preparing",
  toship: "preparing",
  ready_to_ship: "preparing",
  ready_to_ship_pending: "preparing",
  shipped: "shipped",
  shipped_back: "shipped",
  delivered: "delivered",
  confirmed: "delivered",
  // Lazada refunds an item once it is returned.
  returned: "refunded",
  canceled: "cancelled",
  cancelled: "cancelled",
};

/** The furthest stage among an order's item statuses: one item shipped means the order is on its way. */
const ORDER_OF_STAGES: readonly MarketplaceStage[] = [
  "delivered",
  "shipped",
  "preparing",
  "awaiting_payment",
  "refunded",
  "cancelled",
];

/** Lazada's statuses (one per item) as one stage; unknown statuses read as being prepared. */
export function lazadaStage(statuses: readonly string[]): MarketplaceStage {
  const stages = statuses.map((s) => STAGES[s.toLowerCase()] ?? "preparing");
  if (stages.length === 0) return "preparing";
  const best = ORDER_OF_STAGES.find((stage) => stages.includes(stage)) ?? "preparing";
  // Some items shipped and others not yet: partly shipped.
  return best === "shipped" && stages.includes("preparing") ? "partly_shipped" : best;
}

/** "2014-10-11 11:47:19 +0800" (Lazada's format) or ISO 8601 → ISO 8601 in UTC. */
export function lazadaTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*([+-])(\d{2}):?(\d{2})$/.exec(value.trim());
  const parsed = m ? Date.parse(`${m[1]}T${m[2]}${m[3]}${m[4]}:${m[5]}`) : Date.parse(value);
  return Number.isNaN(parsed) ? new Date(0).toISOString() : new Date(parsed).toISOString();
}

/** One order from /order/get and its items from /order/items/get. */
export function fromLazadaOrder(
  order: LazadaOrder,
  items: readonly LazadaItem[],
  market: MarketCode | null,
): OrderSnapshot {
  const updatedAt = lazadaTime(order.updated_at);
  const country = order.address_shipping?.country;
  const buyer = items.find((i) => i.buyer_id)?.buyer_id;
  const currency = items.find((i) => i.currency)?.currency ?? (market ? MARKETS[market].currency : "");
  const statuses = items.flatMap((i) => (i.status ? [i.status] : []));
  return {
    id: `lazada:${order.order_id}`,
    name: order.order_id,
    email: null,
    phone: null,
    createdAt: lazadaTime(order.created_at),
    ...stageFields(lazadaStage(statuses.length > 0 ? statuses : order.statuses), updatedAt),
    total: { amount: String(order.price ?? "0").replace(/,/g, ""), currency: currency.toUpperCase() },
    tracking: trackingOf(
      items.map((i) => ({ company: i.shipment_provider ?? null, number: i.tracking_code ?? null })),
    ),
    lineItems: lineItemsOf(items.map((i) => ({ title: i.name ?? "", quantity: 1 })).filter((i) => i.title)),
    shippingCountry:
      market ?? (country && isMarketCode(country.toUpperCase()) ? country.toUpperCase() : null),
    updatedAt,
    buyerKey: buyer ? buyerKey("lazada", buyer) : null,
  };
}

/** The trade order push, message_type 0: one order line's new status. */
const OrderPush = z.object({
  seller_id: id,
  message_type: z.literal(0),
  timestamp: z.number().optional(),
  data: z
    .object({
      trade_order_id: id,
      trade_order_line_id: id.optional(),
      order_status: z.string().optional(),
      status_update_time: z.number().optional(),
    })
    .passthrough(),
});

/** A trade order push as an order event, or null when the body is not one. */
export function lazadaOrderEvent(body: unknown): OrderEvent | null {
  const push = OrderPush.safeParse(body);
  if (!push.success) return null;
  const d = push.data.data;
  const at = d.status_update_time ?? push.data.timestamp ?? 0;
  // Seconds or milliseconds, whichever the push carries.
  const ms = at > 1e12 ? at : at * 1000;
  return {
    kind: "order_event",
    threadId: `order:${d.trade_order_id}`,
    messageId: `order:${d.trade_order_id}:${d.trade_order_line_id ?? ""}:${d.order_status ?? ""}:${at}`,
    orderId: d.trade_order_id,
    status: d.order_status ?? null,
    updatedAt: new Date(ms).toISOString(),
  };
}
