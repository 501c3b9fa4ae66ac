/**
 * Processes Shopify webhook events after they were acknowledged: keeps the order cache and the catalog current (never
 * letting an older event overwrite newer data), syncs the catalog, revokes the token on uninstall, and carries out the
 * privacy duties at once.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { SQSRecord } from "aws-lambda";
import type { ShopifyGateway } from "../adapters/shopify/gateway";
import { fromRestOrder, lookupKeysOf, orderGid, type RestOrder } from "../adapters/shopify/order-mapping";
import { parseWebhook, type WebhookPayload } from "../adapters/shopify/webhook-payloads";
import type { ShopId } from "../domain/ids";
import type { OrderSnapshot } from "../domain/order";
import type { Logger, OrderStore } from "../domain/ports";
import { exportCustomer, type PrivacyDeps, redactCustomer, redactShop } from "../domain/privacy";
import { parseQueueBody } from "../adapters/sqs/queue-body";
import { type ShopifyEvent, ShopifyEventSchema } from "../domain/shopify-events";
import type { SqsHandler } from "./escalation-consumer";
import { applyProductDelete, applyProductEvent, type CatalogDeps, syncCatalog } from "./catalog";
import { CATALOG_SYNC_TOPIC } from "../domain/knowledge";
import type { RestProduct } from "../adapters/shopify/catalog";

export interface ShopifyWorkerDeps extends PrivacyDeps, CatalogDeps {
  readonly orders: OrderStore;
  readonly gateway: ShopifyGateway;
  readonly logger: Logger;
}

async function cacheOrder(deps: ShopifyWorkerDeps, shopId: ShopId, order: OrderSnapshot) {
  await deps.shopify.saveOrderAlias(shopId, order.id, order.name);
  await deps.orders.putOrder(shopId, order, lookupKeysOf(order));
}

/** Events that carry only an order id are answered from Shopify itself, so the cache holds the whole current order. */
async function refreshOrder(deps: ShopifyWorkerDeps, shopId: ShopId, orderId: string) {
  const orders = await deps.gateway.ordersFor(shopId);
  if (!orders) return "not_installed";
  const order = await orders.byId(orderGid(orderId));
  if (order) await cacheOrder(deps, shopId, { ...order, updatedAt: new Date().toISOString() });
  return order ? "refreshed" : "missing";
}

/** Records a destructive event that was not carried out, so the refusal is visible in the shop's audit trail. */
async function refuse(deps: ShopifyWorkerDeps, shopId: ShopId, topic: string, eventId: string) {
  deps.logger.warn("shopify destructive event refused: the app is still installed", { topic, eventId });
  await deps.shopify.audit(shopId, {
    topic,
    at: deps.clock.now().toISOString(),
    requestId: eventId,
    summary: { refusedStillInstalled: 1 },
  });
  return "refused_still_installed";
}

