/** Lazada IM pushes: message_type 2 verified with the app-key signature, then mapped to our inbound message. */
import { z } from "zod";
import type { InboundPush } from "../../domain/marketplace";
import { isMarketCode, type MarketCode } from "../../domain/markets";
import { idSchema as id, jsonContent, shopIdAt, verifyAppKeyPush } from "../shared/push";
import type { LazadaConnection } from "./connection";
import { lazadaOrderEvent } from "./orders";

const Push = z.object({
  seller_id: id,
  message_type: z.number(),
  site: z.string().optional(),
  timestamp: z.number().optional(),
  data: z
    .object({
      session_id: id,
      message_id: id,
      content: z.string(),
      from_account_id: id,
      from_account_type: z.number(),
      send_time: z.number(),
      template_id: z.number(),
      status: z.number().optional(),
      site_id: z.string().optional(),
    })
    .passthrough(),
});

/** Lazada's message templates: 1 is text; the others are media, stickers and cards (third-party sources). */
const MEDIA: Record<number, "sticker" | "image" | "video" | "order" | "product"> = {
  3: "image",
  4: "sticker",
  6: "video",
  10006: "product",
  10007: "order",
};

/** "lazada_id", "id" or an API host such as api.lazada.co.th → the market. */
export function lazadaMarket(site: string | undefined): MarketCode | null {
  if (!site) return null;
  const code = site
    .toLowerCase()
    .replace(/^lazada_/, "")
    .slice(0, 2)
    .toUpperCase();
  return isMarketCode(code) ? code : null;
}

/** The Lazada seller a push is for. */
export const lazadaShopOf = shopIdAt("seller_id");

/** `Authorization` = hex(HMAC-SHA256(app_secret, app_key + raw body)). */
export const verifyLazadaPush = verifyAppKeyPush;

/** A verified push as our inbound message: the buyer's, the seller's staff's, or nothing to answer. */
export function mapLazadaPush(body: unknown, connection: LazadaConnection): InboundPush[] {
  const orderEvent = lazadaOrderEvent(body);
  if (orderEvent) return [orderEvent];
  const push = Push.safeParse(body);
  if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
  if (push.data.message_type !== 2)
    return [{ kind: "ignored", reason: `message_type ${push.data.message_type}` }];
  const d = push.data.data;
  if (d.status === 1) return [{ kind: "ignored", reason: "recalled" }];
  const content = jsonContent(d.content);
  const text = typeof content.txt === "string" ? content.txt : "";
  const sentAt = new Date(d.send_time).toISOString();
  if (d.from_account_type === 2)
    return [{ kind: "staff_message", threadId: d.session_id, messageId: d.message_id, text, sentAt }];
  const media = d.template_id === 1 ? null : (MEDIA[d.template_id] ?? "image");
  const orderId =
    typeof content.orderId === "string" || typeof content.orderId === "number"
      ? String(content.orderId)
      : null;
  return [
    {
      kind: "buyer_message",
      threadId: d.session_id,
      messageId: d.message_id,
      buyerId: d.from_account_id,
      buyerName: null,
      text: media === "order" && orderId ? `#${orderId}` : text,
      media,
      market:
        lazadaMarket(push.data.site ?? d.site_id) ??
        connection.market ??
        lazadaMarket(new URL(connection.apiBaseUrl).hostname.split(".").at(-1)),
      sentAt,
    },
  ];
}
