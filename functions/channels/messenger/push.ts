/**
 * Messenger Platform webhooks (docs/protocols.md#meta): `X-Hub-Signature-256` over the raw body with the app secret,
 * then `entry[].messaging[]` mapped to our messages. The Page's own messages come back as echoes: those sent from
 * Meta's inbox are the seller's staff writing (they pause the AI); ours are recognised by their message id.
 */
import { z } from "zod";
import type { ConnectionSecrets, InboundPush, MediaKind } from "../../domain/marketplace";
import { verifyHubSignature } from "../shared/meta";
import type { MessengerConnection } from "./connection";

const Attachment = z.object({ type: z.string() }).passthrough();
const Event = z
  .object({
    sender: z.object({ id: z.string().min(1) }),
    recipient: z.object({ id: z.string().min(1) }),
    timestamp: z.number(),
    message: z
      .object({
        mid: z.string().min(1),
        text: z.string().optional(),
        is_echo: z.boolean().optional(),
        sticker_id: z.number().optional(),
        quick_reply: z.object({ payload: z.string() }).optional(),
        attachments: z.array(Attachment).optional(),
      })
      .passthrough()
      .optional(),
    /** A tap on a button of a template we sent. */
    postback: z.object({ mid: z.string().optional(), title: z.string(), payload: z.string() }).optional(),
  })
  .passthrough();

const Push = z.object({
  object: z.literal("page"),
  entry: z.array(z.object({ id: z.string(), messaging: z.array(Event).optional() }).passthrough()),
});

const MEDIA: Readonly<Record<string, MediaKind>> = {
  image: "image",
  video: "video",
  audio: "audio",
  file: "image",
  location: "location",
};

/** The Page a push is for. */
export function messengerAccountOf(body: unknown): string | null {
  const parsed = Push.safeParse(body);
  return parsed.success ? (parsed.data.entry[0]?.id ?? null) : null;
}

/** `X-Hub-Signature-256` with the connection's app secret, constant time, over the raw body. */
export const verifyMessengerPush = (
  _connection: MessengerConnection,
  secrets: ConnectionSecrets,
  raw: Uint8Array,
  header: (name: string) => string | undefined,
) => verifyHubSignature(secrets, raw, header);

/** A verified push as our inbound messages: the shopper's, the Page's staff's (echoes), or nothing to answer. */
export function mapMessengerPush(body: unknown, connection: MessengerConnection): InboundPush[] {
  const push = Push.safeParse(body);
  if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
  const out: InboundPush[] = [];
  for (const entry of push.data.entry) {
    if (entry.id !== connection.marketplaceShopId) {
      out.push({ kind: "ignored", reason: "another page" });
      continue;
    }
    for (const event of entry.messaging ?? []) {
      const sentAt = new Date(event.timestamp).toISOString();
      const m = event.message;
      if (m?.is_echo) {
        // An echo goes from the Page to the shopper: the thread is the recipient's.
        out.push({
          kind: "staff_message",
          threadId: event.recipient.id,
          messageId: m.mid,
          text: m.text ?? "",
          sentAt,
        });
        continue;
      }
      if (event.postback) {
        out.push({
          kind: "buyer_message",
          threadId: event.sender.id,
          messageId: event.postback.mid ?? `postback:${event.sender.id}:${event.timestamp}`,
          buyerId: event.sender.id,
          buyerName: null,
          text: event.postback.title,
          media: null,
          market: null,
          sentAt,
        });
        continue;
      }
      if (!m) {
        out.push({ kind: "ignored", reason: "delivery, read or other event" });
        continue;
      }
      // A sticker (the like button too) comes as an image attachment with a sticker id.
      const first = m.attachments?.[0]?.type;
      const media: MediaKind | null =
        m.sticker_id !== undefined ? "sticker" : first ? (MEDIA[first] ?? null) : null;
      if (!m.text && media === null) {
        out.push({ kind: "ignored", reason: `attachment ${first ?? "none"}` });
        continue;
      }
      out.push({
        kind: "buyer_message",
        threadId: event.sender.id,
        messageId: m.mid,
        buyerId: event.sender.id,
        buyerName: null,
        // A quick reply tap comes with the label shown as its text.
        text: m.text ?? "",
        media: m.text && media !== "sticker" ? null : media,
        market: null,
        sentAt,
      });
    }
  }
  return out;
}
