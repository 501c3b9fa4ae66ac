/**
 * What each webhook topic's body must look like. The HMAC covers the body only, so the topic and shop headers are
 * trusted only as far as the signed body agrees with them: a body that names its shop must name the header's shop,
 * and a body must have its claimed topic's shape (a captured body replayed under another topic is refused).
 */
import { z } from "zod";
import { parseShopifyJson } from "./json";
import { RestProductDeleteSchema, RestProductSchema } from "./catalog";
import { RestFulfillmentEventSchema, RestOrderSchema, RestRefundEventSchema } from "./order-mapping";
import { isTopic, type Topic } from "./webhook-topics";

const id = z.union([z.string().min(1), z.number()]).transform(String);
const ids = z.array(id);
const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** Shopify's compliance payloads: the shop they concern is in the signed body. */
const ShopScoped = z.object({ shop_id: id, shop_domain: z.string() });
const PrivacyCustomer = z.object({ id: id.optional(), email: nullableString, phone: nullableString });

/** Keys that only the customer topics carry: their presence marks a customer payload replayed as shop/redact. */
const CUSTOMER_TOPIC_KEYS = ["customer", "orders_to_redact", "orders_requested", "data_request"] as const;

export const WEBHOOK_SCHEMAS = {
  "orders/create": RestOrderSchema,
  "orders/updated": RestOrderSchema,
  "orders/cancelled": RestOrderSchema,
  "orders/fulfilled": RestOrderSchema,
  "fulfillments/create": RestFulfillmentEventSchema,
  "fulfillments/update": RestFulfillmentEventSchema,
  "refunds/create": RestRefundEventSchema,
  "products/create": RestProductSchema,
  "products/update": RestProductSchema,
  "products/delete": RestProductDeleteSchema,
  // The Shop resource: `domain` may be a custom domain, `myshopify_domain` is the shop's identity.
  "app/uninstalled": z.object({ id, myshopify_domain: z.string() }),
  "customers/data_request": ShopScoped.extend({
    customer: PrivacyCustomer,
    orders_requested: ids,
    data_request: z.object({ id }),
  }),
  "customers/redact": ShopScoped.extend({ customer: PrivacyCustomer, orders_to_redact: ids }),
  "shop/redact": ShopScoped.passthrough().refine(
    (body) => CUSTOMER_TOPIC_KEYS.every((key) => !(key in body)),
    "a shop/redact body names no customer",
  ),
} as const satisfies Record<Topic, z.ZodType>;

export type WebhookPayload<T extends Topic> = z.output<(typeof WEBHOOK_SCHEMAS)[T]>;

/** A body checked against its topic and shop, or why it was refused (issue paths and codes only: no values). */
export type WebhookParse =
  | { readonly ok: true; readonly topic: Topic; readonly payload: unknown }
  | {
      readonly ok: false;
      readonly reason: "unknown_topic" | "not_json" | "shape_mismatch" | "shop_mismatch";
      readonly issues?: readonly string[];
    };

/** The shop a topic's body names, where it names one (order and fulfilment bodies do not). */
function shopNamedBy(topic: Topic, payload: unknown): string | null {
  if (topic === "app/uninstalled") return (payload as WebhookPayload<"app/uninstalled">).myshopify_domain;
  if (topic === "customers/data_request" || topic === "customers/redact" || topic === "shop/redact")
    return (payload as { shop_domain: string }).shop_domain;
  return null;
}

/** Parses a verified body as the topic claims, and checks the shop it names against the header's shop. */
export function parseWebhook(topic: string, shop: string, rawBody: string): WebhookParse {
  if (!isTopic(topic)) return { ok: false, reason: "unknown_topic" };
  let json: unknown;
  try {
    json = parseShopifyJson(rawBody);
  } catch {
    return { ok: false, reason: "not_json" };
  }
  const parsed = WEBHOOK_SCHEMAS[topic].safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      reason: "shape_mismatch",
      issues: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.code}`),
    };
  const named = shopNamedBy(topic, parsed.data);
  if (named !== null && named !== shop) return { ok: false, reason: "shop_mismatch" };
  return { ok: true, topic, payload: parsed.data };
}
