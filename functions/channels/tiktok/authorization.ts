/**
 * TikTok Shop authorization (docs/protocols.md#marketplace-authorization): the app's authorization page
 * (services.tiktokshop.com/open/authorize?service_id=…), whose callback brings `code`, then /api/v2/token/get, then
 * the authorized shops (with their ciphers and regions), of which the ones in the asked market are connected.
 */
import { z } from "zod";
import { AuthorizationError, type ChannelAuthorization } from "../shared/authorization";
import type { ChannelHosts } from "../shared/hosts";
import { callJson, epochSeconds, isoFromEpoch } from "../shared/http";
import { idSchema as id } from "../shared/push";
import { tiktokSign } from "./signing";

const AUTHORIZE_ORIGIN = "https://services.tiktokshop.com";

const TokenAnswer = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z
    .object({
      access_token: z.string(),
      refresh_token: z.string(),
      /** An epoch second, not a duration. */
      access_token_expire_in: z.number(),
    })
    .passthrough()
    .nullish(),
});

const ShopsAnswer = z.object({
  code: z.number(),
  data: z
    .object({
      shops: z.array(z.object({ id, cipher: z.string(), region: z.string().optional() }).passthrough()),
    })
    .nullish(),
});

export const tiktokAuthorization = (hosts: ChannelHosts): ChannelAuthorization => ({
  authorizeUrl(app, { state, base }) {
    // The redirect is the one registered with the app in Partner Center: the page takes none.
    if (!app.serviceId) throw new AuthorizationError("authorization_failed", "TIKTOK_SERVICE_ID is not set.");
    return `${base ?? AUTHORIZE_ORIGIN}/open/authorize?${new URLSearchParams({ service_id: app.serviceId, state })}`;
  },
  async exchange(app, { query, market, base }) {
    if (!query.code)
      throw new AuthorizationError("authorization_failed", "TikTok Shop did not return a code.");
    const authBase = base ?? hosts.defaultAuthBaseUrl;
    const apiBase = base ?? hosts.defaultApiBaseUrl(market);
    const token = TokenAnswer.parse(
      await callJson(
        `${authBase}/api/v2/token/get?${new URLSearchParams({
          app_key: app.appId,
          app_secret: app.secret,
          auth_code: query.code,
          grant_type: "authorized_code",
        })}`,
      ),
    );
    if (token.code !== 0 || !token.data)
      throw new AuthorizationError("authorization_failed", `TikTok Shop refused the code: ${token.code}`);
    const path = "/authorization/202309/shops";
    const params = { app_key: app.appId, timestamp: String(epochSeconds()) };
    const shops = ShopsAnswer.parse(
      await callJson(
        `${apiBase}${path}?${new URLSearchParams({ ...params, sign: tiktokSign(app.secret, path, params, "") })}`,
        {
          headers: { "content-type": "application/json", "x-tts-access-token": token.data.access_token },
        },
      ),
    );
    if (shops.code !== 0 || !shops.data)
      throw new AuthorizationError("authorization_failed", `TikTok Shop listed no shops: ${shops.code}`);
    const { access_token, refresh_token, access_token_expire_in } = token.data;
    const inMarket = shops.data.shops.filter((s) => s.region?.toUpperCase() === market);
    if (inMarket.length === 0)
      throw new AuthorizationError("not_in_market", `This TikTok Shop seller has no shop in ${market}.`);
    return inMarket.map((s) => ({
      fields: {
        marketplaceShopId: s.id,
        appId: app.appId,
        vendor: { shopCipher: s.cipher },
        apiBaseUrl: apiBase,
        authBaseUrl: authBase,
        market,
      },
      secrets: { signingKey: app.secret, accessToken: access_token, refreshToken: refresh_token },
      accessTokenExpiresAt: isoFromEpoch(access_token_expire_in),
    }));
  },
});
