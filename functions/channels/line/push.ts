/**
 * LINE webhooks (docs/protocols.md#line): `X-Line-Signature` over the raw body with the channel secret, then
 * `events[]` of type message from a user mapped to our messages, each with its reply token; the rest is skipped.
 */
import { z } from "zod";
import { safeEqual } from "../../adapters/shopify/hmac";
import type { ConnectionSecrets, InboundPush, MediaKind } from "../../domain/marketplace";
import type { LineConnection } from "./connection";
import { lineSignature } from "./signing";

const Event = z
  .object({
    type: z.string(),
    mode: z.string().optional(),
    timestamp: z.number(),
    source: z.object({ type: z.string(), userId: z.string().optional() }).passthrough().optional(),
    webhookEventId: z.string().optional(),
    replyToken: z.string().optional(),
    message: z
      .object({
        id: z.string().min(1),
        type: z.string(),
        text: z.string().optional(),
        title: z.string().optional(),
        address: z.string().optional(),
      })
      .passthrough()
      .optional(),
    /** A tap on a postback action: its label is not sent, its data is ours. */
    postback: z.object({ data: z.string() }).passthrough().optional(),
  })
  .passthrough();

const Push = z.object({ destination: z.string().min(1), events: z.array(Event) });

const MEDIA: Readonly<Record<string, MediaKind>> = {
  image: "image",
  video: "video",
  audio: "audio",
  file: "image",
  location: "location",
  sticker: "sticker",
};

/** The bot (channel) a push is for: its `destination`. */
export function lineAccountOf(body: unknown): string | null {
  const parsed = z.object({ destination: z.string().min(1) }).safeParse(body);
  return parsed.success ? parsed.data.destination : null;
}

/** `X-Line-Signature` with the connection's channel secret, constant time, over the raw body. */
export function verifyLinePush(
  _connection: LineConnection,
  secrets: ConnectionSecrets,
  raw: Uint8Array,
  header: (name: string) => string | undefined,
): boolean {
  const signature = header("x-line-signature");
  return !!signature && safeEqual(lineSignature(secrets.signingKey, raw), signature.trim());
}

/** A verified push as our inbound messages: a user's messages (one-to-one chats, active mode); the rest skipped. */
export function mapLinePush(body: unknown, connection: LineConnection): InboundPush[] {
  const push = Push.safeParse(body);
  if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
  if (push.data.destination !== connection.marketplaceShopId)
    return [{ kind: "ignored", reason: "another bot" }];
  // An empty events list is LINE's "verify" button in the console: acknowledged.
  return push.data.events.map((event): InboundPush => {
    const userId = event.source?.type === "user" ? event.source.userId : undefined;
    // Standby mode: another module answers this chat.
    if (!userId || event.mode === "standby")
      return { kind: "ignored", reason: `${event.source?.type ?? "no"} source, ${event.mode ?? "no"} mode` };
    const m = event.message;
    if (event.type !== "message" || !m) return { kind: "ignored", reason: `event ${event.type}` };
    const media = m.type === "text" ? null : (MEDIA[m.type] ?? null);
    if (m.type !== "text" && media === null) return { kind: "ignored", reason: `message type ${m.type}` };
    return {
      kind: "buyer_message",
      threadId: userId,
      messageId: m.id,
      buyerId: userId,
      buyerName: null,
      text: m.text ?? "",
      media,
      market: null,
      sentAt: new Date(event.timestamp).toISOString(),
      ...(event.replyToken ? { replyToken: event.replyToken } : {}),
    };
  });
}
