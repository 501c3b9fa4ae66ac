/**
 * Lazada seller authorization (docs/protocols.md#marketplace-authorization): auth.lazada.com/oauth/authorize, then
 * /auth/token/create (one seller per country in `country_user_info`); and the app-level pushes, message types 12
 * (category broadcast, no seller) and 8 (token expiry alert, the seller inside `data`).
 */
import { z } from "zod";
import { safeEqual } from "../../adapters/shopify/hmac";
import { type AppPushes, AuthorizationError, type ChannelAuthorization } from "../shared/authorization";
import type { ChannelHosts } from "../shared/hosts";
import { callJson, isoFromEpoch } from "../shared/http";
import { idSchema as id } from "../shared/push";
import { appKeyPushSign } from "../shared/signing";
import { lazadaSign } from "./signing";

/** The authorization page's origin (its path is /oauth/authorize). */
const AUTHORIZE_ORIGIN = "https://auth.lazada.com";

/** /auth/token/create: code "0", the pair, and the seller of each country the account sells in. */
const TokenAnswer = z.object({
  code: z.string(),
  message: z.string().optional(),
  access_token: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  country: z.string().optional(),
  country_user_info: z
    .array(z.object({ country: z.string(), seller_id: id, user_id: id.optional() }).passthrough())
    .optional()
    .default([]),
});

export const lazadaAuthorization = (hosts: ChannelHosts): ChannelAuthorization => ({
  authorizeUrl(app, { redirectUri, state, base }) {
    const query = new URLSearchParams({
      response_type: "code",
      force_auth: "true",
      redirect_uri: redirectUri,
      client_id: app.appId,
      state,
    });
    return `${base ?? AUTHORIZE_ORIGIN}/oauth/authorize?${query}`;
  },
  async exchange(app, { query, market, base }) {
    if (!query.code) throw new AuthorizationError("authorization_failed", "Lazada did not return a code.");
    const authBase = base ?? hosts.defaultAuthBaseUrl;
    const path = "/auth/token/create";
    const params = {
      app_key: app.appId,
      code: query.code,
      timestamp: String(Date.now()),
      sign_method: "sha256",
    };
    const sign = lazadaSign(app.secret, path, params);
    const answer = TokenAnswer.parse(
      await callJson(`${authBase}${path}?${new URLSearchParams({ ...params, sign })}`, { method: "POST" }),
    );
    if (answer.code !== "0" || !answer.access_token || !answer.refresh_token)
      throw new AuthorizationError("authorization_failed", `Lazada refused the code: ${answer.code}`);
    const seller = answer.country_user_info.find((u) => u.country.toUpperCase() === market);
    if (!seller)
      throw new AuthorizationError("not_in_market", `This Lazada account does not sell in ${market}.`);
    const issued = Math.floor(Date.now() / 1000);
    return [
      {
        fields: {
          marketplaceShopId: seller.seller_id,
          appId: app.appId,
          vendor: {},
          // The seller's own country's host (domain/markets.ts); one base for a sandbox or a local fake.
          apiBaseUrl: base ?? hosts.defaultApiBaseUrl(market),
          authBaseUrl: authBase,
          market,
        },
        secrets: {
          signingKey: app.secret,
          accessToken: answer.access_token,
          refreshToken: answer.refresh_token,
        },
        accessTokenExpiresAt: isoFromEpoch(issued + (answer.expires_in ?? 604_800)),
      },
    ];
  },
});

const AppPush = z.object({
  message_type: z.number(),
  data: z
    .object({ seller_id: id.optional(), auth_expiry_time: z.number().optional() })
    .passthrough()
    .optional(),
});

/** Types 12 and 8 name no seller at the top level (8 sends `"seller_id": "null"`): the app's key verifies them. */
export const lazadaAppPushes: AppPushes = {
  classify(body) {
    const push = AppPush.safeParse(body);
    if (!push.success) return null;
    if (push.data.message_type === 12) return { kind: "ack", reason: "message_type 12" };
    if (push.data.message_type !== 8) return null;
    const seller = push.data.data?.seller_id;
    if (!seller) return { kind: "ack", reason: "message_type 8 without a seller" };
    const expiry = push.data.data?.auth_expiry_time;
    return {
      kind: "token_expiring",
      accountId: seller,
      expiresAt: expiry ? isoFromEpoch(expiry > 1e12 ? expiry / 1000 : expiry) : null,
    };
  },
  verify(app, raw, header) {
    const signature = header("authorization");
    return (
      !!signature && safeEqual(appKeyPushSign(app.secret, app.appId, raw), signature.trim().toLowerCase())
    );
  },
};
