/** Shopee Open Platform v2 calls: sellerchat/send_message, get_shop_info (ownership), token refresh. */
import { z } from "zod";
import type { ConnectionSecrets, OutgoingReply } from "../../domain/marketplace";
import { callJson, epochSeconds, isoFromEpoch, MarketplaceApiError } from "../shared/http";
import { idSchema as id } from "../shared/push";
import type { ShopeeConnection } from "./connection";
import { fromShopeeOrder, ShopeeOrderDetailAnswer, ShopeeTrackingAnswer } from "./orders";
import { shopeeSign } from "./signing";

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

/** The query of a call signed for the connection's shop (partner_id + path + timestamp + access_token + shop_id). */
function shopQuery(connection: ShopeeConnection, secrets: ConnectionSecrets, path: string) {
  const timestamp = epochSeconds();
  const sign = shopeeSign(secrets.signingKey, {
    partnerId: connection.appId,
    path,
    timestamp,
    accessToken: secrets.accessToken,
    shopId: connection.marketplaceShopId,
  });
  return new URLSearchParams({
    partner_id: connection.appId,
    timestamp: String(timestamp),
    sign,
    access_token: secrets.accessToken,
    shop_id: connection.marketplaceShopId,
  });
}

/** Shopee's answer for an order it does not know ("Wrong parameters, detail: the order is not found."). */
const notFound = (error: string, message: string | undefined) =>
  error === "error_param" && /not (be )?found/i.test(message ?? "");

export const shopeeApi = {
  /** v2.order.get_order_detail (≤ 50 per call) and v2.logistics.get_tracking_number per order. */
  async orders(connection: ShopeeConnection, secrets: ConnectionSecrets, orderIds: readonly string[]) {
    const out = [];
    for (let i = 0; i < orderIds.length; i += 50) {
      const path = "/api/v2/order/get_order_detail";
      const query = shopQuery(connection, secrets, path);
      query.set("order_sn_list", orderIds.slice(i, i + 50).join(","));
      query.set("response_optional_fields", "buyer_user_id,item_list,shipping_carrier,total_amount");
      const answer = ShopeeOrderDetailAnswer.parse(
        await callJson(`${connection.apiBaseUrl}${path}?${query}`),
      );
      if (answer.error) {
        if (notFound(answer.error, answer.message)) continue;
        throw new MarketplaceApiError(
          `shopee order detail: ${answer.error}`,
          answer.error === "error_server",
        );
      }
      for (const order of answer.response?.order_list ?? []) {
        const trackingPath = "/api/v2/logistics/get_tracking_number";
        const trackingQuery = shopQuery(connection, secrets, trackingPath);
        trackingQuery.set("order_sn", order.order_sn);
        const tracking = ShopeeTrackingAnswer.parse(
          await callJson(`${connection.apiBaseUrl}${trackingPath}?${trackingQuery}`),
        );
        // No number yet (the carrier has not assigned one) is an answer, not a failure.
        out.push(fromShopeeOrder(order, tracking.error ? null : tracking.response?.tracking_number || null));
      }
    }
    return out;
  },
  /** Sends a text reply to the buyer. */
  async send(connection: ShopeeConnection, secrets: ConnectionSecrets, reply: OutgoingReply) {
    const path = "/api/v2/sellerchat/send_message";
    const query = shopQuery(connection, secrets, path);
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
    return { messageId: answer.response?.message_id ?? `shopee-${query.get("timestamp")}` };
  },
  /** The shop these credentials act for, proven by Shopee accepting a call signed for it. */
  async authorizedShops(connection: ShopeeConnection, secrets: ConnectionSecrets) {
    // The call is signed with the access token and shop id together, and Shopee answers it only when the token
    // was granted for that shop: success is the proof (the answer itself names no shop id).
    const path = "/api/v2/shop/get_shop_info";
    const query = shopQuery(connection, secrets, path);
    const answer = ShopInfoAnswer.parse(await callJson(`${connection.apiBaseUrl}${path}?${query}`));
    if (answer.error)
      throw new MarketplaceApiError(`shopee shop info: ${answer.error}`, answer.error === "error_server");
    return [{ marketplaceShopId: connection.marketplaceShopId }];
  },
  /** A new access and refresh token pair. */
  async refresh(connection: ShopeeConnection, secrets: ConnectionSecrets) {
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
