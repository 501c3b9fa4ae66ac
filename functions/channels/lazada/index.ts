/** Lazada Open Platform (docs/protocols.md#lazada): IM push (message_type 2), /im/message/send, token refresh. */
import { defineChannel } from "../channel";
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
  // No published message length, window or cap is known for Lazada chat; only the response-rate deadline.
  rules: {
    maxChars: null,
    replyDeadlineMinutes: 12 * 60,
    replyWindowHours: null,
    maxConsecutiveReplies: null,
    // Automated replies are left out of the chat response rate (Zaapi's help centre, third-party).
    automatedRepliesCountTowardsResponseRate: false,
    // The marketplace runs its own chat rating; a seller's own survey in its chat is off until its rules say otherwise.
    ratings: false,
    unsupportedMedia: [],
  },
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
