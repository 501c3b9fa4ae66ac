/** A Shopee connection: the PUT /v1/connections/shopee body, its vendor fields, and how ownership is proven. */
import { z } from "zod";
import type { MarketplaceConnection } from "../../domain/marketplace";
import { type ConnectionDraft, listedShop } from "../channel";
import { baseUrl, commonFields, httpsUrl, secret } from "../shared/connection";
import type { ChannelHosts } from "../shared/hosts";

/** The push callback URL registered for the shop: part of every push signature. */
export const ShopeeVendorSchema = z.object({ callbackUrl: z.string().min(1) });
export type ShopeeVendor = z.infer<typeof ShopeeVendorSchema>;
export type ShopeeConnection = MarketplaceConnection<"shopee", ShopeeVendor>;

export const ShopeeConnectionBody = z.object({
  marketplaceShopId: z.string().min(1).max(40),
  partnerId: z.string().min(1).max(40),
  partnerKey: secret,
  accessToken: secret,
  refreshToken: secret,
  callbackUrl: httpsUrl,
  apiBaseUrl: baseUrl,
  ...commonFields,
});
export type ShopeeConnectionBody = z.infer<typeof ShopeeConnectionBody>;

/** The body as a connection: Shopee refreshes tokens on its API host, so one base serves both. */
export const shopeeDraft =
  (hosts: ChannelHosts) =>
  (b: ShopeeConnectionBody): ConnectionDraft<ShopeeVendor> => ({
    fields: {
      marketplaceShopId: b.marketplaceShopId,
      appId: b.partnerId,
      vendor: { callbackUrl: b.callbackUrl },
      apiBaseUrl: b.apiBaseUrl ?? hosts.defaultApiBaseUrl(b.market ?? null),
      authBaseUrl: b.apiBaseUrl ?? hosts.defaultAuthBaseUrl,
      market: b.market ?? null,
    },
    secrets: { signingKey: b.partnerKey, accessToken: b.accessToken, refreshToken: b.refreshToken },
    accessTokenExpiresAt: b.accessTokenExpiresAt,
  });

export const shopeeOwnership = listedShop<ShopeeVendor>;
