/** Shopify's signatures: webhooks (base64 HMAC of the raw body) and install/callback queries (hex HMAC of sorted params). */
import { createHmac, timingSafeEqual } from "node:crypto";

const SHOP_DOMAIN = /^[a-zA-Z0-9][a-zA-Z0-9-_]*\.myshopify\.com$/;

export const isShopDomain = (shop: string | undefined): shop is string =>
  typeof shop === "string" && SHOP_DOMAIN.test(shop);

/** Constant-time comparison of two strings of any length (a length mismatch is compared against itself). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export const webhookHmac = (secret: string, rawBody: Uint8Array | string) =>
  createHmac("sha256", secret).update(rawBody).digest("base64");

/** X-Shopify-Hmac-Sha256 over the exact bytes received; checked before anything is parsed. */
export function verifyWebhook(secret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  return safeEqual(webhookHmac(secret, rawBody), header.trim());
}

/** The message Shopify signs on install and callback: every parameter but hmac/signature, sorted, as k=v joined by &. */
export function queryMessage(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([k]) => k !== "hmac" && k !== "signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export const queryHmac = (secret: string, params: URLSearchParams) =>
  createHmac("sha256", secret).update(queryMessage(params)).digest("hex");

/** A signed install or callback query, no more than `maxSkewSeconds` old or early. */
export function verifyQuery(
  secret: string,
  params: URLSearchParams,
  nowSeconds: number,
  maxSkewSeconds = 90,
): boolean {
  const hmac = params.get("hmac");
  const timestamp = Number(params.get("timestamp"));
  if (!hmac || !Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > maxSkewSeconds) return false;
  return safeEqual(queryHmac(secret, params), hmac.toLowerCase());
}
