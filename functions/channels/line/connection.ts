/** A LINE connection: the PUT /v1/connections/line/{botUserId} body and its ownership check. */
import { z } from "zod";
import type { MarketplaceConnection } from "../../domain/marketplace";
import { type ConnectionDraft, listedShop } from "../channel";
import { baseUrl, commonFields, secret } from "../shared/connection";
import type { ChannelHosts } from "../shared/hosts";
import { NON_EXPIRING } from "../shared/meta";

export const LineVendorSchema = z.object({});
export type LineVendor = z.infer<typeof LineVendorSchema>;
export type LineConnection = MarketplaceConnection<"line", LineVendor>;

export const LineConnectionBody = z.object({
  /** The channel's bot user id: the webhook's `destination` (GET /v2/bot/info answers it as `userId`). */
  botUserId: z.string().regex(/^U[0-9a-f]{32}$/, "the bot's user id, U followed by 32 hex digits"),
  channelSecret: secret,
  channelAccessToken: secret,
  apiBaseUrl: baseUrl,
  ...commonFields,
});
export type LineConnectionBody = z.infer<typeof LineConnectionBody>;

/** The body as a connection: the channel secret verifies pushes, the access token sends. */
export const lineDraft =
  (hosts: ChannelHosts) =>
  (b: LineConnectionBody): ConnectionDraft<LineVendor> => ({
    fields: {
      marketplaceShopId: b.botUserId,
      appId: b.botUserId,
      vendor: {},
      apiBaseUrl: b.apiBaseUrl ?? hosts.defaultApiBaseUrl(b.market ?? null),
      authBaseUrl: b.apiBaseUrl ?? hosts.defaultAuthBaseUrl,
      market: b.market ?? null,
    },
    secrets: { signingKey: b.channelSecret, accessToken: b.channelAccessToken, refreshToken: "" },
    // A long-lived channel access token does not expire.
    accessTokenExpiresAt: b.accessTokenExpiresAt ?? NON_EXPIRING,
  });

export const lineOwnership = listedShop<LineVendor>;
