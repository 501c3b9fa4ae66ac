/** A Messenger connection: the PUT /v1/connections/messenger/{pageId} body and its ownership check. */
import { z } from "zod";
import type { MarketplaceConnection } from "../../domain/marketplace";
import { type ConnectionDraft, listedShop } from "../channel";
import { baseUrl, commonFields, secret } from "../shared/connection";
import type { ChannelHosts } from "../shared/hosts";
import { NON_EXPIRING, verifyTokenAlias } from "../shared/meta";

export const MessengerVendorSchema = z.object({});
export type MessengerVendor = z.infer<typeof MessengerVendorSchema>;
export type MessengerConnection = MarketplaceConnection<"messenger", MessengerVendor>;

export const MessengerConnectionBody = z.object({
  /** The Facebook Page's id (entry[].id and recipient.id in its pushes). */
  pageId: z.string().regex(/^\d{1,30}$/, "the Page id, digits only"),
  pageAccessToken: secret,
  appSecret: secret,
  /** What the GET handshake must echo; chosen by the seller, also typed into Meta's console. */
  verifyToken: z.string().min(8).max(200),
  apiBaseUrl: baseUrl,
  ...commonFields,
});
export type MessengerConnectionBody = z.infer<typeof MessengerConnectionBody>;

/** The body as a connection: the app secret verifies pushes, the verify token routes the handshake. */
export const messengerDraft =
  (hosts: ChannelHosts) =>
  (b: MessengerConnectionBody): ConnectionDraft<MessengerVendor> => ({
    fields: {
      marketplaceShopId: b.pageId,
      appId: b.pageId,
      vendor: {},
      apiBaseUrl: b.apiBaseUrl ?? hosts.defaultApiBaseUrl(b.market ?? null),
      authBaseUrl: b.apiBaseUrl ?? hosts.defaultAuthBaseUrl,
      market: b.market ?? null,
    },
    secrets: {
      signingKey: b.appSecret,
      accessToken: b.pageAccessToken,
      refreshToken: "",
      verifyToken: b.verifyToken,
    },
    accessTokenExpiresAt: b.accessTokenExpiresAt ?? NON_EXPIRING,
    aliases: [verifyTokenAlias(b.verifyToken)],
  });

export const messengerOwnership = listedShop<MessengerVendor>;
