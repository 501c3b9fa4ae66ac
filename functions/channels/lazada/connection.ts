/** A Lazada connection: the PUT /v1/connections/lazada body (Lazada needs no vendor fields), and its ownership check. */
import { z } from "zod";
import type { MarketplaceConnection } from "../../domain/marketplace";
import { type ConnectionDraft, listedShop } from "../channel";
import { baseUrl, commonFields, secret } from "../shared/connection";
import type { ChannelHosts } from "../shared/hosts";

export const LazadaVendorSchema = z.object({});
export type LazadaVendor = z.infer<typeof LazadaVendorSchema>;
export type LazadaConnection = MarketplaceConnection<"lazada", LazadaVendor>;

export const LazadaConnectionBody = z.object({
  sellerId: z.string().min(1).max(40),
  appKey: z.string().min(1).max(40),
  appSecret: secret,
  accessToken: secret,
  refreshToken: secret,
  apiBaseUrl: baseUrl,
  authBaseUrl: baseUrl,
  ...commonFields,
});
export type LazadaConnectionBody = z.infer<typeof LazadaConnectionBody>;

/** The body as a connection: the API host defaults to the market's country. */
export const lazadaDraft =
  (hosts: ChannelHosts) =>
  (b: LazadaConnectionBody): ConnectionDraft<LazadaVendor> => ({
    fields: {
      marketplaceShopId: b.sellerId,
      appId: b.appKey,
      vendor: {},
      apiBaseUrl: b.apiBaseUrl ?? hosts.defaultApiBaseUrl(b.market ?? null),
      authBaseUrl: b.authBaseUrl ?? hosts.defaultAuthBaseUrl,
      market: b.market ?? null,
    },
    secrets: { signingKey: b.appSecret, accessToken: b.accessToken, refreshToken: b.refreshToken },
    accessTokenExpiresAt: b.accessTokenExpiresAt,
  });

export const lazadaOwnership = listedShop<LazadaVendor>;
