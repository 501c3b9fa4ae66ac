/** Lazada Open Platform calls: /im/message/send, /seller/get (ownership), token refresh (docs/protocols.md#lazada). */
import { z } from "zod";
import type { ConnectionSecrets, OutgoingReply } from "../../domain/marketplace";
import { callJson, MarketplaceApiError } from "../shared/http";
import { idSchema as id } from "../shared/push";
import type { LazadaConnection } from "./connection";
import { fromLazadaOrder, LazadaItemsAnswer, LazadaOrderAnswer } from "./orders";
import { lazadaSign } from "./signing";

/** Lazada's error codes that a later retry may not get again. */
const RETRYABLE: ReadonlySet<string> = new Set([
  "ServiceUnavailable",
  "ApiCallLimit",
  "AppCallLimit",
  "IllegalAccessToken",
]);

const Answer = z.object({
  code: z.string(),
  message: z.string().optional(),
  data: z.object({ message_id: id.optional() }).passthrough().optional(),
});
const TokenAnswer = z.object({
  code: z.string(),
  access_token: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
});

/** A call signed with the app secret (timestamp in milliseconds, sign_method sha256). */
async function signedCall(
  appSecret: string,
  base: string,
  path: string,
  params: Record<string, string>,
  method: "GET" | "POST" = "POST",
) {
  const all = { ...params, timestamp: String(Date.now()), sign_method: "sha256" };
  const sign = lazadaSign(appSecret, path, all);
  return callJson(`${base}${path}?${new URLSearchParams({ ...all, sign })}`, { method });
}

/** GET /seller/get: the seller the access token belongs to (`data.seller_id`). */
const SellerAnswer = z.object({
  code: z.string(),
  message: z.string().optional(),
  data: z.object({ seller_id: id }).passthrough().optional(),
});

export const lazadaApi = {
  /** GET /order/get and /order/items/get per order (the buyer and the tracking are on the items). */
  async orders(connection: LazadaConnection, secrets: ConnectionSecrets, orderIds: readonly string[]) {
    const out = [];
    for (const orderId of orderIds) {
      const params = { app_key: connection.appId, access_token: secrets.accessToken, order_id: orderId };
      const order = LazadaOrderAnswer.parse(
        await signedCall(secrets.signingKey, connection.apiBaseUrl, "/order/get", params, "GET"),
      );
      if (order.code !== "0" || !order.data) {
        // An order id the seller does not have is answered with an error code and no data: not this shop's order.
        if (order.code === "0" || !RETRYABLE.has(order.code)) continue;
        throw new MarketplaceApiError(`lazada order: ${order.code}`, true);
      }
      const items = LazadaItemsAnswer.parse(
        await signedCall(secrets.signingKey, connection.apiBaseUrl, "/order/items/get", params, "GET"),
      );
      if (items.code !== "0")
        throw new MarketplaceApiError(`lazada order items: ${items.code}`, RETRYABLE.has(items.code));
      out.push(fromLazadaOrder(order.data, items.data ?? [], connection.market));
    }
    return out;
  },
  /** Sends a text reply in the session. */
  async send(connection: LazadaConnection, secrets: ConnectionSecrets, reply: OutgoingReply) {
    const answer = Answer.parse(
      await signedCall(secrets.signingKey, connection.apiBaseUrl, "/im/message/send", {
        app_key: connection.appId,
        access_token: secrets.accessToken,
        session_id: reply.threadId,
        template_id: "1",
        txt: reply.text,
      }),
    );
    if (answer.code !== "0")
      throw new MarketplaceApiError(
        `lazada: ${answer.code} ${answer.message ?? ""}`,
        !["IllegalAccessToken", "InvalidParameter"].includes(answer.code),
      );
    return { messageId: answer.data?.message_id ?? `lazada-${Date.now()}` };
  },
  /** The seller the access token belongs to. */
  async authorizedShops(connection: LazadaConnection, secrets: ConnectionSecrets) {
    const answer = SellerAnswer.parse(
      await signedCall(
        secrets.signingKey,
        connection.apiBaseUrl,
        "/seller/get",
        { app_key: connection.appId, access_token: secrets.accessToken },
        "GET",
      ),
    );
    if (answer.code !== "0" || !answer.data)
      throw new MarketplaceApiError(`lazada seller: ${answer.code}`, answer.code === "ServiceUnavailable");
    return [{ marketplaceShopId: answer.data.seller_id }];
  },
  /** A new access and refresh token pair. */
  async refresh(connection: LazadaConnection, secrets: ConnectionSecrets) {
    const answer = TokenAnswer.parse(
      await signedCall(secrets.signingKey, connection.authBaseUrl, "/auth/token/refresh", {
        app_key: connection.appId,
        refresh_token: secrets.refreshToken,
      }),
    );
    if (answer.code !== "0" || !answer.access_token || !answer.refresh_token)
      throw new MarketplaceApiError(`lazada token refresh: ${answer.code}`, false);
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresAt: new Date(Date.now() + (answer.expires_in ?? 604_800) * 1000).toISOString(),
    };
  },
};
