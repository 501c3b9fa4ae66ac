/** What the Lazada and TikTok pushes share: the app-key signature, and message content sent as a JSON string. */
import { z } from "zod";
import type { ConnectionSecrets, MarketplaceConnection } from "../../domain/marketplace";
import { safeEqual } from "../../adapters/shopify/hmac";
import { appKeyPushSign } from "./signing";

/** A marketplace id, which vendors send as a number or a string: always read as a string. */
export const idSchema = z.union([z.string(), z.number()]).transform(String);

/** `Authorization` = hex(HMAC-SHA256(app_secret, app_key + raw body)), compared in constant time. */
export function verifyAppKeyPush(
  connection: Pick<MarketplaceConnection, "appId">,
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

/** The marketplace shop a push names in its top-level `key` (read before verification, to find whose key checks it). */
export const shopIdAt =
  (key: string) =>
  (body: unknown): string | null => {
    const parsed = z.object({ [key]: idSchema }).safeParse(body);
    return parsed.success ? (parsed.data[key] as string) : null;
  };
