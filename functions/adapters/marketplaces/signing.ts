/** The marketplaces' signature algorithms (docs/protocols.md), each a pure function with the documented inputs. */
import { createHmac } from "node:crypto";

const hmacHex = (key: string, message: string | Uint8Array) =>
  createHmac("sha256", key).update(message).digest("hex");

/** Shopee API: hex(HMAC-SHA256(partner_key, partner_id + api_path + timestamp [+ access_token + shop_id])). */
export const shopeeSign = (
  partnerKey: string,
  parts: { partnerId: string; path: string; timestamp: number; accessToken?: string; shopId?: string },
) =>
  hmacHex(
    partnerKey,
    `${parts.partnerId}${parts.path}${parts.timestamp}${parts.accessToken ?? ""}${parts.shopId ?? ""}`,
  );

/** Shopee push: hex(HMAC-SHA256(partner_key, callback_url + "|" + raw_body)). */
export const shopeePushSign = (partnerKey: string, callbackUrl: string, rawBody: Uint8Array | string) =>
  hmacHex(partnerKey, Buffer.concat([Buffer.from(`${callbackUrl}|`), Buffer.from(rawBody)]));

/** Lazada API: UPPER(hex(HMAC-SHA256(app_secret, api_path + sorted k1v1k2v2…))), `sign` excluded. */
export function lazadaSign(appSecret: string, path: string, params: Readonly<Record<string, string>>) {
  const sorted = Object.keys(params)
    .filter((k) => k !== "sign")
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join("");
  return hmacHex(appSecret, `${path}${sorted}`).toUpperCase();
}

/** Lazada and TikTok pushes: hex(HMAC-SHA256(app_secret, app_key + raw_body)). */
export const appKeyPushSign = (appSecret: string, appKey: string, rawBody: Uint8Array | string) =>
  hmacHex(appSecret, Buffer.concat([Buffer.from(appKey), Buffer.from(rawBody)]));

/** TikTok Shop API: hex(HMAC-SHA256(secret, secret + path + sorted k+v (no sign, access_token) + body + secret)). */
export function tiktokSign(
  appSecret: string,
  path: string,
  params: Readonly<Record<string, string>>,
  body: string,
) {
  const sorted = Object.keys(params)
    .filter((k) => k !== "sign" && k !== "access_token")
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join("");
  return hmacHex(appSecret, `${appSecret}${path}${sorted}${body}${appSecret}`);
}
