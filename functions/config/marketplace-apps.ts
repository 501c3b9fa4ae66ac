/**
 * The operator's marketplace apps, from the environment (EnvSchema): Shopee's partner id and key, Lazada's and
 * TikTok Shop's app key and secret (and TikTok's service id). On AWS they are Lambda environment variables set at
 * deployment, like SHOPIFY_API_KEY; a channel without its pair offers no shop authorization.
 */
import type { MarketplaceApps } from "../channels/shared/authorization";
import { isMarketplace, type Marketplace } from "../domain/marketplace";
import type { Env } from "./env";

/** Each channel's app, where both its id and its secret are set. */
export function marketplaceApps(env: Env): MarketplaceApps {
  const pair = (appId: string | undefined, secret: string | undefined, serviceId?: string) =>
    appId && secret ? { appId, secret, ...(serviceId ? { serviceId } : {}) } : undefined;
  return {
    shopee: pair(env.SHOPEE_PARTNER_ID, env.SHOPEE_PARTNER_KEY),
    lazada: pair(env.LAZADA_APP_KEY, env.LAZADA_APP_SECRET),
    tiktok: pair(env.TIKTOK_APP_KEY, env.TIKTOK_APP_SECRET, env.TIKTOK_SERVICE_ID),
  };
}

/** The base URL that replaces a channel's production hosts in the authorization flow (a sandbox or a local fake). */
export function marketplaceBaseUrls(env: Env): { readonly [N in Marketplace]?: string } {
  return Object.fromEntries(
    Object.entries(env.MARKETPLACE_BASE_URLS ?? {})
      .filter(([name]) => isMarketplace(name))
      .map(([name, url]) => [name, url.replace(/\/$/, "")]),
  );
}
