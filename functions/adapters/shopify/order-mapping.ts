/** Shopify orders, from webhook payloads (REST shape) or the Admin GraphQL API, mapped to our order snapshot. */
import { z } from "zod";
import type { OrderSnapshot, TrackingInfo } from "../../domain/order";
import { shopperLookupKeys } from "../../domain/privacy";

const id = z.union([z.string(), z.number()]).transform(String);
const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** ISO 4217 codes as the runtime's ICU knows them: what Intl.NumberFormat can render without throwing. */
const ISO_4217: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));
/** A currency code checked on the way in, so a bad one never reaches a page that formats money. */
export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => ISO_4217.has(code), "must be an ISO 4217 currency code");

const RestFulfillment = z.object({
  status: nullableString,
  shipment_status: nullableString,
  tracking_company: nullableString,
  tracking_number: nullableString,
  tracking_numbers: z.array(z.string()).nullish(),
  tracking_url: nullableString,
  tracking_urls: z.array(z.string()).nullish(),
});

export const RestOrderSchema = z.object({
  id,
  admin_graphql_api_id: z.string().optional(),
  name: z.string().min(1).max(100),
  email: nullableString,
  phone: nullableString,
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: nullableString,
  financial_status: nullableString,
  fulfillment_status: nullableString,
  total_price: z.union([z.string(), z.number()]).transform(String),
  currency: CurrencyCode,
  customer: z.object({ id: id.optional(), email: nullableString, phone: nullableString }).nullish(),
  shipping_address: z.object({ country_code: nullableString, phone: nullableString }).nullish(),
  line_items: z.array(z.object({ title: z.string(), quantity: z.number() })).default([]),
  fulfillments: z.array(RestFulfillment).default([]),
});
export type RestOrder = z.infer<typeof RestOrderSchema>;

export const RestFulfillmentEventSchema = RestFulfillment.extend({
  order_id: id,
  updated_at: z.string().optional(),
});
export const RestRefundEventSchema = z.object({ order_id: id, created_at: z.string().optional() });

export const orderGid = (orderId: string) =>
  orderId.startsWith("gid://") ? orderId : `gid://shopify/Order/${orderId}`;

const restTracking = (f: z.infer<typeof RestFulfillment>): TrackingInfo[] => {
  const numbers = f.tracking_numbers?.length
    ? f.tracking_numbers
    : f.tracking_number
      ? [f.tracking_number]
      : [];
  if (numbers.length === 0) return [{ company: f.tracking_company, number: null, url: f.tracking_url }];
  return numbers.map((number, i) => ({
    company: f.tracking_company,
    number,
    url: f.tracking_urls?.[i] ?? f.tracking_url,
  }));
};

/** REST financial/fulfilment states use lower case ("paid", "fulfilled", null); ours use GraphQL's upper case. */
export function fromRestOrder(order: RestOrder): OrderSnapshot {
  const fulfillment =
    order.fulfillment_status === "partial"
      ? "PARTIALLY_FULFILLED"
      : (order.fulfillment_status ?? "unfulfilled").toUpperCase();
  return {
    id: order.admin_graphql_api_id ?? orderGid(order.id),
    name: order.name,
    email: (order.email ?? order.customer?.email ?? null)?.toLowerCase() ?? null,
    phone: order.phone ?? order.customer?.phone ?? order.shipping_address?.phone ?? null,
    createdAt: new Date(order.created_at).toISOString(),
    cancelledAt: order.cancelled_at ? new Date(order.cancelled_at).toISOString() : null,
    financialStatus: (order.financial_status ?? "pending").toUpperCase(),
    fulfillmentStatus: fulfillment,
    total: { amount: order.total_price, currency: order.currency },
    tracking: order.fulfillments.flatMap(restTracking),
    lineItems: order.line_items.map((l) => ({ title: l.title, quantity: l.quantity })),
    shippingCountry: order.shipping_address?.country_code ?? null,
    updatedAt: new Date(order.updated_at).toISOString(),
  };
}

/** The fields we read through GraphQL (docs/protocols.md). */
export const ORDER_FIELDS = `
  id name email phone createdAt updatedAt cancelledAt
  displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { shopMoney { amount currencyCode } }
  shippingAddress { countryCodeV2 phone }
  lineItems(first: 20) { nodes { title quantity } }
  fulfillments(first: 10) { status trackingInfo(first: 5) { company number url } }
`;

export const GraphQlOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: nullableString,
  phone: nullableString,
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: nullableString,
  displayFinancialStatus: nullableString,
  displayFulfillmentStatus: z.string(),
  totalPriceSet: z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: CurrencyCode }) }),
  shippingAddress: z.object({ countryCodeV2: nullableString, phone: nullableString }).nullish(),
  lineItems: z.object({ nodes: z.array(z.object({ title: z.string(), quantity: z.number() })) }),
  fulfillments: z.array(
    z.object({
      status: nullableString,
      trackingInfo: z.array(
        z.object({ company: nullableString, number: nullableString, url: nullableString }),
      ),
    }),
  ),
});

export function fromGraphQlOrder(order: z.infer<typeof GraphQlOrderSchema>): OrderSnapshot {
  const tracking = order.fulfillments.flatMap((f) => f.trackingInfo);
  return {
    id: order.id,
    name: order.name,
    email: order.email?.toLowerCase() ?? null,
    phone: order.phone ?? order.shippingAddress?.phone ?? null,
    createdAt: order.createdAt,
    cancelledAt: order.cancelledAt,
    financialStatus: order.displayFinancialStatus ?? "PENDING",
    fulfillmentStatus: order.displayFulfillmentStatus,
    total: {
      amount: order.totalPriceSet.shopMoney.amount,
      currency: order.totalPriceSet.shopMoney.currencyCode,
    },
    tracking,
    lineItems: order.lineItems.nodes,
    shippingCountry: order.shippingAddress?.countryCodeV2 ?? null,
    updatedAt: order.updatedAt,
  };
}

/** The shopper lookup keys an order is indexed under. */
export function lookupKeysOf(order: OrderSnapshot): string[] {
  return shopperLookupKeys(order);
}
