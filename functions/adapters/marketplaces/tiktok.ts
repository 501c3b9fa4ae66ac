/** TikTok Shop: the NEW_MESSAGE webhook and the customer-service messages API, version 202309 (third-party sources). */
import { z } from "zod";
import type { InboundPush, MarketplaceAdapter } from "../../domain/marketplace";
import { callJson, epochSeconds, isoFromEpoch, MarketplaceApiError } from "./http";
import { jsonContent, verifyAppKeyPush } from "./push-helpers";
import { tiktokSign } from "./signing";

const id = z.union([z.string(), z.number()]).transform(String);

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
      sender: z.object({ im_user_id: id, role: z.string(), nickname: z.string().optional() }),
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

const Answer = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z.object({ message_id: id.optional() }).passthrough().nullish(),
});
const TokenAnswer = z.object({
  code: z.number(),
  data: z
    .object({ access_token: z.string(), refresh_token: z.string(), access_token_expire_in: z.number() })
    .nullish(),
});

/** GET /authorization/202309/shops: the shops the seller authorized for this app, each with its cipher. */
const ShopsAnswer = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z.object({ shops: z.array(z.object({ id, cipher: z.string() }).passthrough()) }).nullish(),
});

export const tiktok: MarketplaceAdapter = {
  marketplace: "tiktok",
  shopOf: (body) => {
    const parsed = z.object({ shop_id: id }).safeParse(body);
    return parsed.success ? parsed.data.shop_id : null;
  },
  verify: verifyAppKeyPush,
  parse(body, connection): InboundPush[] {
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
        buyerId: d.sender.im_user_id,
        buyerName: d.sender.nickname ?? null,
        text: media === "order" && orderId ? `#${orderId}` : text,
        media,
        market: connection.market,
        sentAt,
      },
    ];
  },
  async send(connection, secrets, reply) {
    const path = `/customer_service/202309/conversations/${encodeURIComponent(reply.threadId)}/messages`;
    const body = JSON.stringify({ type: "TEXT", content: JSON.stringify({ content: reply.text }) });
    const params: Record<string, string> = {
      app_key: connection.appId,
      timestamp: String(epochSeconds()),
      ...(connection.shopCipher ? { shop_cipher: connection.shopCipher } : {}),
    };
    const sign = tiktokSign(secrets.signingKey, path, params, body);
    const answer = Answer.parse(
      await callJson(`${connection.apiBaseUrl}${path}?${new URLSearchParams({ ...params, sign })}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-tts-access-token": secrets.accessToken },
        body,
      }),
    );
    if (answer.code !== 0)
      throw new MarketplaceApiError(
        `tiktok: ${answer.code} ${answer.message ?? ""}`,
        answer.code >= 50000 || answer.code === 36009003,
      );
    return { messageId: answer.data?.message_id ?? `tiktok-${Date.now()}` };
  },
  async authorizedShops(connection, secrets) {
    const path = "/authorization/202309/shops";
    const params = { app_key: connection.appId, timestamp: String(epochSeconds()) };
    const sign = tiktokSign(secrets.signingKey, path, params, "");
    const answer = ShopsAnswer.parse(
      await callJson(`${connection.apiBaseUrl}${path}?${new URLSearchParams({ ...params, sign })}`, {
        headers: { "content-type": "application/json", "x-tts-access-token": secrets.accessToken },
      }),
    );
    if (answer.code !== 0 || !answer.data)
      throw new MarketplaceApiError(`tiktok authorized shops: ${answer.code}`, answer.code === 36009003);
    return answer.data.shops.map((s) => ({ marketplaceShopId: s.id, shopCipher: s.cipher }));
  },
  async refresh(connection, secrets) {
    const query = new URLSearchParams({
      app_key: connection.appId,
      app_secret: secrets.signingKey,
      refresh_token: secrets.refreshToken,
      grant_type: "refresh_token",
    });
    const answer = TokenAnswer.parse(
      await callJson(`${connection.authBaseUrl}/api/v2/token/refresh?${query}`),
    );
    if (answer.code !== 0 || !answer.data)
      throw new MarketplaceApiError(`tiktok token refresh: ${answer.code}`, false);
    return {
      accessToken: answer.data.access_token,
      refreshToken: answer.data.refresh_token,
      expiresAt: isoFromEpoch(answer.data.access_token_expire_in),
    };
  },
};
