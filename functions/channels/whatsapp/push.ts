/**
 * WhatsApp Cloud API webhooks (docs/protocols.md#meta): `X-Hub-Signature-256` over the raw body with the app secret,
 * then `entry[].changes[].value.messages[]` mapped to our messages; status updates are acknowledged and skipped.
 */
import { z } from "zod";
import { phoneE164 } from "../../domain/contact";
import type { ConnectionSecrets, InboundPush, MediaKind } from "../../domain/marketplace";
import { isoFromEpoch } from "../shared/http";
import { verifyHubSignature } from "../shared/meta";
import type { WhatsAppConnection } from "./connection";

const Caption = z.object({ caption: z.string().optional() }).passthrough();
const Message = z
  .object({
    from: z.string().min(1),
    id: z.string().min(1),
    timestamp: z.string().regex(/^\d+$/),
    type: z.string(),
    text: z.object({ body: z.string() }).optional(),
    /** A tap on one of our reply buttons or list rows. */
    interactive: z
      .object({
        type: z.string(),
        button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
        list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      })
      .passthrough()
      .optional(),
    /** A tap on a template's quick-reply button. */
    button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
    image: Caption.optional(),
    video: Caption.optional(),
    document: Caption.optional(),
    location: z
      .object({ name: z.string().optional(), address: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
type Message = z.infer<typeof Message>;

const Push = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(
        z.object({
          field: z.string(),
          value: z
            .object({
              metadata: z.object({ phone_number_id: z.string() }).passthrough(),
              contacts: z
                .array(
                  z.object({
                    wa_id: z.string(),
                    profile: z.object({ name: z.string().optional() }).optional(),
                  }),
                )
                .optional(),
              messages: z.array(Message).optional(),
            })
            .passthrough(),
        }),
      ),
    }),
  ),
});

/** Media the AI cannot read, as our kinds; a document is treated like a picture (a person looks at it). */
const MEDIA: Readonly<Record<string, MediaKind>> = {
  image: "image",
  video: "video",
  audio: "audio",
  document: "image",
  sticker: "sticker",
  location: "location",
};

/** The business phone number a push is for (the first change's; Meta sends one number per delivery). */
export function whatsappAccountOf(body: unknown): string | null {
  const parsed = Push.safeParse(body);
  return parsed.success ? (parsed.data.entry[0]?.changes[0]?.value.metadata.phone_number_id ?? null) : null;
}

/** `X-Hub-Signature-256` with the connection's app secret, constant time, over the raw body. */
export const verifyWhatsAppPush = (
  _connection: WhatsAppConnection,
  secrets: ConnectionSecrets,
  raw: Uint8Array,
  header: (name: string) => string | undefined,
) => verifyHubSignature(secrets, raw, header);

/** The words of a message: its text, the label of the button tapped, or a media caption. */
function textOf(m: Message): string {
  return (
    m.text?.body ??
    m.interactive?.button_reply?.title ??
    m.interactive?.list_reply?.title ??
    m.button?.text ??
    m.image?.caption ??
    m.video?.caption ??
    m.document?.caption ??
    ""
  );
}

/** A verified push as our inbound messages: one per shopper message for this number; anything else skipped. */
export function mapWhatsAppPush(body: unknown, connection: WhatsAppConnection): InboundPush[] {
  const push = Push.safeParse(body);
  if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
  const out: InboundPush[] = [];
  for (const change of push.data.entry.flatMap((e) => e.changes)) {
    const value = change.value;
    if (change.field !== "messages" || value.metadata.phone_number_id !== connection.marketplaceShopId) {
      out.push({ kind: "ignored", reason: `field ${change.field} or another number` });
      continue;
    }
    if (!value.messages?.length) {
      out.push({ kind: "ignored", reason: "status update" });
      continue;
    }
    for (const m of value.messages) {
      const media = MEDIA[m.type] ?? null;
      const known = m.type === "text" || m.type === "interactive" || m.type === "button" || media !== null;
      if (!known) {
        out.push({ kind: "ignored", reason: `message type ${m.type}` });
        continue;
      }
      const contact = value.contacts?.find((c) => c.wa_id === m.from);
      // wa_id is the number WhatsApp verified for this user, in international form without the "+".
      const phone = phoneE164(`+${m.from}`);
      out.push({
        kind: "buyer_message",
        threadId: m.from,
        messageId: m.id,
        buyerId: m.from,
        buyerName: contact?.profile?.name ?? null,
        text: textOf(m),
        media,
        market: null,
        sentAt: isoFromEpoch(Number(m.timestamp)),
        ...(phone ? { buyerPhone: phone } : {}),
      });
    }
  }
  return out;
}
