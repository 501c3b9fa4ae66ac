/** Signature pieces more than one channel uses (docs/protocols.md), each a pure function with the documented inputs. */
import { createHmac } from "node:crypto";

/** hex(HMAC-SHA256(key, message)). */
export const hmacHex = (key: string, message: string | Uint8Array) =>
  createHmac("sha256", key).update(message).digest("hex");

/** Lazada and TikTok pushes: hex(HMAC-SHA256(app_secret, app_key + raw_body)). */
export const appKeyPushSign = (appSecret: string, appKey: string, rawBody: Uint8Array | string) =>
  hmacHex(appSecret, Buffer.concat([Buffer.from(appKey), Buffer.from(rawBody)]));
