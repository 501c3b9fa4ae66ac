/** TikTok Shop's NEW_MESSAGE webhook, verified with the app-key signature and mapped to our inbound message. */
import { z } from "zod";
import type { InboundPush } from "../../domain/marketplace";
import { isoFromEpoch } from "../shared/http";
import { idSchema as id, jsonContent, shopIdAt, verifyAppKeyPush } from "../shared/push";
import type { TikTokConnection } from "./connection";
import { tiktokOrderEvent } from "./orders";

const Push = z.object({
  type: z.union([z.number(), z.string()]),
  shop_id: id,
  timestamp: z.number().optional(),
  tts_notification_id: z.string().optional(),
  data: z
    .object({
      conversation_id: id,
      message_id: id,
      type: z.string(),
      content: z.string(),
      create_time: z.number(),
      sender: z.object({
        im_user_id: id,
        /** The buyer's user id, which TikTok's orders name (their `user_id`); the chat's im_user_id cannot find orders. */
        user_id: id.optional(),
        role: z.string(),
        nickname: z.string().optional(),
      }),
    })
    .passthrough(),
});

const MEDIA: Record<string, "sticker" | "image" | "video" | "order" | "product"> = {
  IMAGE: "image",
  VIDEO: "video",
  EMOTICONS: "sticker",
  ORDER_CARD: "order",
  PRODUCT_CARD: "product",
};

/** The TikTok shop a push is for. */
export const tiktokShopOf = shopIdAt("shop_id");

/** `Authorization` = hex(HMAC-SHA256(app_secret, app_key + raw body)). */
export const verifyTikTokPush = verifyAppKeyPush;

/** A verified push as our inbound message: the buyer's, the seller's staff's, or nothing to answer. */
export function mapTikTokPush(body: unknown, connection: TikTokConnection): InboundPush[] {
  const orderEvent = tiktokOrderEvent(body);
  if (orderEvent) return [orderEvent];
  const push = Push.safeParse(body);
  if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
  if (push.data.type !== 14 && push.data.type !== "NEW_MESSAGE")
    return [{ kind: "ignored", reason: `type ${push.data.type}` }];
  const d = push.data.data;
  const content = jsonContent(d.content);
  const text = typeof content.content === "string" ? content.content : "";
  const sentAt = isoFromEpoch(d.create_time > 1e12 ? d.create_time / 1000 : d.create_time);
  const role = d.sender.role.toUpperCase();
  if (role === "SYSTEM" || role === "ROBOT") return [{ kind: "ignored", reason: "system message" }];
  if (role !== "BUYER")
    return [{ kind: "staff_message", threadId: d.conversation_id, messageId: d.message_id, text, sentAt }];
  const media = d.type === "TEXT" ? null : (MEDIA[d.type] ?? "image");
  const orderId = typeof content.order_id === "string" ? content.order_id : null;
  return [
    {
      kind: "buyer_message",
      threadId: d.conversation_id,
      messageId: d.message_id,
      // The id the buyer's orders are indexed under when TikTok gives it; the chat id otherwise (orders by card only).
      buyerId: d.sender.user_id ?? d.sender.im_user_id,
      buyerName: d.sender.nickname ?? null,
      text: media === "order" && orderId ? `#${orderId}` : text,
      media,
      market: connection.market,
      sentAt,
    },
  ];
}
