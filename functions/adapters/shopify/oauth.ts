/** Shopify's authorization code grant for a non-embedded app: the authorize URL, and the code exchanged for an offline token. */
import { z } from "zod";

export function authorizeUrl(input: {
  shop: string;
  apiKey: string;
  scopes: string;
  redirectUri: string;
  state: string;
  origin?: string;
}): string {
  const url = new URL(`${input.origin ?? `https://${input.shop}`}/admin/oauth/authorize`);
  url.searchParams.set("client_id", input.apiKey);
  url.searchParams.set("scope", input.scopes);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  return url.toString();
}

const TokenResponse = z.object({ access_token: z.string().min(1), scope: z.string().default("") });

export async function exchangeCode(input: {
  shop: string;
  apiKey: string;
  apiSecret: string;
  code: string;
  origin?: string;
}) {
  const response = await fetch(`${input.origin ?? `https://${input.shop}`}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: input.apiKey, client_secret: input.apiSecret, code: input.code }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Shopify refused the authorization code (${response.status})`);
  return TokenResponse.parse(await response.json());
}
