/** Lazada Open Platform (docs/protocols.md#lazada): IM push (message_type 2), /im/message/send, token refresh. */
import { defineChannel } from "../channel";
import { lazadaRules } from "./rules";
import { lazadaAuthorization, lazadaAppPushes } from "./authorization";
import { lazadaApi } from "./api";
import { LazadaConnectionBody, LazadaVendorSchema, lazadaDraft, lazadaOwnership } from "./connection";
import { lazadaHosts } from "./hosts";
import { lazadaShopOf, mapLazadaPush, verifyLazadaPush } from "./push";

export { defaultApiBaseUrl, LAZADA_API_HOSTS, lazadaHosts } from "./hosts";

export const lazada = defineChannel({
  name: "lazada",
  webhookPath: "/webhooks/lazada",
  hosts: lazadaHosts,
  rules: lazadaRules,
  vendor: LazadaVendorSchema,
  connection: {
    schema: LazadaConnectionBody,
    accountIdField: "sellerId",
    draft: lazadaDraft(lazadaHosts),
    ownership: lazadaOwnership,
    shown: () => ({ callbackUrl: null }),
  },
  adapter: {
    marketplace: "lazada",
    shopOf: lazadaShopOf,
    verify: verifyLazadaPush,
    parse: mapLazadaPush,
    ...lazadaApi,
  },
  authorization: lazadaAuthorization(lazadaHosts),
  appPushes: lazadaAppPushes,
});
