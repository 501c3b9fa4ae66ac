/** What the Lazada and TikTok pushes share: the app-key signature, and message content sent as a JSON string. */
import type { ConnectionSecrets, MarketplaceConnection } from "../../domain/marketplace";
import { safeEqual } from "../shopify/hmac";
import { appKeyPushSign } from "./signing";

/** `Authorization` = hex(HMAC-SHA256(app_secret, app_key + raw body)), compared in constant time. */
export function verifyAppKeyPush(
  connection: MarketplaceConnection,
  secrets: ConnectionSecrets,
  raw: Uint8Array,
  header: (name: string) => string | undefined,
) {
  const signature = header("authorization");
  return (
    !!signature &&
    safeEqual(appKeyPushSign(secrets.signingKey, connection.appId, raw), signature.trim().toLowerCase())
  );
}

/** A message's content field, itself JSON in a string; anything else reads as empty. */
export function jsonContent(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
