/** The Shopify webhook topics we use, and their subscription registration through the Admin GraphQL API. */
import { z } from "zod";
import type { ShopifyAdmin } from "./admin-client";

/** Topics registered per shop at install (privacy topics are declared in the app's configuration instead). */
export const ORDER_TOPICS = {
  "orders/create": "ORDERS_CREATE",
  "orders/updated": "ORDERS_UPDATED",
  "orders/cancelled": "ORDERS_CANCELLED",
  "orders/fulfilled": "ORDERS_FULFILLED",
  "fulfillments/create": "FULFILLMENTS_CREATE",
  "fulfillments/update": "FULFILLMENTS_UPDATE",
  "refunds/create": "REFUNDS_CREATE",
  "app/uninstalled": "APP_UNINSTALLED",
} as const;

/** The catalog's topics, registered with the order topics: they keep store knowledge's products current. */
export const PRODUCT_TOPICS = {
  "products/create": "PRODUCTS_CREATE",
  "products/update": "PRODUCTS_UPDATE",
  "products/delete": "PRODUCTS_DELETE",
} as const;

/** Shopify's mandatory privacy topics: sent to the app's configured compliance URL, to the same endpoint. */
export const PRIVACY_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;

export const TOPICS = [
  ...Object.keys(ORDER_TOPICS),
  ...Object.keys(PRODUCT_TOPICS),
  ...PRIVACY_TOPICS,
] as readonly string[];
export type Topic = keyof typeof ORDER_TOPICS | keyof typeof PRODUCT_TOPICS | (typeof PRIVACY_TOPICS)[number];
export const isTopic = (value: string): value is Topic => TOPICS.includes(value);

const CREATE = `mutation SupportWebhook($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id }
    userErrors { field message }
  }
}`;

const Result = z.object({
  webhookSubscriptionCreate: z.object({
    webhookSubscription: z.object({ id: z.string() }).nullable(),
    userErrors: z.array(z.object({ message: z.string() })),
  }),
});

/** Subscribes the shop to every order and product topic; an "already taken" error means it is subscribed already. */
export async function registerWebhooks(admin: ShopifyAdmin, uri: string): Promise<string[]> {
  const ids: string[] = [];
  for (const topic of [...Object.values(ORDER_TOPICS), ...Object.values(PRODUCT_TOPICS)]) {
    const result = Result.parse(await admin.query(CREATE, { topic, uri })).webhookSubscriptionCreate;
    const errors = result.userErrors.filter((e) => !/already been taken/i.test(e.message));
    if (errors.length > 0)
      throw new Error(
        `Shopify refused the ${topic} subscription: ${errors.map((e) => e.message).join("; ")}`,
      );
    if (result.webhookSubscription) ids.push(result.webhookSubscription.id);
  }
  return ids;
}
