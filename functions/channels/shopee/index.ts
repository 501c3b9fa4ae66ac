/**
 * Shopee Open Platform v2 (docs/protocols.md#shopee). Hosts: Shopee's API reference (partner.shopeemobile.com,
 * test_url partner.test-stable.shopeemobile.com) and SDKs for the newer sandbox and the mainland-China hosts.
 */
import { defineChannel } from "../channel";
import { shopeeAuthorization, shopeeAppPushes } from "./authorization";
import type { ChannelHosts } from "../shared/hosts";
import { shopeeApi } from "./api";
import { ShopeeConnectionBody, ShopeeVendorSchema, shopeeDraft, shopeeOwnership } from "./connection";
import { mapShopeePush, shopeeShopOf, verifyShopeePush } from "./push";

const SHOPEE_HOSTS = [
  "partner.shopeemobile.com",
  "partner.test-stable.shopeemobile.com",
  "openplatform.sandbox.test-stable.shopee.sg",
  "openplatform.shopee.cn",
  "openplatform.sandbox.test-stable.shopee.cn",
] as const;

export const shopeeHosts: ChannelHosts = {
  apiHosts: SHOPEE_HOSTS,
  // Shopee refreshes tokens on the same host as every other call.
  authHosts: SHOPEE_HOSTS,
  defaultApiBaseUrl: () => "https://partner.shopeemobile.com",
  defaultAuthBaseUrl: "https://partner.shopeemobile.com",
};

export const shopee = defineChannel({
  name: "shopee",
  webhookPath: "/webhooks/shopee",
  hosts: shopeeHosts,
  // Zaapi's help centre (third-party): 600 characters, 7 days after the buyer's last message, 5 in a row.
  rules: {
    maxChars: 600,
    replyDeadlineMinutes: 12 * 60,
    replyWindowHours: 7 * 24,
    maxConsecutiveReplies: 5,
    // Automated replies are left out of the chat response rate (Zaapi's help centre, third-party).
    automatedRepliesCountTowardsResponseRate: false,
    // The marketplace runs its own chat rating; a seller's own survey in its chat is off until its rules say otherwise.
    ratings: false,
    unsupportedMedia: [],
  },
  vendor: ShopeeVendorSchema,
  connection: {
    schema: ShopeeConnectionBody,
    accountIdField: "marketplaceShopId",
    draft: shopeeDraft(shopeeHosts),
    ownership: shopeeOwnership,
    shown: (vendor) => ({ callbackUrl: vendor.callbackUrl }),
  },
  adapter: {
    marketplace: "shopee",
    shopOf: shopeeShopOf,
    verify: verifyShopeePush,
    parse: mapShopeePush,
    ...shopeeApi,
  },
  authorization: shopeeAuthorization(shopeeHosts),
  appPushes: shopeeAppPushes,
});
