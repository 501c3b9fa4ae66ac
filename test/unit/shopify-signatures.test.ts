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
});
