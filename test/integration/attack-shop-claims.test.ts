/**
 * Claiming someone else's marketplace shop: a connection must prove, with a call the marketplace accepts, that its
 * credentials act for the shop id it names; and the routing item is claimed conditionally, so the shop that holds
 * it is never displaced.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import type { ChannelConnection } from "../../functions/channels";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { type FakeApps, pushes, startFakeMarketplaces } from "../support/fake-marketplaces";
import { http } from "../support/local-stack";

type ErrorBody = { error: { code: string } };

const APPS: FakeApps = {
  shopee: { partnerId: "2006566", partnerKey: "shopee-partner-key-owner", shopId: "777777" },
  lazada: { appKey: "105827", appSecret: "lazada-app-secret-owner", sellerId: "1000012345" },
  tiktok: {
    appKey: "6abc123",
    appSecret: "tiktok-secret-owner",
    shopId: "7494000000001",
    shopCipher: "ROW_c",
  },
};
const OWNER = ShopId(DEMO_SHOP_ID);
const ATTACKER = ShopId("attacker.myshopify.com");
const ATTACKER_KEY = "sk_test_attacker_key_0123456789";

describe("claiming a marketplace shop", () => {
  let fake: Awaited<ReturnType<typeof startFakeMarketplaces>>;
  let stack: LocalStack;
  const callbackUrl = () => `${stack.url}/webhooks/shopee`;
  const shopee = (over: Record<string, unknown> = {}) => ({
    marketplaceShopId: APPS.shopee.shopId,
    partnerId: APPS.shopee.partnerId,
    partnerKey: APPS.shopee.partnerKey,
    accessToken: "shopee-token-1",
    refreshToken: "r1",
    callbackUrl: callbackUrl(),
    apiBaseUrl: fake.shopeeBase,
    ...over,
  });
  const connect = (token: string, body: unknown, marketplace = "shopee") =>
    http<ErrorBody>(`${stack.url}/v1/connections/${marketplace}`, { method: "PUT", token, body });
  const push = (key: string) => {
    const body = JSON.stringify({ shop_id: Number(APPS.shopee.shopId), code: 3, data: {} });
    const p = pushes.shopee(key, callbackUrl(), body);
    return fetch(`${stack.url}/webhooks/shopee`, { method: "POST", headers: p.headers, body: p.body });
  };

  beforeAll(async () => {
    fake = await startFakeMarketplaces(APPS);
    stack = await startLocalStack({ logLevel: "SILENT", autoPoll: false });
    await stack.deps.shops.putShop({ id: ATTACKER, name: "Attacker", markets: ["ID"] }, ATTACKER_KEY);
  });
  afterAll(async () => {
    await stack.stop();
    await fake.stop();
  });

  it("refuses a shop id the marketplace does not confirm for the given credentials, and claims nothing", async () => {
    // The attacker names the victim's shop id with an app and token of its own: Shopee refuses that signed call.
    const res = await connect(
      ATTACKER_KEY,
      shopee({ partnerKey: "attacker-partner-key", accessToken: "attacker-token" }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("ownership_not_proven");
    expect(await stack.deps.connections.route("shopee", APPS.shopee.shopId)).toBeNull();
    // A right partner key with a token that is not this shop's is refused too.
    const wrongToken = await connect(ATTACKER_KEY, shopee({ accessToken: "token-of-another-shop" }));
    expect(wrongToken.body.error.code).toBe("ownership_not_proven");
  });

  it("lets the rightful shop connect afterwards, and its pushes are verified with its own key", async () => {
    expect((await connect(stack.apiKey, shopee())).status).toBe(200);
    expect(await stack.deps.connections.route("shopee", APPS.shopee.shopId)).toBe(OWNER);
    expect((await push(APPS.shopee.partnerKey)).status).toBe(200);
    expect((await push("attacker-partner-key")).status).toBe(401);
  });

  it("answers 409 marketplace_shop_taken to a second shop even with valid credentials, and the owner keeps it", async () => {
    const res = await connect(ATTACKER_KEY, shopee());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("marketplace_shop_taken");
    expect(await stack.deps.connections.route("shopee", APPS.shopee.shopId)).toBe(OWNER);
    expect(await stack.deps.connections.get(ATTACKER, "shopee")).toBeNull();
    expect((await push(APPS.shopee.partnerKey)).status).toBe(200);
  });

  it("proves Lazada and TikTok shops with their own signed identity calls", async () => {
    const lazada = {
      sellerId: APPS.lazada.sellerId,
      appKey: APPS.lazada.appKey,
      appSecret: APPS.lazada.appSecret,
      accessToken: "lazada-token-1",
      refreshToken: "r1",
      apiBaseUrl: fake.lazadaBase,
      authBaseUrl: fake.lazadaBase,
      market: "SG",
    };
    const tiktok = {
      shopId: APPS.tiktok.shopId,
      shopCipher: APPS.tiktok.shopCipher,
      appKey: APPS.tiktok.appKey,
      appSecret: APPS.tiktok.appSecret,
      accessToken: "tiktok-token-1",
      refreshToken: "r1",
      apiBaseUrl: fake.tiktokBase,
      authBaseUrl: fake.tiktokBase,
      market: "TH",
    };
    expect((await connect(ATTACKER_KEY, { ...lazada, sellerId: "999" }, "lazada")).body.error.code).toBe(
      "ownership_not_proven",
    );
    expect((await connect(ATTACKER_KEY, { ...tiktok, shopId: "1" }, "tiktok")).body.error.code).toBe(
      "ownership_not_proven",
    );
    expect((await connect(stack.apiKey, lazada, "lazada")).status).toBe(200);
    expect((await connect(stack.apiKey, tiktok, "tiktok")).status).toBe(200);
    // Our identity calls were signed correctly: the shop ids alone were refused.
    expect(fake.rejectedSignatures.filter((m) => m !== "shopee")).toEqual([]);
  });

  it("lets exactly one of two shops racing for the same marketplace shop id hold it", async () => {
    const connection = (shopId: ShopId): ChannelConnection<"shopee"> => ({
      shopId,
      marketplace: "shopee",
      marketplaceShopId: "555555",
      appId: APPS.shopee.partnerId,
      vendor: { callbackUrl: callbackUrl() },
      apiBaseUrl: fake.shopeeBase,
      authBaseUrl: fake.shopeeBase,
      market: "ID",
      accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
      connectedAt: new Date().toISOString(),
    });
    const secrets = { signingKey: "k", accessToken: "a", refreshToken: "r" };
    const results = await Promise.allSettled([
      stack.deps.connections.save(connection(OWNER), secrets),
      stack.deps.connections.save(connection(ATTACKER), secrets),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const winner = results[0]?.status === "fulfilled" ? OWNER : ATTACKER;
    expect(await stack.deps.connections.route("shopee", "555555")).toBe(winner);
    // Saving again as the holder (a token refresh does) still works.
    await stack.deps.connections.save(connection(winner), secrets);
  });
});
