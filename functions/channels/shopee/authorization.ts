/**
 * Shopee shop authorization (docs/protocols.md#marketplace-authorization): the signed auth_partner page, whose
 * redirect brings `code` and `shop_id`, then /api/v2/auth/token/get; and pushes without a shop (app-level codes).
 */
import { z } from "zod";
import { safeEqual } from "../../adapters/shopify/hmac";
import { type AppPushes, AuthorizationError, type ChannelAuthorization } from "../shared/authorization";
import type { ChannelHosts } from "../shared/hosts";
import { callJson, epochSeconds, isoFromEpoch } from "../shared/http";
import { shopeeShopOf } from "./push";
import { shopeePushSign, shopeeSign } from "./signing";

const AUTH_PATH = "/api/v2/shop/auth_partner";
const TOKEN_PATH = "/api/v2/auth/token/get";

/** /api/v2/auth/token/get: `error` empty on success, the pair, and its lifetime in seconds. */
const TokenAnswer = z.object({
  error: z.string().optional().default(""),
  message: z.string().optional(),
  access_token: z.string().optional(),
  refresh_token: z.string().optional(),
  expire_in: z.number().optional(),
});

export const shopeeAuthorization = (hosts: ChannelHosts): ChannelAuthorization => ({
  authorizeUrl(app, { redirectUri, state, base }) {
    const timestamp = epochSeconds();
    const sign = shopeeSign(app.secret, { partnerId: app.appId, path: AUTH_PATH, timestamp });
    // Shopee's page takes no state parameter: it rides in the redirect, which Shopee calls with code and shop_id.
    const redirect = `${redirectUri}?${new URLSearchParams({ state })}`;
    const query = new URLSearchParams({
      partner_id: app.appId,
      timestamp: String(timestamp),
      sign,
      redirect,
    });
    return `${base ?? hosts.defaultApiBaseUrl(null)}${AUTH_PATH}?${query}`;
  },
  async exchange(app, { query, market, pushUrl, base }) {
    const { code, shop_id: shopId } = query;
    if (!code || !shopId || !/^\d{1,20}$/.test(shopId))
      throw new AuthorizationError(
        "authorization_failed",
        "Shopee did not name one shop; authorize a shop, not a main account.",
      );
    const origin = base ?? hosts.defaultApiBaseUrl(market);
    const timestamp = epochSeconds();
    const sign = shopeeSign(app.secret, { partnerId: app.appId, path: TOKEN_PATH, timestamp });
    const answer = TokenAnswer.parse(
      await callJson(
        `${origin}${TOKEN_PATH}?${new URLSearchParams({ partner_id: app.appId, timestamp: String(timestamp), sign })}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code, shop_id: Number(shopId), partner_id: Number(app.appId) }),
        },
      ),
    );
    if (answer.error || !answer.access_token || !answer.refresh_token)
      throw new AuthorizationError(
        "authorization_failed",
        `Shopee refused the code: ${answer.error || "no token"}`,
      );
    return [
      {
        fields: {
          marketplaceShopId: shopId,
          appId: app.appId,
          vendor: { callbackUrl: pushUrl },
          apiBaseUrl: origin,
          authBaseUrl: origin,
          market,
        },
        secrets: {
          signingKey: app.secret,
          accessToken: answer.access_token,
          refreshToken: answer.refresh_token,
        },
        accessTokenExpiresAt: isoFromEpoch(timestamp + (answer.expire_in ?? 14_400)),
      },
    ];
  },
});

/** Pushes with no top-level shop_id (app-level codes): acknowledged once the partner key's signature matches. */
export const shopeeAppPushes: AppPushes = {
  classify(body) {
    if (shopeeShopOf(body) !== null) return null;
    const code = z.object({ code: z.number() }).safeParse(body);
    return { kind: "ack", reason: code.success ? `code ${code.data.code}` : "no shop_id" };
  },
  verify(app, raw, header, pushUrl) {
    const signature = header("authorization");
    return !!signature && safeEqual(shopeePushSign(app.secret, pushUrl, raw), signature.trim().toLowerCase());
  },
};
