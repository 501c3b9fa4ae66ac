/**
 * What WhatsApp and Messenger share (docs/protocols.md#meta): Meta's Graph API host and version, the
 * `X-Hub-Signature-256` webhook signature, the verify token's routing alias, and the Graph API's error answers.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { safeEqual } from "../../adapters/shopify/hmac";
import type { ConnectionSecrets } from "../../domain/marketplace";
import type { ChannelHosts } from "./hosts";
import { exchangeJson, MarketplaceApiError } from "./http";
import { hmacHex } from "./signing";

/** The Graph API version our calls name (Meta keeps each version for about two years). */
export const GRAPH_VERSION = "v25.0";

/** Meta's one API host serves both channels; there is no token refresh host (system-user tokens do not expire). */
export const metaHosts: ChannelHosts = {
  apiHosts: ["graph.facebook.com"],
  authHosts: ["graph.facebook.com"],
  defaultApiBaseUrl: () => "https://graph.facebook.com",
  defaultAuthBaseUrl: "https://graph.facebook.com",
};

/** `X-Hub-Signature-256`: "sha256=" + hex(HMAC-SHA256(app secret, raw body)). */
export const hubSignature = (appSecret: string, rawBody: Uint8Array | string) =>
  `sha256=${hmacHex(appSecret, rawBody)}`;

/** Checks `X-Hub-Signature-256` over the exact bytes received, in constant time. */
export function verifyHubSignature(
  secrets: ConnectionSecrets,
  raw: Uint8Array,
  header: (name: string) => string | undefined,
): boolean {
  const signature = header("x-hub-signature-256");
  return !!signature && safeEqual(hubSignature(secrets.signingKey, raw), signature.trim().toLowerCase());
}

/** The routing alias of a verify token: only its hash is stored, so the table never holds the token itself. */
export const verifyTokenAlias = (verifyToken: string) =>
  `verify:${createHash("sha256").update(verifyToken).digest("hex")}`;

/** Tokens the seller gives for Meta and LINE do not expire unless revoked: stored as valid until far ahead. */
export const NON_EXPIRING = "9999-12-31T23:59:59.000Z";

/** Graph API error codes worth retrying: transient (1, 2, 131000) and rate limits (4, 32, 613, 80007, 130429). */
const RETRYABLE_CODES = new Set([1, 2, 4, 32, 613, 80007, 130429, 131000]);
const GraphError = z.object({ error: z.object({ code: z.number().optional() }).passthrough() });

/** A Graph API call with the bearer token; an error answer becomes a MarketplaceApiError saying if a retry helps. */
export async function graphCall(url: string, token: string, body?: unknown): Promise<unknown> {
  const answer = await exchangeJson(url, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (answer.ok) return answer.body;
  const code = GraphError.safeParse(answer.body).data?.error.code;
  throw new MarketplaceApiError(
    `graph HTTP ${answer.status}${code === undefined ? "" : ` code ${code}`}`,
    answer.status === 429 || answer.status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code)),
  );
}
