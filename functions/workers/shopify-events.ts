/**
 * Processes Shopify webhook events after they were acknowledged: keeps the order cache current (never letting an
 * older event overwrite newer data), revokes the token on uninstall, and carries out the privacy duties at once.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { SQSRecord } from "aws-lambda";
import { z } from "zod";
import type { ShopifyGateway } from "../adapters/shopify/gateway";
import { parseShopifyJson } from "../adapters/shopify/json";
import {
  fromRestOrder,
  lookupKeysOf,
  orderGid,
  RestFulfillmentEventSchema,
  RestOrderSchema,
  RestRefundEventSchema,
} from "../adapters/shopify/order-mapping";
import type { AppLogger } from "../config/logger";
import { ShopId } from "../domain/ids";
import type { OrderSnapshot } from "../domain/order";
import type { OrderStore } from "../domain/ports";
import { exportCustomer, type PrivacyDeps, redactCustomer, redactShop } from "../domain/privacy";
import type { ShopifyEvent } from "../domain/shopify-events";
import type { SqsHandler } from "./escalation-consumer";

export interface ShopifyWorkerDeps extends PrivacyDeps {
  readonly orderCache: OrderStore;
  readonly gateway: ShopifyGateway;
  readonly logger: AppLogger;
}

const EventSchema = z.object({
  topic: z.string(),
  shopId: z.string().regex(/\.myshopify\.com$/),
  eventId: z.string().min(1),
  webhookId: z.string().nullable(),
  triggeredAt: z.string().nullable(),
  body: z.string(),
});

const PrivacyCustomer = z.object({
  customer: z.object({ email: z.string().nullish(), phone: z.string().nullish() }).default({}),
  orders_requested: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  orders_to_redact: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  data_request: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).optional(),
});

/** The newer of the event time and the order's own update time stamps the snapshot, for the staleness check. */
const stamped = (order: OrderSnapshot, triggeredAt: string | null): OrderSnapshot =>
  triggeredAt && triggeredAt > order.updatedAt
    ? { ...order, updatedAt: new Date(triggeredAt).toISOString() }
    : order;

async function cacheOrder(deps: ShopifyWorkerDeps, shopId: ShopId, order: OrderSnapshot) {
  await deps.shopify.saveOrderAlias(shopId, order.id, order.name);
  await deps.orderCache.putOrder(shopId, order, lookupKeysOf(order));
}

/** Events that carry only an order id are answered from Shopify itself, so the cache holds the whole current order. */
async function refreshOrder(deps: ShopifyWorkerDeps, shopId: ShopId, orderId: string) {
  const orders = await deps.gateway.ordersFor(shopId);
  if (!orders) return "not_installed";
  const order = await orders.byId(orderGid(orderId));
  if (order) await cacheOrder(deps, shopId, { ...order, updatedAt: new Date().toISOString() });
  return order ? "refreshed" : "missing";
}

export async function processShopifyEvent(deps: ShopifyWorkerDeps, event: ShopifyEvent): Promise<string> {
  const shopId = event.shopId;
  const payload = parseShopifyJson(event.body);
  switch (event.topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/cancelled":
    case "orders/fulfilled": {
      await cacheOrder(
        deps,
        shopId,
        stamped(fromRestOrder(RestOrderSchema.parse(payload)), event.triggeredAt),
      );
      return "cached";
    }
    case "fulfillments/create":
    case "fulfillments/update":
      return refreshOrder(deps, shopId, RestFulfillmentEventSchema.parse(payload).order_id);
    case "refunds/create":
      return refreshOrder(deps, shopId, RestRefundEventSchema.parse(payload).order_id);
    case "app/uninstalled": {
      const connection = await deps.shopify.getConnection(shopId);
      if (connection)
        await deps.shopify.saveConnection({
          ...connection,
          sealedToken: null,
          uninstalledAt: connection.uninstalledAt ?? deps.now().toISOString(),
        });
      deps.gateway.forget(shopId);
      await deps.shopify.audit(shopId, {
        topic: "app/uninstalled",
        at: deps.now().toISOString(),
        requestId: null,
        summary: { tokensRevoked: connection?.sealedToken ? 1 : 0 },
      });
      return "revoked";
    }
    case "customers/data_request": {
      const p = PrivacyCustomer.parse(payload);
      const requestId = p.data_request?.id ?? event.eventId;
      await exportCustomer(
        deps,
        shopId,
        {
          email: p.customer.email ?? null,
          phone: p.customer.phone ?? null,
          orderIds: (p.orders_requested ?? []).map(orderGid),
        },
        requestId,
      );
      return "exported";
    }
    case "customers/redact": {
      const p = PrivacyCustomer.parse(payload);
      await redactCustomer(deps, shopId, {
        email: p.customer.email ?? null,
        phone: p.customer.phone ?? null,
        orderIds: (p.orders_to_redact ?? []).map(orderGid),
      });
      return "redacted";
    }
    case "shop/redact":
      await redactShop(deps, shopId);
      deps.gateway.forget(shopId);
      return "shop_redacted";
    default:
      return "ignored";
  }
}

export function createShopifyWorker(deps: ShopifyWorkerDeps): SqsHandler {
  const one = async (record: SQSRecord) => {
    const event = EventSchema.parse(JSON.parse(record.body));
    try {
      const outcome = await processShopifyEvent(deps, { ...event, shopId: ShopId(event.shopId) });
      deps.logger.info("shopify event processed", { topic: event.topic, eventId: event.eventId, outcome });
    } catch (error) {
      // Names and messages only: payloads carry personal data.
      deps.logger.error("shopify event failed", {
        topic: event.topic,
        eventId: event.eventId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : "error",
      });
      throw error;
    }
  };
  // FIFO per shop: a failed event holds back only its own shop's later events.
  return (event, context) =>
    processPartialResponse(event, one, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
    });
}
