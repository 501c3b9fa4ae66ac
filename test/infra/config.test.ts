import { describe, expect, it } from "vitest";
import { readConfig } from "../../infra/config";

/** The configuration `cdk … -c key=value` would give (CDK passes -c values as strings). */
const withContext = (context: Record<string, unknown>, env: Record<string, string> = {}) =>
  readConfig((key) => context[key], env);

describe("the deployment configuration's warmInstances", () => {
  it("is 0 (warm instances off) when not given", () => {
    expect(withContext({}).warmInstances).toBe(0);
  });

  it("reads a whole number from -c warmInstances=<n> or from cdk.json", () => {
    expect(withContext({ warmInstances: "2" }).warmInstances).toBe(2);
    expect(withContext({ warmInstances: "0" }).warmInstances).toBe(0);
    expect(withContext({ warmInstances: 3 }).warmInstances).toBe(3);
  });

  it.each(["-1", "two", "1.5", "", "2x", "1e3", -1, 1.5, true])(
    "refuses %j, naming the setting and the value",
    (value) => {
      expect(() => withContext({ warmInstances: value })).toThrow(
        `warmInstances must be a whole number of instances, 0 or more (0 turns warm instances off); got ${JSON.stringify(value)}`,
      );
    },
  );
});

describe("the deployment configuration's marketplace apps", () => {
  it("configure no marketplace when no identifier is given, or an empty one", () => {
    expect(withContext({}).marketplaceApps).toEqual({});
    expect(withContext({ shopeePartnerId: "", lazadaAppKey: " " }).marketplaceApps).toEqual({});
  });

  it("read each app's public identifiers from -c shopeePartnerId, lazadaAppKey, tiktokAppKey and tiktokServiceId", () => {
    const apps = withContext({
      shopeePartnerId: "2001234",
      lazadaAppKey: "104455",
      tiktokAppKey: "6a1b2c3d4e5f6",
      tiktokServiceId: "7123456789012345678",
    }).marketplaceApps;
    expect(apps).toEqual({
      shopee: { partnerId: "2001234" },
      lazada: { appKey: "104455" },
      tiktok: { appKey: "6a1b2c3d4e5f6", serviceId: "7123456789012345678" },
    });
  });

  it("configure only the marketplaces given", () => {
    expect(withContext({ lazadaAppKey: "104455" }).marketplaceApps).toEqual({ lazada: { appKey: "104455" } });
  });

  it("accept Shopee's partner id as a number from cdk.json", () => {
    expect(withContext({ shopeePartnerId: 2001234 }).marketplaceApps).toEqual({
      shopee: { partnerId: "2001234" },
    });
  });

  it("fall back to SHOPEE_PARTNER_ID, LAZADA_APP_KEY, TIKTOK_APP_KEY and TIKTOK_SERVICE_ID, -c winning", () => {
    const env = {
      SHOPEE_PARTNER_ID: "2001234",
      LAZADA_APP_KEY: "104455",
      TIKTOK_APP_KEY: "6a1b2c3d4e5f6",
      TIKTOK_SERVICE_ID: "7123",
    };
    expect(withContext({}, env).marketplaceApps).toEqual({
      shopee: { partnerId: "2001234" },
      lazada: { appKey: "104455" },
      tiktok: { appKey: "6a1b2c3d4e5f6", serviceId: "7123" },
    });
    expect(withContext({ shopeePartnerId: "99" }, env).marketplaceApps.shopee).toEqual({ partnerId: "99" });
  });

  it.each(["shop-123", "12 34", "-5", "1.5", "123456789012345678901", 1.5])(
    "refuse the Shopee partner id %j, naming the key and the value",
    (value) => {
      expect(() => withContext({ shopeePartnerId: value })).toThrow(
        `shopeePartnerId must be Shopee's numeric partner id (digits only, Shopee Open Platform → the app); got ${JSON.stringify(value)}`,
      );
    },
  );

  it("name the environment variable when the refused value came from there", () => {
    expect(() => withContext({}, { SHOPEE_PARTNER_ID: "abc" })).toThrow(
      `SHOPEE_PARTNER_ID (the fallback for -c shopeePartnerId) must be Shopee's numeric partner id`,
    );
  });

  it.each([
    ["lazadaAppKey", "app key", 40],
    ["lazadaAppKey", "k".repeat(41), 40],
    ["tiktokAppKey", "k".repeat(61), 60],
    ["tiktokServiceId", "id\twith-tab", 60],
  ] as const)("refuse %s = %j, naming the key and the value", (key, value, max) => {
    const context = { tiktokAppKey: "6a1b", tiktokServiceId: "7123", [key]: value };
    expect(() => withContext(context)).toThrow(
      `${key} must be the app's identifier as its console shows it: up to ${max} letters, digits or symbols, no spaces; got ${JSON.stringify(value)}`,
    );
  });

  it("refuse an identifier that is not text", () => {
    expect(() => withContext({ lazadaAppKey: true })).toThrow("lazadaAppKey must be text; got true");
  });

  it.each([{ tiktokAppKey: "6a1b" }, { tiktokServiceId: "7123" }])(
    "refuse a TikTok app key without its service id, or the other way round (%j)",
    (context) => {
      expect(() => withContext(context)).toThrow(
        "tiktokAppKey and tiktokServiceId go together (TikTok Shop Partner Center → the app): give both or neither",
      );
    },
  );
});

describe("the deployment configuration's secretsRevision", () => {
  it("is absent unless given, and read as given", () => {
    expect(withContext({}).secretsRevision).toBeUndefined();
    expect(withContext({ secretsRevision: "2026-05-01T10:00" }).secretsRevision).toBe("2026-05-01T10:00");
    expect(withContext({ secretsRevision: 3 }).secretsRevision).toBe("3");
  });

  it.each(["two words", "x".repeat(65), "a/b"])("refuses %j", (value) => {
    expect(() => withContext({ secretsRevision: value })).toThrow(
      `secretsRevision must be up to 64 letters, digits, ".", "_", "-" or ":" (a date or a counter); got ${JSON.stringify(value)}`,
    );
  });
});
