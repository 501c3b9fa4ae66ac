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

/** Every parameter but hmac/signature, sorted by key (stable for repeated keys). */
const signedEntries = (params: URLSearchParams, compare: (a: string, b: string) => number) =>
  [...params.entries()].filter(([k]) => k !== "hmac" && k !== "signature").sort(([a], [b]) => compare(a, b));

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The message as Shopify's documentation describes it: sorted parameters as raw `k=v`, joined by `&`. */
export function queryMessage(params: URLSearchParams): string {
  return signedEntries(params, byCodeUnit)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

/** The message as `@shopify/shopify-api` signs it: keys sorted as it sorts them (localeCompare), form-urlencoded. */
export function encodedQueryMessage(params: URLSearchParams): string {
  return new URLSearchParams(signedEntries(params, (a, b) => a.localeCompare(b))).toString();
}

export const queryHmac = (secret: string, params: URLSearchParams) =>
  createHmac("sha256", secret).update(queryMessage(params)).digest("hex");

const encodedQueryHmac = (secret: string, params: URLSearchParams) =>
  createHmac("sha256", secret).update(encodedQueryMessage(params)).digest("hex");

/**
 * A signed install or callback query, no more than `maxSkewSeconds` old or early. Shopify's documentation signs the
 * raw values and its official library the percent-encoded ones, so either is accepted; both are always computed
 * and compared in constant time, so the timing does not tell which form (if any) matched.
 */
export function verifyQuery(
  secret: string,
  params: URLSearchParams,
  nowSeconds: number,
  maxSkewSeconds = 90,
): boolean {
  const hmac = params.get("hmac");
  const timestamp = Number(params.get("timestamp"));
  if (!hmac || !Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > maxSkewSeconds) return false;
  const given = hmac.toLowerCase();
  const raw = safeEqual(queryHmac(secret, params), given);
  const encoded = safeEqual(encodedQueryHmac(secret, params), given);
  return raw || encoded;
}
