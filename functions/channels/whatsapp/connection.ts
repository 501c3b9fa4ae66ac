/** A WhatsApp connection: the PUT /v1/connections/whatsapp/{phoneNumberId} body, its vendor fields and ownership. */
import { z } from "zod";
import type { MarketplaceConnection } from "../../domain/marketplace";
import { type ConnectionDraft, listedShop } from "../channel";
import { baseUrl, commonFields, secret } from "../shared/connection";
import type { ChannelHosts } from "../shared/hosts";
import { NON_EXPIRING, verifyTokenAlias } from "../shared/meta";

/** The seller's approved template for a person's late reply (its one body variable carries the reply), if any. */
export const WhatsAppVendorSchema = z.object({
  templateName: z.string().optional(),
  templateLanguage: z.string().optional(),
});
export type WhatsAppVendor = z.infer<typeof WhatsAppVendorSchema>;
export type WhatsAppConnection = MarketplaceConnection<"whatsapp", WhatsAppVendor>;

export const WhatsAppConnectionBody = z.object({
  /** The business phone number's id (metadata.phone_number_id), not the number itself. */
  phoneNumberId: z.string().regex(/^\d{1,30}$/, "the phone number id Meta shows, digits only"),
  accessToken: secret,
  appSecret: secret,
  /** What the GET handshake must echo; chosen by the seller, also typed into Meta's console. */
  verifyToken: z.string().min(8).max(200),
  apiBaseUrl: baseUrl,
  template: z
    .object({
      name: z.string().regex(/^[a-z0-9_]{1,512}$/, "the template's name as approved"),
      language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "the template's language code, e.g. en_US"),
    })
    .optional(),
  ...commonFields,
});
export type WhatsAppConnectionBody = z.infer<typeof WhatsAppConnectionBody>;

/** The body as a connection: the app secret verifies pushes, the verify token routes the handshake. */
export const whatsappDraft =
  (hosts: ChannelHosts) =>
  (b: WhatsAppConnectionBody): ConnectionDraft<WhatsAppVendor> => ({
    fields: {
      marketplaceShopId: b.phoneNumberId,
      appId: b.phoneNumberId,
      vendor: b.template ? { templateName: b.template.name, templateLanguage: b.template.language } : {},
      apiBaseUrl: b.apiBaseUrl ?? hosts.defaultApiBaseUrl(b.market ?? null),
      authBaseUrl: b.apiBaseUrl ?? hosts.defaultAuthBaseUrl,
      market: b.market ?? null,
    },
    secrets: {
      signingKey: b.appSecret,
      accessToken: b.accessToken,
      refreshToken: "",
      verifyToken: b.verifyToken,
    },
    accessTokenExpiresAt: b.accessTokenExpiresAt ?? NON_EXPIRING,
    aliases: [verifyTokenAlias(b.verifyToken)],
  });

export const whatsappOwnership = listedShop<WhatsAppVendor>;
