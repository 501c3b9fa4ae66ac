/** Plays Shopify's side of the signatures: signed install/callback queries and signed webhook deliveries. */
import { createHmac, randomUUID } from "node:crypto";
import { DEFAULT_SHOPIFY_API_VERSION } from "../../functions/config/env";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { queryHmac, webhookHmac } from "../../functions/adapters/shopify/hmac";

export function signedQuery(secret: string, params: Record<string, string>): string {
  const search = new URLSearchParams({ timestamp: String(Math.floor(Date.now() / 1000)), ...params });
  search.set("hmac", queryHmac(secret, search));
  return search.toString();
}

/**
 * Installs the app on `shop` as a merchant would, through the stack's own install and callback routes (the local
 * Shopify issuing the code), and returns the API key the callback issues once.
 */
export async function installShop(
  appUrl: string,
  secret: string,
  shop: string,
  issueCode: (shop: string) => string,
): Promise<string> {
  const install = await fetch(`${appUrl}/shopify/install?${signedQuery(secret, { shop })}`, {
    redirect: "manual",
  });
  const cookie = install.headers.get("set-cookie")?.split(";")[0] ?? "";
  const state = new URL(install.headers.get("location") ?? "").searchParams.get("state") ?? "";
  const callback = await fetch(
    `${appUrl}/shopify/callback?${signedQuery(secret, { shop, code: issueCode(shop), state })}`,
    { headers: { cookie } },
  );
  return ((await callback.json()) as { apiKey: string }).apiKey;
}

export interface Delivery {
  readonly topic: string;
  readonly shop: string;
  readonly body: string;
  readonly eventId?: string;
  readonly triggeredAt?: string;
}

export function webhookRequest(
  secret: string,
  delivery: Delivery,
): { headers: Record<string, string>; body: string } {
  return {
    body: delivery.body,
    headers: {
      "content-type": "application/json",
      "x-shopify-hmac-sha256": webhookHmac(secret, delivery.body),
      "x-shopify-topic": delivery.topic,
      "x-shopify-shop-domain": delivery.shop,
      "x-shopify-api-version": DEFAULT_SHOPIFY_API_VERSION,
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": delivery.eventId ?? randomUUID(),
      ...(delivery.triggeredAt ? { "x-shopify-triggered-at": delivery.triggeredAt } : {}),
    },
  };
}

/** A REST-shaped order payload as Shopify sends it, with an id beyond 2^53 written as a bare JSON number. */
export function orderPayload(o: {
  id: string;
  name: string;
  email: string;
  phone?: string;
  updatedAt: string;
  fulfillment?: { company: string; number: string; url: string };
}) {
  const fulfillments = o.fulfillment
    ? `[{"id": 5550000000000000001, "status": "success", "tracking_company": "${o.fulfillment.company}", "tracking_number": "${o.fulfillment.number}", "tracking_numbers": ["${o.fulfillment.number}"], "tracking_url": "${o.fulfillment.url}", "tracking_urls": ["${o.fulfillment.url}"]}]`
    : "[]";
  return `{"id": ${o.id}, "admin_graphql_api_id": "gid://shopify/Order/${o.id}", "name": "${o.name}", "email": "${o.email}", "phone": ${o.phone ? `"${o.phone}"` : "null"}, "created_at": "2026-11-19T10:00:00+07:00", "updated_at": "${o.updatedAt}", "cancelled_at": null, "financial_status": "paid", "fulfillment_status": ${o.fulfillment ? '"fulfilled"' : "null"}, "total_price": "1290.00", "currency": "THB", "customer": {"id": 7770000000000000001, "email": "${o.email}", "phone": null}, "shipping_address": {"country_code": "TH", "phone": null}, "line_items": [{"id": 8880000000000000001, "title": "Silk scarf", "quantity": 1}], "fulfillments": ${fulfillments}}`;
}

/**
 * An install/callback query signed the way `@shopify/shopify-api` signs one: keys sorted with localeCompare and the
 * message form-urlencoded (its ProcessedQuery), where Shopify's documentation signs the raw values.
 */
export function librarySignedQuery(secret: string, params: Record<string, string>): string {
  const search = new URLSearchParams({ timestamp: String(Math.floor(Date.now() / 1000)), ...params });
  const message = new URLSearchParams(
    [...search.entries()].sort(([a], [b]) => a.localeCompare(b)),
  ).toString();
  search.set("hmac", createHmac("sha256", secret).update(message).digest("hex"));
  return search.toString();
}

/** Shopify's official library, configured with the app secret, as the referee of what Shopify signs. */
export function officialShopify(secret: string) {
  return shopifyApi({
    apiKey: "test-app",
    apiSecretKey: secret,
    hostName: "127.0.0.1",
    apiVersion: ApiVersion.October25,
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error },
  });
}

/** True when Shopify's library accepts these webhook headers and body (HMAC and required headers). */
export async function officiallyValidWebhook(
  secret: string,
  headers: Record<string, string>,
  body: string,
): Promise<boolean> {
  const result = await officialShopify(secret).webhooks.validate({
    rawBody: body,
    rawRequest: { headers, method: "POST", url: "/webhooks/shopify" } as never,
    rawResponse: {} as never,
  });
  return result.valid;
}
