/** TikTok Shop customer-service API, version 202309: send, authorized shops (ownership), token refresh. */
import { z } from "zod";
import type { ConnectionSecrets, OutgoingReply } from "../../domain/marketplace";
import { callJson, epochSeconds, isoFromEpoch, MarketplaceApiError } from "../shared/http";
import { idSchema as id } from "../shared/push";
import type { TikTokConnection } from "./connection";
import { fromTikTokOrder, TikTokOrdersAnswer } from "./orders";
import { tiktokSign } from "./signing";

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

export const tiktokApi = {
  /** 202309 Get Order Detail, `GET /order/202309/orders?ids=` (≤ 50 per call); unknown ids are simply absent. */
  async orders(connection: TikTokConnection, secrets: ConnectionSecrets, orderIds: readonly string[]) {
    const path = "/order/202309/orders";
    const out = [];
    for (let i = 0; i < orderIds.length; i += 50) {
      const params: Record<string, string> = {
        app_key: connection.appId,
        timestamp: String(epochSeconds()),
        shop_cipher: connection.vendor.shopCipher,
        ids: orderIds.slice(i, i + 50).join(","),
      };
      const sign = tiktokSign(secrets.signingKey, path, params, "");
      const answer = TikTokOrdersAnswer.parse(
        await callJson(`${connection.apiBaseUrl}${path}?${new URLSearchParams({ ...params, sign })}`, {
          headers: { "content-type": "application/json", "x-tts-access-token": secrets.accessToken },
        }),
      );
      if (answer.code !== 0)
        throw new MarketplaceApiError(
          `tiktok orders: ${answer.code}`,
          answer.code >= 50000 || answer.code === 36009003,
        );
      out.push(...(answer.data?.orders ?? []).map(fromTikTokOrder));
    }
    return out;
  },
  /** Sends a text message in the conversation. */
  async send(connection: TikTokConnection, secrets: ConnectionSecrets, reply: OutgoingReply) {
    const path = `/customer_service/202309/conversations/${encodeURIComponent(reply.threadId)}/messages`;
    const body = JSON.stringify({ type: "TEXT", content: JSON.stringify({ content: reply.text }) });
    const params: Record<string, string> = {
      app_key: connection.appId,
      timestamp: String(epochSeconds()),
      shop_cipher: connection.vendor.shopCipher,
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
  /** The shops the seller authorized for this app, each with its cipher. */
  async authorizedShops(connection: TikTokConnection, secrets: ConnectionSecrets) {
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
    return answer.data.shops.map((s) => ({ marketplaceShopId: s.id, vendor: { shopCipher: s.cipher } }));
  },
  /** A new access and refresh token pair. */
  async refresh(connection: TikTokConnection, secrets: ConnectionSecrets) {
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
