/** Shopee Open Platform v2 signatures (docs/protocols.md#shopee), each a pure function with the documented inputs. */
import { hmacHex } from "../shared/signing";

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
