/** Lazada Open Platform signatures (docs/protocols.md#lazada), pure functions with the documented inputs. */
import { hmacHex } from "../shared/signing";

export { appKeyPushSign as lazadaPushSign } from "../shared/signing";

/** Lazada API: UPPER(hex(HMAC-SHA256(app_secret, api_path + sorted k1v1k2v2…))), `sign` excluded. */
export function lazadaSign(appSecret: string, path: string, params: Readonly<Record<string, string>>) {
  const sorted = Object.keys(params)
    .filter((k) => k !== "sign")
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join("");
  return hmacHex(appSecret, `${path}${sorted}`).toUpperCase();
}
