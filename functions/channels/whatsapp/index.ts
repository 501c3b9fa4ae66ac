/**
 * WhatsApp Cloud API (docs/protocols.md#meta): pushes at /webhooks/whatsapp after Meta's GET handshake, replies
 * through the Graph API from the business number. Host: graph.facebook.com (Meta's only Graph API host).
 */
import { defineChannel } from "../channel";
import { metaHosts, verifyTokenAlias } from "../shared/meta";
import { whatsappApi } from "./api";
import { WhatsAppConnectionBody, WhatsAppVendorSchema, whatsappDraft, whatsappOwnership } from "./connection";
import { mapWhatsAppPush, verifyWhatsAppPush, whatsappAccountOf } from "./push";
import { whatsappRules } from "./rules";

export const whatsapp = defineChannel({
  name: "whatsapp",
  webhookPath: "/webhooks/whatsapp",
  hosts: metaHosts,
  rules: whatsappRules,
  vendor: WhatsAppVendorSchema,
  handshake: { kind: "hub_challenge", alias: verifyTokenAlias },
  connection: {
    schema: WhatsAppConnectionBody,
    accountIdField: "phoneNumberId",
    draft: whatsappDraft(metaHosts),
    ownership: whatsappOwnership,
    shown: () => ({ callbackUrl: null }),
  },
  adapter: {
    marketplace: "whatsapp",
    shopOf: whatsappAccountOf,
    verify: verifyWhatsAppPush,
    parse: mapWhatsAppPush,
    ...whatsappApi,
  },
});
