/** Shopee pushes: code 10 (webchat) and 3/4 (order status, tracking number) verified with the partner key over the callback URL and raw body, then mapped. */
import { z } from "zod";
import type { ConnectionSecrets, InboundPush } from "../../domain/marketplace";
import { isMarketCode } from "../../domain/markets";
import { safeEqual } from "../../adapters/shopify/hmac";
import { isoFromEpoch } from "../shared/http";
import { idSchema as id, shopIdAt } from "../shared/push";
import type { ShopeeConnection } from "./connection";
import { shopeeOrderEvent } from "./orders";
import { shopeePushSign } from "./signing";

const Push = z.object({
  code: z.number(),
  shop_id: id.optional(),
  data: z
    .object({
      type: z.string().optional(),
      content: z
        .object({
          message_id: id,
          from_id: id,
          to_id: id.optional(),
          from_shop_id: id.optional(),
          message_type: z.string(),
          content: z.record(z.string(), z.unknown()).default({}),
          conversation_id: id,
          created_timestamp: z.number(),
          region: z.string().optional(),
          from_user_name: z.string().optional(),
        })
        .passthrough(),
    })
    .passthrough()
    .optional(),
});

const MEDIA: Record<string, "sticker" | "image" | "video" | "order" | "product"> = {
  sticker: "sticker",
  image: "image",
  video: "video",
  order: "order",
  item: "product",
  product: "product",
};

/** The Shopee shop a push is for. */
export const shopeeShopOf = shopIdAt("shop_id");

/** `Authorization` = hex(HMAC-SHA256(partner_key, callback_url + "|" + raw body)), compared in constant time. */
export function verifyShopeePush(
  connection: ShopeeConnection,
  secrets: ConnectionSecrets,
  raw: Uint8Array,
  header: (name: string) => string | undefined,
): boolean {
  const signature = header("authorization");
  if (!signature) return false;
  return safeEqual(
    shopeePushSign(secrets.signingKey, connection.vendor.callbackUrl, raw),
    signature.trim().toLowerCase(),
  );
}

/** A verified push as our inbound message: the buyer's, the shop's own staff's, or nothing to answer. */
export function mapShopeePush(body: unknown, connection: ShopeeConnection): InboundPush[] {
  const orderEvent = shopeeOrderEvent(body);
  if (orderEvent) return [orderEvent];
  const push = Push.safeParse(body);
  if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
  if (push.data.code !== 10 || !push.data.data)
    return [{ kind: "ignored", reason: `push code ${push.data.code}` }];
  const m = push.data.data.content;
  const sentAt = isoFromEpoch(m.created_timestamp > 1e12 ? m.created_timestamp / 1000 : m.created_timestamp);
  const text = typeof m.content.text === "string" ? m.content.text : "";
  // Shopee echoes the shop's own messages too; those come from the shop (third-party observation, see README).
  if (m.from_shop_id === connection.marketplaceShopId || m.from_id === connection.marketplaceShopId) {
    return [{ kind: "staff_message", threadId: m.conversation_id, messageId: m.message_id, text, sentAt }];
  }
  const media = MEDIA[m.message_type] ?? null;
  const orderSn = typeof m.content.order_sn === "string" ? m.content.order_sn : null;
  const region = m.region?.toUpperCase();
  return [
    {
      kind: "buyer_message",
      threadId: m.conversation_id,
      messageId: m.message_id,
      buyerId: m.from_id,
      buyerName: m.from_user_name ?? null,
      text: media === "order" && orderSn ? `#${orderSn}` : text,
      media: m.message_type === "text" ? null : media,
      market: region && isMarketCode(region) ? region : connection.market,
      sentAt,
    },
  ];
}
