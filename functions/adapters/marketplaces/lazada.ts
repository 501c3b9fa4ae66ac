/** Lazada Open Platform: IM push (message_type 2), /im/message/send, token refresh (docs/protocols.md). */
import { z } from "zod";
import type { InboundPush, MarketplaceAdapter } from "../../domain/marketplace";
import { type MarketCode, isMarketCode } from "../../domain/markets";
import { callJson, MarketplaceApiError } from "./http";
import { jsonContent, verifyAppKeyPush } from "./push-helpers";
import { lazadaSign } from "./signing";

const id = z.union([z.string(), z.number()]).transform(String);

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

export const lazada: MarketplaceAdapter = {
  marketplace: "lazada",
  shopOf: (body) => {
    const parsed = z.object({ seller_id: id }).safeParse(body);
    return parsed.success ? parsed.data.seller_id : null;
  },
  verify: verifyAppKeyPush,
  parse(body, connection): InboundPush[] {
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
  },
  async send(connection, secrets, reply) {
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
  async authorizedShops(connection, secrets) {
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
  async refresh(connection, secrets) {
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
