/** LINE's webhook signature (docs/protocols.md#line), a pure function with the documented inputs. */
import { createHmac } from "node:crypto";

/** `X-Line-Signature` = base64(HMAC-SHA256(channel secret, raw body)). */
export const lineSignature = (channelSecret: string, rawBody: Uint8Array | string) =>
  createHmac("sha256", channelSecret).update(rawBody).digest("base64");
