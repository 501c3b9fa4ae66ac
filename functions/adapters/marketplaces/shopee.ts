/** Shopee Open Platform v2: push code 10 (webchat), sellerchat/send_message, token refresh (docs/protocols.md). */
import { z } from "zod";
import type { InboundPush, MarketplaceAdapter } from "../../domain/marketplace";
import { isMarketCode } from "../../domain/markets";
import { safeEqual } from "../shopify/hmac";
import { callJson, epochSeconds, isoFromEpoch, MarketplaceApiError } from "./http";
import { shopeePushSign, shopeeSign } from "./signing";

const id = z.union([z.string(), z.number()]).transform(String);

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

const Answer = z.object({
  error: z.string().optional().default(""),
  message: z.string().optional(),
  response: z.object({ message_id: id.optional() }).passthrough().optional(),
});
const TokenAnswer = z.object({
  error: z.string().optional().default(""),
  access_token: z.string().optional(),
  refresh_token: z.string().optional(),
  expire_in: z.number().optional(),
});

/** v2.shop.get_shop_info: `error` empty on success, then the shop's name, region and status. */
const ShopInfoAnswer = z.object({
  error: z.string().optional().default(""),
  message: z.string().optional(),
  shop_name: z.string().optional(),
  region: z.string().optional(),
  status: z.string().optional(),
});

const MEDIA: Record<string, "sticker" | "image" | "video" | "order" | "product"> = {
  sticker: "sticker",
  image: "image",
  video: "video",
  order: "order",
  item: "product",
  product: "product",
};

export const shopee: MarketplaceAdapter = {
  marketplace: "shopee",
  shopOf: (body) => {
    const parsed = z.object({ shop_id: id }).safeParse(body);
    return parsed.success ? parsed.data.shop_id : null;
  },
  verify(connection, secrets, raw, header) {
    const signature = header("authorization");
    if (!signature || !connection.callbackUrl) return false;
    return safeEqual(
      shopeePushSign(secrets.signingKey, connection.callbackUrl, raw),
      signature.trim().toLowerCase(),
    );
  },
  parse(body, connection): InboundPush[] {
    const push = Push.safeParse(body);
    if (!push.success) return [{ kind: "ignored", reason: "unrecognised push" }];
    if (push.data.code !== 10 || !push.data.data)
      return [{ kind: "ignored", reason: `push code ${push.data.code}` }];
    const m = push.data.data.content;
    const sentAt = isoFromEpoch(
      m.created_timestamp > 1e12 ? m.created_timestamp / 1000 : m.created_timestamp,
    );
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
  },
  async send(connection, secrets, reply) {
    const path = "/api/v2/sellerchat/send_message";
    const timestamp = epochSeconds();
    const sign = shopeeSign(secrets.signingKey, {
      partnerId: connection.appId,
      path,
      timestamp,
      accessToken: secrets.accessToken,
      shopId: connection.marketplaceShopId,
    });
    const query = new URLSearchParams({
      partner_id: connection.appId,
      timestamp: String(timestamp),
      sign,
      access_token: secrets.accessToken,
      shop_id: connection.marketplaceShopId,
    });
    const answer = Answer.parse(
      await callJson(`${connection.apiBaseUrl}${path}?${query}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          to_id: Number(reply.buyerId),
          message_type: "text",
          content: { text: reply.text },
        }),
      }),
    );
    if (answer.error)
      throw new MarketplaceApiError(`shopee: ${answer.error}`, !answer.error.startsWith("error_param"));
    return { messageId: answer.response?.message_id ?? `shopee-${timestamp}` };
  },
  async authorizedShops(connection, secrets) {
    // The call is signed with the access token and shop id together, and Shopee answers it only when the token
    // was granted for that shop: success is the proof (the answer itself names no shop id).
    const path = "/api/v2/shop/get_shop_info";
    const timestamp = epochSeconds();
    const sign = shopeeSign(secrets.signingKey, {
      partnerId: connection.appId,
      path,
      timestamp,
      accessToken: secrets.accessToken,
      shopId: connection.marketplaceShopId,
    });
    const query = new URLSearchParams({
      partner_id: connection.appId,
      timestamp: String(timestamp),
      sign,
      access_token: secrets.accessToken,
      shop_id: connection.marketplaceShopId,
    });
    const answer = ShopInfoAnswer.parse(await callJson(`${connection.apiBaseUrl}${path}?${query}`));
    if (answer.error)
      throw new MarketplaceApiError(`shopee shop info: ${answer.error}`, answer.error === "error_server");
    return [{ marketplaceShopId: connection.marketplaceShopId }];
  },
  async refresh(connection, secrets) {
    const path = "/api/v2/auth/access_token/get";
    const timestamp = epochSeconds();
    const sign = shopeeSign(secrets.signingKey, { partnerId: connection.appId, path, timestamp });
    const answer = TokenAnswer.parse(
      await callJson(
        `${connection.authBaseUrl}${path}?${new URLSearchParams({ partner_id: connection.appId, timestamp: String(timestamp), sign })}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            refresh_token: secrets.refreshToken,
            partner_id: Number(connection.appId),
            shop_id: Number(connection.marketplaceShopId),
          }),
        },
      ),
    );
    if (answer.error || !answer.access_token || !answer.refresh_token)
      throw new MarketplaceApiError(`shopee token refresh: ${answer.error || "no token"}`, false);
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresAt: isoFromEpoch(timestamp + (answer.expire_in ?? 14_400)),
    };
  },
};