export async function processShopifyEvent(deps: ShopifyWorkerDeps, event: ShopifyEvent): Promise<string> {
  const shopId = event.shopId;
  // Our own event (the install and POST /v1/catalog/sync queue it); the route never queues a topic it does not know.
  if (event.topic === CATALOG_SYNC_TOPIC) return syncCatalog(deps, shopId, event.body);
  // The same check as the route's, so the worker never trusts a body the route would have refused.
  const parsed = parseWebhook(event.topic, shopId, event.body);
  if (!parsed.ok) throw new PoisonEvent(parsed.reason, parsed.issues ?? []);
  switch (parsed.topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/cancelled":
    case "orders/fulfilled": {
      // Staleness is judged on the signed body's updated_at alone: the unsigned Triggered-At header cannot
      // make an old body look new.
      await cacheOrder(deps, shopId, fromRestOrder(parsed.payload as RestOrder));
      return "cached";
    }
    case "fulfillments/create":
    case "fulfillments/update":
    case "refunds/create":
      return refreshOrder(deps, shopId, (parsed.payload as { order_id: string }).order_id);
    case "products/create":
    case "products/update":
      // Like orders: the signed body's updated_at decides which copy is newer.
      return applyProductEvent(deps, shopId, parsed.payload as RestProduct);
    case "products/delete":
      return applyProductDelete(deps, shopId, (parsed.payload as { id: string }).id);
    case "app/uninstalled": {
      const connection = await deps.shopify.getConnection(shopId);
      if (!connection?.sealedToken || connection.uninstalledAt) return "not_installed";
      // Shopify revokes the token before it sends app/uninstalled: a token that still works means a replay.
      if ((await deps.gateway.installState(shopId)) === "installed")
        return refuse(deps, shopId, "app/uninstalled", event.eventId);
      await deps.shopify.saveConnection({
        ...connection,
        sealedToken: null,
        uninstalledAt: deps.clock.now().toISOString(),
      });
      deps.gateway.forget(shopId);
      await deps.shopify.audit(shopId, {
        topic: "app/uninstalled",
        at: deps.clock.now().toISOString(),
        requestId: null,
        summary: { tokensRevoked: 1 },
      });
      return "revoked";
    }
    case "customers/data_request": {
      const p = parsed.payload as WebhookPayload<"customers/data_request">;
      await exportCustomer(
        deps,
        shopId,
        {
          email: p.customer.email,
          phone: p.customer.phone,
          orderIds: p.orders_requested.map(orderGid),
        },
        p.data_request.id,
      );
      return "exported";
    }
    case "customers/redact": {
      const p = parsed.payload as WebhookPayload<"customers/redact">;
      await redactCustomer(deps, shopId, {
        email: p.customer.email,
        phone: p.customer.phone,
        orderIds: p.orders_to_redact.map(orderGid),
      });
      return "redacted";
    }
    case "shop/redact":
      // Shopify sends shop/redact 48 hours after an uninstall; a shop whose token still works has reinstalled.
      if ((await deps.gateway.installState(shopId)) === "installed")
        return refuse(deps, shopId, "shop/redact", event.eventId);
      await redactShop(deps, shopId);
      deps.gateway.forget(shopId);
      return "shop_redacted";
  }
}

/** An event that can never be processed (its body does not parse as its topic): retrying cannot help. */
export class PoisonEvent extends Error {
  constructor(
    readonly reason: string,
    readonly issues: readonly string[],
  ) {
    super(`unprocessable event: ${reason}`);
    this.name = "PoisonEvent";
  }
}

export function createShopifyWorker(deps: ShopifyWorkerDeps): SqsHandler {
  const one = async (record: SQSRecord) => {
    const parsed = parseQueueBody(ShopifyEventSchema, record.body);
    if (!parsed.ok) {
      // Not ours to retry: a message that is not an event would hold its shop's FIFO group forever.
      deps.logger.error("shopify event dropped", {
        messageId: record.messageId,
        reason: "not_an_event",
        issues: parsed.issues,
      });
      return;
    }
    const event = parsed.value;
    try {
      const outcome = await processShopifyEvent(deps, event);
      deps.logger.info("shopify event processed", { topic: event.topic, eventId: event.eventId, outcome });
    } catch (error) {
      if (error instanceof PoisonEvent) {
        // Dropped, not retried: a poison event must not block its shop's later events, nor sit in the DLQ ahead
        // of them. Issue paths and codes only, never values (payloads carry personal data).
        deps.logger.error("shopify event dropped", {
          topic: event.topic,
          eventId: event.eventId,
          reason: error.reason,
          issues: error.issues.slice(0, 10),
        });
        await deps.shopify.audit(event.shopId, {
          topic: event.topic,
          at: deps.clock.now().toISOString(),
          requestId: event.eventId,
          summary: { droppedUnprocessable: 1 },
        });
        return;
      }
      // Names and messages only: payloads carry personal data.
      deps.logger.error("shopify event failed", {
        topic: event.topic,
        eventId: event.eventId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : "error",
      });
      throw error;
    }
  };
  // FIFO per shop: a failed event holds back only its own shop's later events, and only while it can succeed.
  return (event, context) =>
    processPartialResponse(event, one, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
    });
}
