/**
 * Messenger Platform (docs/protocols.md#meta): pushes at /webhooks/messenger after Meta's GET handshake, replies
 * through the Send API from the Page. Host: graph.facebook.com (Meta's only Graph API host).
 */
import { defineChannel } from "../channel";
import { metaHosts, verifyTokenAlias } from "../shared/meta";
import { messengerApi } from "./api";
import {
  MessengerConnectionBody,
  MessengerVendorSchema,
  messengerDraft,
  messengerOwnership,
} from "./connection";
import { mapMessengerPush, messengerAccountOf, verifyMessengerPush } from "./push";
import { messengerRules } from "./rules";

export const messenger = defineChannel({
  name: "messenger",
  webhookPath: "/webhooks/messenger",
  hosts: metaHosts,
  rules: messengerRules,
  vendor: MessengerVendorSchema,
  handshake: { kind: "hub_challenge", alias: verifyTokenAlias },
  connection: {
    schema: MessengerConnectionBody,
    accountIdField: "pageId",
    draft: messengerDraft(metaHosts),
    ownership: messengerOwnership,
    shown: () => ({ callbackUrl: null }),
  },
  adapter: {
    marketplace: "messenger",
    shopOf: messengerAccountOf,
    verify: verifyMessengerPush,
    parse: mapMessengerPush,
    ...messengerApi,
  },
});
