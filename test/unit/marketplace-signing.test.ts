import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lazadaSign } from "../../functions/channels/lazada/signing";
import { appKeyPushSign } from "../../functions/channels/shared/signing";
import { shopeePushSign, shopeeSign } from "../../functions/channels/shopee/signing";
import { tiktokSign } from "../../functions/channels/tiktok/signing";

const hex = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");

describe("marketplace signatures", () => {
  it("matches the Lazada documentation's test vector", () => {
    const params = {
      app_key: "123456",
      access_token: "test",
      order_id: "1234",
      sign_method: "sha256",
      timestamp: "1517820392000",
    };
    expect(lazadaSign("helloworld", "/order/get", params)).toBe(
      "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A",
    );
  });

  it("leaves the sign parameter out of Lazada's signature", () => {
    const params = { app_key: "1", timestamp: "2" };
    expect(lazadaSign("k", "/x", { ...params, sign: "ignored" })).toBe(lazadaSign("k", "/x", params));
  });

  it("signs Shopee shop calls over partner_id, path, timestamp, access_token and shop_id, in that order", () => {
    const sign = shopeeSign("key", {
      partnerId: "2006566",
      path: "/api/v2/sellerchat/send_message",
      timestamp: 1_790_000_000,
      accessToken: "tok",
      shopId: "947042923",
    });
    expect(sign).toBe(hex("key", "2006566/api/v2/sellerchat/send_message1790000000tok947042923"));
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
  });

  it("signs Shopee pushes over the callback URL, a bar and the raw body", () => {
    expect(shopeePushSign("key", "https://x.example/webhooks/shopee", '{"code":10}')).toBe(
      hex("key", 'https://x.example/webhooks/shopee|{"code":10}'),
    );
  });

  it("signs Lazada and TikTok pushes over the app key and the raw body", () => {
    expect(appKeyPushSign("secret", "app", "{}")).toBe(hex("secret", "app{}"));
  });

  it("wraps TikTok's signed string in the secret and leaves out sign and access_token", () => {
    const sign = tiktokSign("s", "/p", { timestamp: "9", app_key: "a", access_token: "t", sign: "x" }, "{}");
    expect(sign).toBe(hex("s", "s/papp_keyatimestamp9{}s"));
  });
});
