/** A TikTok Shop connection: the PUT /v1/connections/tiktok body, its shop cipher, and how ownership is proven. */
import { z } from "zod";
import type { MarketplaceConnection } from "../../domain/marketplace";
import { type ConnectionDraft, listedShop } from "../channel";
import { baseUrl, commonFields, secret } from "../shared/connection";
import type { ChannelHosts } from "../shared/hosts";

/** The shop's cipher, sent with every API call for that shop. */
export const TikTokVendorSchema = z.object({ shopCipher: z.string().min(1) });
export type TikTokVendor = z.infer<typeof TikTokVendorSchema>;
export type TikTokConnection = MarketplaceConnection<"tiktok", TikTokVendor>;

export const TikTokConnectionBody = z.object({
  shopId: z.string().min(1).max(60),
  shopCipher: z.string().min(1).max(200),
  appKey: z.string().min(1).max(60),
  appSecret: secret,
  accessToken: secret,
  refreshToken: secret,
  apiBaseUrl: baseUrl,
  authBaseUrl: baseUrl,
  ...commonFields,
});
export type TikTokConnectionBody = z.infer<typeof TikTokConnectionBody>;

/** The body as a connection. */
export const tiktokDraft =
  (hosts: ChannelHosts) =>
  (b: TikTokConnectionBody): ConnectionDraft<TikTokVendor> => ({
    fields: {
      marketplaceShopId: b.shopId,
      appId: b.appKey,
      vendor: { shopCipher: b.shopCipher },
      apiBaseUrl: b.apiBaseUrl ?? hosts.defaultApiBaseUrl(b.market ?? null),
      authBaseUrl: b.authBaseUrl ?? hosts.defaultAuthBaseUrl,
      market: b.market ?? null,
    },
    secrets: { signingKey: b.appSecret, accessToken: b.accessToken, refreshToken: b.refreshToken },
    accessTokenExpiresAt: b.accessTokenExpiresAt,
  });

/** The shop must be among the seller's authorized shops, with the cipher TikTok gives for it. */
export const tiktokOwnership = (
  connection: TikTokConnection,
  shops: Parameters<typeof listedShop<TikTokVendor>>[1],
) => listedShop(connection, shops, { shopCipher: "shop cipher" });
