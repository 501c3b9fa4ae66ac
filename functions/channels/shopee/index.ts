/**
 * Shopee Open Platform v2 (docs/protocols.md#shopee). Hosts: Shopee's API reference (partner.shopeemobile.com,
 * test_url partner.test-stable.shopeemobile.com) and SDKs for the newer sandbox and the mainland-China hosts.
 */
import { defineChannel } from "../channel";
import { shopeeRules } from "./rules";
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
  rules: shopeeRules,
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
