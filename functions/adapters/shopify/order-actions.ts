/**
 * Actions on Shopify orders through the Admin GraphQL API (SHOPIFY_API_VERSION, 2026-10): the order is re-read and
 * checked right before each mutation, so an order fulfilled or cancelled since the proposal is refused honestly.
 * `orderCancel` (refundMethod, restock, reason CUSTOMER), `orderUpdate` (shippingAddress), `returnRequest` (every
 * fulfilled line item), and tracking read fresh for a resend. Shopify's userErrors become a failure with its code.
 */
import { z } from "zod";
import type { Action, ExecutionResult, Ineligibility, OrderActions } from "../../domain/actions";
import type { ShopId } from "../../domain/ids";
import type { Logger } from "../../domain/ports";
import { ShopifyApiError } from "./admin-client";
import type { ShopifyGateway } from "./gateway";

/** What the check before acting needs: state, fulfilments (delivered or not, their line items), open returns. */
const READ = `query SupportActionOrder($id: ID!) { order(id: $id) {
  id name cancelledAt displayFinancialStatus displayFulfillmentStatus returnStatus
  fulfillments(first: 10) { status displayStatus trackingInfo(first: 5) { company number url }
    fulfillmentLineItems(first: 50) { nodes { id quantity } } }
} }`;

const CANCEL = `mutation SupportOrderCancel($orderId: ID!, $refundMethod: OrderCancelRefundMethodInput!, $restock: Boolean!, $reason: OrderCancelReason!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, refundMethod: $refundMethod, restock: $restock, reason: $reason, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

const UPDATE_ADDRESS = `mutation SupportOrderAddress($input: OrderInput!) {
  orderUpdate(input: $input) { order { id } userErrors { field message } }
}`;

const RETURN_REQUEST = `mutation SupportReturnRequest($input: ReturnRequestInput!) {
  returnRequest(input: $input) { return { id status } userErrors { field message code } }
}`;

const nullable = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

const ReadResult = z.object({
  order: z
    .object({
      id: z.string(),
      cancelledAt: nullable,
      displayFinancialStatus: nullable,
      displayFulfillmentStatus: z.string(),
      returnStatus: nullable,
      fulfillments: z.array(
        z.object({
          status: nullable,
          displayStatus: nullable,
          trackingInfo: z.array(z.object({ company: nullable, number: nullable, url: nullable })),
          fulfillmentLineItems: z
            .object({ nodes: z.array(z.object({ id: z.string(), quantity: z.number() })) })
            .nullish(),
        }),
      ),
    })
    .nullable(),
});
type ReadOrder = NonNullable<z.infer<typeof ReadResult>["order"]>;

const UserErrors = z
  .array(z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string().nullish() }))
  .default([]);
const CancelResult = z.object({
  orderCancel: z.object({ job: z.object({ id: z.string() }).nullish(), orderCancelUserErrors: UserErrors }),
});
const UpdateResult = z.object({ orderUpdate: z.object({ userErrors: UserErrors }) });
const ReturnResult = z.object({ returnRequest: z.object({ userErrors: UserErrors }) });

const OPEN_RETURNS = new Set(["RETURN_REQUESTED", "IN_PROGRESS", "RETURNED"]);

/** Whether the order, as Shopify has it now, still qualifies for the action. */
export function stillQualifies(action: Action, order: ReadOrder): Ineligibility | null {
  if (order.cancelledAt) return "cancelled";
  if ((order.displayFinancialStatus ?? "").toUpperCase() === "REFUNDED") return "refunded";
  const unfulfilled = order.displayFulfillmentStatus.toUpperCase() === "UNFULFILLED";
  const live = order.fulfillments.filter((f) => (f.status ?? "").toUpperCase() !== "CANCELLED");
  switch (action.type) {
    case "cancel_order":
    case "change_address":
      return unfulfilled ? null : "fulfilled";
    case "return_request":
      if (OPEN_RETURNS.has((order.returnStatus ?? "").toUpperCase())) return "return_open";
      return live.some((f) => (f.displayStatus ?? "").toUpperCase() === "DELIVERED") ? null : "not_delivered";
    case "resend_tracking":
      return live.some((f) => f.trackingInfo.some((t) => t.number)) ? null : "no_tracking";
  }
}

const failed = (code: string, message: string): ExecutionResult => ({ kind: "failed", code, message });

/** The first userError as a failure; null when there is none. */
function refusal(errors: z.infer<typeof UserErrors>): ExecutionResult | null {
  const first = errors[0];
  if (!first) return null;
  return failed(`shopify_${(first.code ?? "user_error").toLowerCase()}`, first.message);
}

export function createShopifyOrderActions(deps: { gateway: ShopifyGateway; logger: Logger }): OrderActions {
  return {
    async execute(shopId: ShopId, action: Action): Promise<ExecutionResult> {
      try {
        const admin = await deps.gateway.adminFor(shopId);
        if (!admin) return failed("shopify_not_connected", "The shop's Shopify app is not installed.");
        const read = ReadResult.parse(await admin.query(READ, { id: action.order.id }));
        if (!read.order) return { kind: "refused", reason: "not_found" };
        const refused = stillQualifies(action, read.order);
        if (refused) return { kind: "refused", reason: refused };
        switch (action.type) {
          case "cancel_order": {
            const refundMethod =
              action.effect.refundMethod === "store_credit"
                ? { storeCreditRefund: {} }
                : { originalPaymentMethodsRefund: true };
            const result = CancelResult.parse(
              await admin.query(CANCEL, {
                orderId: action.order.id,
                refundMethod,
                restock: action.effect.restock ?? true,
                reason: "CUSTOMER",
                notifyCustomer: true,
                staffNote: `Cancelled at the shopper's request in chat (action ${action.id}).`,
              }),
            );
            return refusal(result.orderCancel.orderCancelUserErrors) ?? { kind: "done" };
          }
          case "change_address": {
            // Never a partial or guessed address: text the shopper wrote is for a person, not for Shopify.
            const address = action.effect.address;
            if (!address) return failed("address_fields_missing", "The new address has no fields to write.");
            const result = UpdateResult.parse(
              await admin.query(UPDATE_ADDRESS, { input: { id: action.order.id, shippingAddress: address } }),
            );
            return refusal(result.orderUpdate.userErrors) ?? { kind: "done" };
          }
          case "return_request": {
            const returnLineItems = read.order.fulfillments.flatMap((f) =>
              (f.fulfillmentLineItems?.nodes ?? []).map((item) => ({
                fulfillmentLineItemId: item.id,
                quantity: item.quantity,
                customerNote: "Requested by the shopper in chat.",
              })),
            );
            if (returnLineItems.length === 0) return { kind: "refused", reason: "not_delivered" };
            const result = ReturnResult.parse(
              await admin.query(RETURN_REQUEST, { input: { orderId: action.order.id, returnLineItems } }),
            );
            return refusal(result.returnRequest.userErrors) ?? { kind: "done" };
          }
          case "resend_tracking":
            return { kind: "done", tracking: read.order.fulfillments.flatMap((f) => f.trackingInfo) };
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.warn("shopify action failed", { action: action.id, type: action.type, error: message });
        return failed(error instanceof ShopifyApiError ? "shopify_unavailable" : "shopify_error", message);
      }
    },
  };
}
