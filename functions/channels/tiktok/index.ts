/**
 * TikTok Shop (docs/protocols.md#tiktok): the NEW_MESSAGE webhook and the customer-service messages API, version
 * 202309. Hosts: the 202309 reference (open-api.tiktokglobalshop.com) and the token host auth.tiktok-shops.com.
 */
import { defineChannel } from "../channel";
import { tiktokRules } from "./rules";
import { tiktokAuthorization } from "./authorization";
import type { ChannelHosts } from "../shared/hosts";
import { tiktokApi } from "./api";
import { TikTokConnectionBody, TikTokVendorSchema, tiktokDraft, tiktokOwnership } from "./connection";
import { mapTikTokPush, tiktokShopOf, verifyTikTokPush } from "./push";

export const tiktokHosts: ChannelHosts = {
  apiHosts: ["open-api.tiktokglobalshop.com"],
  authHosts: ["auth.tiktok-shops.com"],
  defaultApiBaseUrl: () => "https://open-api.tiktokglobalshop.com",
  defaultAuthBaseUrl: "https://auth.tiktok-shops.com",
};

export const tiktok = defineChannel({
  name: "tiktok",
  webhookPath: "/webhooks/tiktok",
  hosts: tiktokHosts,
  rules: tiktokRules,
  vendor: TikTokVendorSchema,
  connection: {
    schema: TikTokConnectionBody,
    accountIdField: "shopId",
    draft: tiktokDraft(tiktokHosts),
    ownership: tiktokOwnership,
    shown: () => ({ callbackUrl: null }),
  },
  adapter: {
    marketplace: "tiktok",
    shopOf: tiktokShopOf,
    verify: verifyTikTokPush,
    parse: mapTikTokPush,
    ...tiktokApi,
  },
  authorization: tiktokAuthorization(tiktokHosts),
});
