/** TikTok Shop signatures (docs/protocols.md#tiktok), pure functions with the documented inputs. */
import { hmacHex } from "../shared/signing";

export { appKeyPushSign as tiktokPushSign } from "../shared/signing";

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
