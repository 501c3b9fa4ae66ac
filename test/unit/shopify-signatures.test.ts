import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isShopDomain,
  queryHmac,
  verifyQuery,
  verifyWebhook,
  webhookHmac,
} from "../../functions/adapters/shopify/hmac";
import { parseShopifyJson } from "../../functions/adapters/shopify/json";
import { RestOrderSchema } from "../../functions/adapters/shopify/order-mapping";
import { parseWebhook } from "../../functions/adapters/shopify/webhook-payloads";
import { deriveKey } from "../../functions/config/secrets";
import { boundedTriggeredAt } from "../../functions/http/routes/shopify";
import {
  librarySignedQuery,
  officiallyValidWebhook,
  officialShopify,
  signedQuery,
  webhookRequest,
} from "../support/shopify-signing";

describe("Shopify signatures", () => {
  it("matches Shopify's own webhook test vector", () => {
    expect(webhookHmac("test_secret_key", '{"foo": "bar"}')).toBe(
      "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=",
    );
    expect(
      verifyWebhook(
        "test_secret_key",
        Buffer.from('{"foo": "bar"}'),
        "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=",
      ),
    ).toBe(true);
  });

  it("rejects a re-serialised body, a wrong secret and a missing header", () => {
    const header = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";
    expect(verifyWebhook("test_secret_key", Buffer.from('{"foo":"bar"}'), header)).toBe(false);
    expect(verifyWebhook("another_secret", Buffer.from('{"foo": "bar"}'), header)).toBe(false);
    expect(verifyWebhook("test_secret_key", Buffer.from('{"foo": "bar"}'), undefined)).toBe(false);
  });

  it("never accepts a signature made for another body", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ maxLength: 512 }), (a, b) => {
        fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
        return !verifyWebhook("s3cret", b, webhookHmac("s3cret", a));
      }),
    );
  });

  it("verifies install queries sorted by key, without hmac, within 90 seconds", () => {
    const now = 1_790_000_000;
    const params = new URLSearchParams({
      shop: "a-shop.myshopify.com",
      timestamp: String(now),
      host: "YWRtaW4",
    });
    params.set("hmac", queryHmac("secret", params));
    expect(verifyQuery("secret", params, now + 30)).toBe(true);
    expect(verifyQuery("secret", params, now + 91)).toBe(false);
    expect(verifyQuery("other", params, now)).toBe(false);
    params.set("shop", "evil.myshopify.com");
    expect(verifyQuery("secret", params, now)).toBe(false);
  });

  it("accepts only *.myshopify.com shop domains", () => {
    expect(isShopDomain("my-shop.myshopify.com")).toBe(true);
    for (const bad of [
      "my-shop.myshopify.com.evil.com",
      "evil.com",
      "-x.myshopify.com",
      "a/b.myshopify.com",
      "",
      undefined,
    ])
      expect(isShopDomain(bad)).toBe(false);
  });

  it("keeps ids beyond 2^53 exactly, as strings", () => {
    const parsed = parseShopifyJson(
      '{"id": 5730000000000001001, "n": 12, "s": "id: 5730000000000001001", "a": [9007199254740993]}',
    ) as Record<string, unknown>;
    expect(parsed).toEqual({
      id: "5730000000000001001",
      n: 12,
      s: "id: 5730000000000001001",
      a: ["9007199254740993"],
    });
  });

  it("parses any JSON the same as JSON.parse when no number is that long", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        fc.pre(!/\d{16,}/.test(text));
        expect(parseShopifyJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it("never accepts an install query with any parameter changed", () => {
    const now = 1_790_000_000;
    fc.assert(
      fc.property(
        fc.dictionary(
          fc
            .string({ minLength: 1, maxLength: 12 })
            .filter((k) => k !== "hmac" && k !== "signature" && k !== "timestamp"),
          fc.string({ maxLength: 30 }),
          { minKeys: 1, maxKeys: 5 },
        ),
        fc.string({ maxLength: 30 }),
        (params, tamper) => {
          const search = new URLSearchParams({ ...params, timestamp: String(now) });
          search.set("hmac", queryHmac("s3cret", search));
          expect(verifyQuery("s3cret", search, now)).toBe(true);
          const key = Object.keys(params)[0] as string;
          fc.pre(tamper !== params[key]);
          search.set(key, tamper);
          return !verifyQuery("s3cret", search, now);
        },
      ),
    );
  });

  it("accepts an install query signed as @shopify/shopify-api signs it (percent-encoded) and as Shopify's docs say (raw)", async () => {
    const now = Math.floor(Date.now() / 1000);
    // Values whose raw and form-urlencoded spellings differ, so the two ways of signing give different HMACs.
    const params = {
      shop: "a-shop.myshopify.com",
      host: "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYQ==",
      state: "n0nce:a b/c",
    };
    const official = new URLSearchParams(librarySignedQuery("s3cret", params));
    expect(await officialShopify("s3cret").utils.validateHmac(Object.fromEntries(official))).toBe(true);
    expect(verifyQuery("s3cret", official, now)).toBe(true);
    const raw = new URLSearchParams(signedQuery("s3cret", params));
    expect(raw.get("hmac")).not.toBe(official.get("hmac"));
    expect(verifyQuery("s3cret", raw, now)).toBe(true);
    official.set("state", "n0nce:a b/d");
    expect(verifyQuery("s3cret", official, now)).toBe(false);
  });

  it("signs test webhooks exactly as Shopify's own library verifies them", async () => {
    const body = '{"shop_id": 954889, "shop_domain": "a-shop.myshopify.com"}';
    const request = webhookRequest("s3cret", { topic: "shop/redact", shop: "a-shop.myshopify.com", body });
    expect(await officiallyValidWebhook("s3cret", request.headers, body)).toBe(true);
    expect(await officiallyValidWebhook("other", request.headers, body)).toBe(false);
  });

  it("derives a key per purpose that signs nothing the app secret signs", () => {
    const key = deriveKey("s3cret", "install-state-cookie");
    expect(key).toHaveLength(32);
    expect(Buffer.from(key)).toEqual(Buffer.from(deriveKey("s3cret", "install-state-cookie")));
    expect(Buffer.from(key)).not.toEqual(Buffer.from(deriveKey("other", "install-state-cookie")));
    expect(
      verifyWebhook("s3cret", Buffer.from("x"), createHmac("sha256", key).update("x").digest("base64")),
    ).toBe(false);
  });

  it("believes a webhook's shop and topic only as far as its body agrees", () => {
    const shop = "a-shop.myshopify.com";
    const redactShop = `{"shop_id": 954889, "shop_domain": "${shop}"}`;
    const redactCustomer = `{"shop_id": 954889, "shop_domain": "${shop}", "customer": {"id": 1, "email": "a@example.com", "phone": null}, "orders_to_redact": [1]}`;
    expect(parseWebhook("shop/redact", shop, redactShop)).toMatchObject({ ok: true });
    expect(parseWebhook("shop/redact", "b-shop.myshopify.com", redactShop)).toMatchObject({
      reason: "shop_mismatch",
    });
    expect(parseWebhook("shop/redact", shop, redactCustomer)).toMatchObject({ reason: "shape_mismatch" });
    expect(parseWebhook("customers/redact", shop, redactCustomer)).toMatchObject({ ok: true });
    expect(parseWebhook("customers/redact", shop, redactShop)).toMatchObject({ reason: "shape_mismatch" });
    expect(parseWebhook("app/uninstalled", shop, `{"id": 1, "domain": "${shop}"}`)).toMatchObject({
      reason: "shape_mismatch",
    });
    expect(parseWebhook("app/uninstalled", shop, `{"id": 1, "myshopify_domain": "${shop}"}`)).toMatchObject({
      ok: true,
    });
    expect(parseWebhook("orders/create", shop, "b7d3:a-shop.myshopify.com")).toMatchObject({
      reason: "not_json",
    });
    expect(parseWebhook("collections/create", shop, "{}")).toMatchObject({ reason: "unknown_topic" });
    // Product topics are ours now: a body must have the topic's shape, and a delete is the id alone (a product
    // body replayed under products/delete, whose topic header is unsigned, is refused).
    expect(parseWebhook("products/create", shop, "{}")).toMatchObject({ reason: "shape_mismatch" });
    expect(parseWebhook("products/delete", shop, '{"id": 8001}')).toMatchObject({ ok: true });
    expect(
      parseWebhook(
        "products/delete",
        shop,
        '{"id": 8001, "title": "Dress", "updated_at": "2026-11-20T10:00:00Z"}',
      ),
    ).toMatchObject({ reason: "shape_mismatch" });
  });

  it("clamps an X-Shopify-Triggered-At from the future to now, and keeps a past one", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    expect(boundedTriggeredAt("2099-01-01T00:00:00Z", now)).toBe("2026-11-20T00:00:00.000Z");
    expect(boundedTriggeredAt("2026-11-19T23:59:00Z", now)).toBe("2026-11-19T23:59:00.000Z");
    expect(boundedTriggeredAt("not a date", now)).toBeNull();
  });

  it("takes only ISO 4217 currency codes in orders", () => {
    const order = (currency: string) => ({
      id: 1,
      name: "#1",
      created_at: "2026-11-19T10:00:00Z",
      updated_at: "2026-11-19T10:00:00Z",
      total_price: "1.00",
      currency,
    });
    expect(RestOrderSchema.parse(order("thb")).currency).toBe("THB");
    for (const bad of ["US$", "XYZ", "", "EURO"])
      expect(RestOrderSchema.safeParse(order(bad)).success).toBe(false);
  });
});
