/** Marketplace accounts as pure pieces: default hosts per market, authorization URLs, app-level push recognition. */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../functions/channels";
import { lazadaAppPushes } from "../../functions/channels/lazada/authorization";
import { shopeeAppPushes } from "../../functions/channels/shopee/authorization";
import { accountState } from "../../functions/http/web/views/connections";

const lazadaBody = {
  sellerId: "1000012345",
  appKey: "105827",
  appSecret: "secret",
  accessToken: "t",
  refreshToken: "r",
};

describe("a Lazada account's host", () => {
  it("is its own country's API host by default: api.lazada.co.th for a Thai seller", () => {
    const { fields } = CHANNELS.lazada.connection.draft({ ...lazadaBody, market: "TH" });
    expect(fields.apiBaseUrl).toBe("https://api.lazada.co.th/rest");
    expect(fields.authBaseUrl).toBe("https://auth.lazada.com/rest");
  });

  it("follows each market: Malaysia, the Philippines, Singapore, Vietnam, Indonesia", () => {
    const hosts = (["MY", "PH", "SG", "VN", "ID"] as const).map(
      (market) => new URL(CHANNELS.lazada.connection.draft({ ...lazadaBody, market }).fields.apiBaseUrl).host,
    );
    expect(hosts).toEqual([
      "api.lazada.com.my",
      "api.lazada.com.ph",
      "api.lazada.sg",
      "api.lazada.vn",
      "api.lazada.co.id",
    ]);
  });

  it("is only overridden by an explicit apiBaseUrl", () => {
    const { fields } = CHANNELS.lazada.connection.draft({
      ...lazadaBody,
      market: "TH",
      apiBaseUrl: "https://api.lazada.sg/rest",
    });
    expect(fields.apiBaseUrl).toBe("https://api.lazada.sg/rest");
  });
});

describe("authorization pages", () => {
  const app = { appId: "2006566", secret: "partner-key" };

  it("Shopee: auth_partner signed over partner_id + path + timestamp, the state riding in the redirect", () => {
    const url = new URL(
      CHANNELS.shopee.authorization?.authorizeUrl(app, {
        redirectUri: "https://abc123.execute-api.ap-southeast-1.amazonaws.com/connect/shopee/callback",
        state: "s1",
      }) ?? "",
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://partner.shopeemobile.com/api/v2/shop/auth_partner");
    const timestamp = url.searchParams.get("timestamp");
    expect(url.searchParams.get("sign")).toBe(
      createHmac("sha256", "partner-key")
        .update(`2006566/api/v2/shop/auth_partner${timestamp}`)
        .digest("hex"),
    );
    expect(url.searchParams.get("redirect")).toBe(
      "https://abc123.execute-api.ap-southeast-1.amazonaws.com/connect/shopee/callback?state=s1",
    );
  });

  it("Lazada: auth.lazada.com/oauth/authorize with response_type, force_auth, redirect_uri, client_id and state", () => {
    const url = new URL(
      CHANNELS.lazada.authorization?.authorizeUrl(
        { appId: "105827", secret: "x" },
        { redirectUri: "https://x.example/connect/lazada/callback", state: "s2" },
      ) ?? "",
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://auth.lazada.com/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      force_auth: "true",
      redirect_uri: "https://x.example/connect/lazada/callback",
      client_id: "105827",
      state: "s2",
    });
  });

  it("TikTok Shop: services.tiktokshop.com/open/authorize by service id, with the state", () => {
    const url = new URL(
      CHANNELS.tiktok.authorization?.authorizeUrl(
        { appId: "6abc", secret: "x", serviceId: "731" },
        { redirectUri: "ignored", state: "s3" },
      ) ?? "",
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://services.tiktokshop.com/open/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({ service_id: "731", state: "s3" });
  });
});

describe("pushes that name no account", () => {
  it("Lazada: type 12 is acknowledged, type 8 names the seller inside data, a chat message is an account push", () => {
    expect(lazadaAppPushes.classify({ message_type: 12, data: {} })).toEqual({
      kind: "ack",
      reason: "message_type 12",
    });
    expect(
      lazadaAppPushes.classify({
        seller_id: "null",
        message_type: 8,
        data: { app_key: "115527", auth_expiry_time: 1627542238, seller_id: "1000165972" },
      }),
    ).toEqual({ kind: "token_expiring", accountId: "1000165972", expiresAt: "2021-07-29T07:03:58.000Z" });
    expect(lazadaAppPushes.classify({ seller_id: "1", message_type: 2, data: {} })).toBeNull();
  });

  it("Shopee: a push without a top-level shop_id is app-level; one with it is the shop's", () => {
    expect(shopeeAppPushes.classify({ code: 12, data: {} })).toEqual({ kind: "ack", reason: "code 12" });
    expect(shopeeAppPushes.classify({ code: 10, shop_id: 5, data: {} })).toBeNull();
  });
});

describe("an account's state on the seller's page", () => {
  const base = {
    connection: {} as never,
    status: { lastPushAt: null, lastSendError: null, alert: null },
  };
  const now = new Date("2026-12-01T00:00:00Z");
  it("is connected without an alert, expiring before the alert's time, expired after it", () => {
    expect(accountState(base, now)).toBe("connected");
    const alert = (expiresAt: string) => ({
      ...base,
      status: {
        ...base.status,
        alert: { kind: "token_expiring" as const, expiresAt, at: now.toISOString() },
      },
    });
    expect(accountState(alert("2026-12-02T00:00:00Z"), now)).toBe("expiring");
    expect(accountState(alert("2026-11-30T00:00:00Z"), now)).toBe("expired");
  });
});
