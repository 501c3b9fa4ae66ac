/**
 * Marketplace accounts, many per channel (issue #18): each answered with its own credentials, disconnect, the
 * one-connection-per-channel items of before migrated on read, app-level pushes, shop authorization at the
 * marketplace, and the seller's connections page. Everything runs against the local stack and the fake marketplaces.
 */
import { randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTable, type Table } from "../../functions/adapters/dynamodb/table";
import { ShopId } from "../../functions/domain/ids";
import { notificationContext } from "../../functions/domain/ports";
import { MARKET_CODES } from "../../functions/domain/markets";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { type FakeApps, pushes, startFakeMarketplaces } from "../support/fake-marketplaces";
import { http } from "../support/local-stack";
import { startWebhookReceiver } from "../support/webhook-receiver";

const SHOP_ID_ID = "947042923";
const SHOP_TH_ID = "947042999";
const SHOP_VN_ID = "947043111";
const APPS: FakeApps = {
  shopee: {
    partnerId: "2006566",
    partnerKey: "shopee-partner-key-accounts",
    shopId: SHOP_ID_ID,
    otherShops: [
      { shopId: SHOP_TH_ID, region: "TH" },
      { shopId: SHOP_VN_ID, region: "VN" },
    ],
  },
  lazada: { appKey: "105827", appSecret: "lazada-app-secret-accounts", sellerId: "1000012345" },
  tiktok: {
    appKey: "6abc123",
    appSecret: "tiktok-app-secret-accounts",
    shopId: "7494000000001",
    shopCipher: "ROW_cipher",
  },
};
const SHOP = ShopId(DEMO_SHOP_ID);
const NOTIFY_SECRET = "notification-secret-for-accounts";

type Account = {
  channel: string;
  accountId: string;
  market: string | null;
  host: string;
  lastPushAt: string | null;
  alert: { kind: string; expiresAt: string | null } | null;
};

/** The cookies a response set, as a browser would send them back. */
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => !c.endsWith("="));

describe("marketplace accounts", () => {
  let fake: Awaited<ReturnType<typeof startFakeMarketplaces>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let stack: LocalStack;
  let table: Table;
  let seq = 0;
  const pushUrl = (channel: string) => `${stack.url}/webhooks/${channel}`;

  beforeAll(async () => {
    fake = await startFakeMarketplaces(APPS);
    receiver = await startWebhookReceiver();
    stack = await startLocalStack({
      logLevel: "SILENT",
      marketplaceRetryBaseSeconds: 1,
      queues: { visibilityTimeoutSeconds: 1, maxReceives: 3 },
      autoPoll: false,
      // The operator's apps, and the fake standing in for every marketplace host of the authorization flow.
      environment: {
        SHOPEE_PARTNER_ID: APPS.shopee.partnerId,
        SHOPEE_PARTNER_KEY: APPS.shopee.partnerKey,
        LAZADA_APP_KEY: APPS.lazada.appKey,
        LAZADA_APP_SECRET: APPS.lazada.appSecret,
        TIKTOK_APP_KEY: APPS.tiktok.appKey,
        TIKTOK_APP_SECRET: APPS.tiktok.appSecret,
        TIKTOK_SERVICE_ID: "7310000000000000001",
        MARKETPLACE_BASE_URLS: JSON.stringify({
          shopee: fake.shopeeBase,
          lazada: fake.lazadaBase,
          tiktok: fake.tiktokBase,
        }),
      },
    });
    fake.authorizeAs.tiktok.redirectUrl = `${stack.url}/connect/tiktok/callback`;
    table = createTable(
      {
        region: "ap-southeast-1",
        endpoint: stack.env.DYNAMODB_ENDPOINT,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      },
      stack.env.TABLE_NAME,
    );
    // The seller's own endpoint for the region that serves SG (Lazada's token alert goes there).
    await stack.deps.shops.putShop(
      {
        id: SHOP,
        name: "Demo Shop",
        markets: [...MARKET_CODES],
        notifications: {
          sea: {
            url: receiver.url,
            sealedSecret: await stack.deps.secrets.seal(NOTIFY_SECRET, notificationContext(SHOP, "sea")),
          },
        },
      },
      stack.apiKey,
    );
  });
  afterAll(async () => {
    await stack.stop();
    table.client.destroy();
    await receiver.stop();
    await fake.stop();
  });

  const connectShopee = (shopId: string, market: string, token: string) =>
    http(`${stack.url}/v1/connections/shopee/${shopId}`, {
      method: "PUT",
      token: stack.apiKey,
      body: {
        market,
        partnerId: APPS.shopee.partnerId,
        partnerKey: APPS.shopee.partnerKey,
        accessToken: token,
        refreshToken: `r-${shopId}`,
        callbackUrl: pushUrl("shopee"),
        apiBaseUrl: fake.shopeeBase,
        accessTokenExpiresAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      },
    });
  const accounts = async () =>
    (await http<{ items: Account[] }>(`${stack.url}/v1/connections`, { token: stack.apiKey })).body.items;
  const shopeePush = (shopId: string, buyer: string, text: string, region: string) =>
    JSON.stringify({
      data: {
        type: "message",
        content: {
          message_id: `sp-acc-${++seq}`,
          shop_id: Number(shopId),
          from_id: Number(buyer),
          to_id: Number(shopId),
          message_type: "text",
          content: { text },
          conversation_id: `spc-acc-${seq}`,
          created_timestamp: Math.floor(Date.now() / 1000),
          region,
        },
      },
      shop_id: Number(shopId),
      code: 10,
      timestamp: Math.floor(Date.now() / 1000),
    });
  const postSigned = (channel: "shopee" | "lazada", body: string, key?: string) => {
    const p =
      channel === "shopee"
        ? pushes.shopee(key ?? APPS.shopee.partnerKey, pushUrl("shopee"), body)
        : pushes.appKey(key ?? APPS.lazada.appSecret, APPS.lazada.appKey, body);
    return fetch(pushUrl(channel), { method: "POST", headers: p.headers, body: p.body });
  };

  describe("two Shopee shops of one seller", () => {
    beforeAll(async () => {
      expect((await connectShopee(SHOP_ID_ID, "ID", "shopee-token-1")).status).toBe(200);
      expect((await connectShopee(SHOP_TH_ID, "TH", `shopee-token-${SHOP_TH_ID}`)).status).toBe(200);
    });

    it("lists both accounts, each with its own market and host, without secrets", async () => {
      const listed = (await accounts()).filter((a) => a.channel === "shopee");
      expect(listed.map((a) => [a.accountId, a.market]).sort()).toEqual([
        [SHOP_ID_ID, "ID"],
        [SHOP_TH_ID, "TH"],
      ]);
      const raw = JSON.stringify(listed);
      expect(raw).not.toContain(APPS.shopee.partnerKey);
      expect(raw).not.toContain("shopee-token-1");
    });

    it("answers each shop's buyer with that shop's own token, signed for that shop", async () => {
      expect(
        (
          await postSigned(
            "shopee",
            shopeePush(SHOP_ID_ID, "880021", "Halo kak, pesanan saya di mana?", "ID"),
          )
        ).status,
      ).toBe(200);
      expect(
        (await postSigned("shopee", shopeePush(SHOP_TH_ID, "880022", "สวัสดีค่ะ พัสดุของฉันอยู่ที่ไหน", "TH"))).status,
      ).toBe(200);
      await stack.poller.drain();
      const toIndonesian = fake.sent.filter((m) => m.to === "880021");
      const toThai = fake.sent.filter((m) => m.to === "880022");
      expect(toIndonesian.length).toBeGreaterThan(0);
      expect(toThai.length).toBeGreaterThan(0);
      for (const m of toIndonesian) expect([m.shopId, m.token]).toEqual([SHOP_ID_ID, fake.tokens.shopee]);
      for (const m of toThai)
        expect([m.shopId, m.token]).toEqual([SHOP_TH_ID, fake.shopeeTokens.get(SHOP_TH_ID)]);
      expect(fake.rejectedSignatures).toEqual([]);
      // Each account shows when it last heard from Shopee.
      const listed = await accounts();
      for (const id of [SHOP_ID_ID, SHOP_TH_ID])
        expect(listed.find((a) => a.accountId === id)?.lastPushAt).toEqual(expect.any(String));
    });

    it("a person's reply from the inbox goes out through the account the conversation came from", async () => {
      const body = shopeePush(SHOP_TH_ID, "880023", "ขอคุยกับเจ้าหน้าที่ค่ะ", "TH");
      expect((await postSigned("shopee", body)).status).toBe(200);
      await stack.poller.drain();
      const threadId = (JSON.parse(body) as { data: { content: { conversation_id: string } } }).data.content
        .conversation_id;
      // The reply as the inbox queues it: no account named, only the thread.
      await stack.deps.marketplaceQueues?.outbound({
        shopId: SHOP,
        marketplace: "shopee",
        conversationId: "c_agentreply0000000000",
        threadId,
        buyerId: "880023",
        text: "สวัสดีค่ะ ทีมงานรับเรื่องแล้วค่ะ",
        origin: { kind: "agent", messageId: `agent-${++seq}` },
      });
      await stack.poller.drain();
      const sent = fake.sent.find((m) => m.text === "สวัสดีค่ะ ทีมงานรับเรื่องแล้วค่ะ");
      expect(sent?.shopId).toBe(SHOP_TH_ID);
    });

    it("refuses a disconnected account's pushes (401) and sends nothing for it, queued replies included", async () => {
      // A reply already on its way when the seller disconnects.
      await stack.deps.marketplaceQueues?.outbound({
        shopId: SHOP,
        marketplace: "shopee",
        accountId: SHOP_TH_ID,
        conversationId: "c_disconnected00000000",
        threadId: "spc-gone",
        buyerId: "880024",
        text: "A reply queued before the disconnect",
        origin: { kind: "agent", messageId: `agent-${++seq}` },
      });
      const gone = await http(`${stack.url}/v1/connections/shopee/${SHOP_TH_ID}`, {
        method: "DELETE",
        token: stack.apiKey,
      });
      expect(gone.status).toBe(200);
      expect(gone.body).toEqual({ channel: "shopee", accountId: SHOP_TH_ID, disconnected: true });
      await stack.poller.drain();
      expect(fake.sent.filter((m) => m.to === "880024")).toEqual([]);

      const push = await postSigned("shopee", shopeePush(SHOP_TH_ID, "880025", "ยังอยู่ไหมคะ", "TH"));
      expect(push.status).toBe(401);
      await stack.poller.drain();
      expect(fake.sent.filter((m) => m.to === "880025")).toEqual([]);
      expect((await accounts()).map((a) => a.accountId)).not.toContain(SHOP_TH_ID);
      // The other country's shop is untouched.
      expect((await postSigned("shopee", shopeePush(SHOP_ID_ID, "880026", "Halo kak", "ID"))).status).toBe(
        200,
      );
      await stack.poller.drain();
      expect(fake.sent.some((m) => m.to === "880026" && m.shopId === SHOP_ID_ID)).toBe(true);
      // A second disconnect finds nothing.
      expect(
        (
          await http(`${stack.url}/v1/connections/shopee/${SHOP_TH_ID}`, {
            method: "DELETE",
            token: stack.apiKey,
          })
        ).status,
      ).toBe(404);
    });

    it("refuses a body that names another account than the path, and an account without a market", async () => {
      const other = await http(`${stack.url}/v1/connections/shopee/${SHOP_ID_ID}`, {
        method: "PUT",
        token: stack.apiKey,
        body: { marketplaceShopId: SHOP_TH_ID, market: "ID" },
      });
      expect(other.status).toBe(400);
      const noMarket = await http(`${stack.url}/v1/connections/shopee/${SHOP_ID_ID}`, {
        method: "PUT",
        token: stack.apiKey,
        body: {
          partnerId: APPS.shopee.partnerId,
          partnerKey: APPS.shopee.partnerKey,
          accessToken: "shopee-token-1",
          refreshToken: "r",
          callbackUrl: pushUrl("shopee"),
          apiBaseUrl: fake.shopeeBase,
        },
      });
      expect(noMarket.status).toBe(400);
      expect(JSON.stringify(noMarket.body)).toContain("market");
    });
  });

  describe("a connection stored before accounts", () => {
    beforeAll(async () => {
      // The one-item-per-channel shape: sort key the channel, secrets sealed to shop and channel only.
      const connection = {
        shopId: SHOP,
        marketplace: "lazada",
        marketplaceShopId: APPS.lazada.sellerId,
        appId: APPS.lazada.appKey,
        apiBaseUrl: fake.lazadaBase,
        authBaseUrl: fake.lazadaBase,
        market: "SG",
        shopCipher: null,
        callbackUrl: null,
        accessTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        connectedAt: new Date().toISOString(),
      };
      const secrets = {
        signingKey: APPS.lazada.appSecret,
        accessToken: fake.tokens.lazada,
        refreshToken: "r",
      };
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            pk: `SHOP#${SHOP}#MKT`,
            sk: "lazada",
            type: "mktConnection",
            owner: SHOP,
            connection,
            sealed: await stack.deps.secrets.seal(JSON.stringify(secrets), `${SHOP}:lazada`),
          },
        }),
      );
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            pk: `MKT#lazada#${APPS.lazada.sellerId}`,
            sk: "ROUTE",
            type: "mktRoute",
            owner: SHOP,
            shopId: SHOP,
          },
        }),
      );
    });

    it("becomes one account on read and keeps answering its pushes with its credentials", async () => {
      const listed = (await accounts()).find((a) => a.channel === "lazada");
      expect(listed).toMatchObject({ accountId: APPS.lazada.sellerId, market: "SG" });
      const old = await table.client.send(
        new GetCommand({ TableName: table.name, Key: { pk: `SHOP#${SHOP}#MKT`, sk: "lazada" } }),
      );
      expect(old.Item).toBeUndefined();
      const session = `lz-migrated-${++seq}`;
      const push = JSON.stringify({
        seller_id: APPS.lazada.sellerId,
        message_type: 2,
        site: "lazada_sg",
        timestamp: Date.now(),
        data: {
          session_id: session,
          message_id: `lz-m-${seq}`,
          content: JSON.stringify({ txt: "Hi, where is my parcel?" }),
          from_account_id: "55001",
          from_account_type: 1,
          send_time: Date.now(),
          template_id: 1,
          site_id: "lazada_sg",
        },
      });
      expect((await postSigned("lazada", push)).status).toBe(200);
      await stack.poller.drain();
      expect(fake.sent.some((m) => m.marketplace === "lazada" && m.thread === session)).toBe(true);
    });
  });

  describe("pushes that name no account", () => {
    it("acknowledges Lazada's category broadcast (type 12) signed with the app's key, and refuses a forged one", async () => {
      const body = JSON.stringify({
        message_type: 12,
        timestamp: Date.now(),
        data: { category_tree_version: "7" },
      });
      expect((await postSigned("lazada", body)).status).toBe(200);
      expect((await postSigned("lazada", body, "not-the-app-secret")).status).toBe(401);
    });

    it("acknowledges Lazada's token-expiry alert (type 8), shows it on the account and tells the seller's endpoint", async () => {
      const expiry = Math.floor(Date.now() / 1000) + 48 * 3600;
      const body = JSON.stringify({
        seller_id: "null",
        message_type: 8,
        data: { app_key: APPS.lazada.appKey, auth_expiry_time: expiry, seller_id: APPS.lazada.sellerId },
        timestamp: Math.floor(Date.now() / 1000),
        site: "lazada_sg",
      });
      expect((await postSigned("lazada", body)).status).toBe(200);
      const account = (await accounts()).find((a) => a.accountId === APPS.lazada.sellerId);
      expect(account?.alert).toMatchObject({
        kind: "token_expiring",
        expiresAt: new Date(expiry * 1000).toISOString(),
      });
      await stack.poller.drain();
      const told = receiver.received.find(
        (r) => r.headers["x-support-event"] === "connection.token_expiring",
      );
      expect(JSON.parse(told?.body ?? "{}")).toMatchObject({
        channel: "lazada",
        accountId: APPS.lazada.sellerId,
        market: "SG",
      });
      // Lazada retries the same alert: it is told once.
      expect((await postSigned("lazada", body)).status).toBe(200);
      await stack.poller.drain();
      expect(
        receiver.received.filter((r) => r.headers["x-support-event"] === "connection.token_expiring"),
      ).toHaveLength(1);
    });

    it("acknowledges a Shopee push without a shop_id signed with the partner key, and refuses an unsigned one", async () => {
      const body = JSON.stringify({ code: 12, timestamp: Math.floor(Date.now() / 1000), data: { item: 1 } });
      expect((await postSigned("shopee", body)).status).toBe(200);
      expect(
        (
          await fetch(pushUrl("shopee"), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body,
          })
        ).status,
      ).toBe(401);
    });
  });

  describe("shop authorization at the marketplace", () => {
    /** Follows the flow as a browser would, one redirect at a time: our start, the marketplace's page, our callback. */
    const authorize = async (channel: string, market: string) => {
      const start = await fetch(`${stack.url}/connect/${channel}?market=${market}`, {
        redirect: "manual",
        headers: { authorization: `Bearer ${stack.apiKey}` },
      });
      expect(start.status).toBe(302);
      const cookies = cookiesOf(start);
      const page = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
      expect(page.status).toBe(302);
      const callback = page.headers.get("location") ?? "";
      expect(callback.startsWith(`${stack.url}/connect/${channel}/callback?`)).toBe(true);
      const done = await fetch(callback, { redirect: "manual", headers: { cookie: cookies.join("; ") } });
      return { start, callback, cookies, done };
    };

    it("connects a Shopee shop: signed auth_partner page, code and shop_id back, token/get, ownership proven", async () => {
      fake.authorizeAs.shopee.shopId = SHOP_VN_ID;
      const { start, done } = await authorize("shopee", "VN");
      const page = new URL(start.headers.get("location") ?? "");
      expect(page.pathname).toBe("/shopee/api/v2/shop/auth_partner");
      expect(page.searchParams.get("partner_id")).toBe(APPS.shopee.partnerId);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe("/inbox/connections?done=connected");
      expect((await accounts()).find((a) => a.accountId === SHOP_VN_ID)).toMatchObject({
        channel: "shopee",
        market: "VN",
      });
      // Its pushes are now verified with the partner key over our push URL, and answered with its new token.
      expect(
        (
          await postSigned(
            "shopee",
            shopeePush(SHOP_VN_ID, "880031", "Chào shop, đơn của mình đâu rồi?", "VN"),
          )
        ).status,
      ).toBe(200);
      await stack.poller.drain();
      expect(fake.sent.find((m) => m.to === "880031")).toMatchObject({
        shopId: SHOP_VN_ID,
        token: fake.shopeeTokens.get(SHOP_VN_ID),
      });
    });

    it("connects a Lazada seller in the market asked for, with Lazada's authorize page and /auth/token/create", async () => {
      fake.authorizeAs.lazada = { sellerId: APPS.lazada.sellerId, country: "th" };
      const { start, done } = await authorize("lazada", "TH");
      const page = new URL(start.headers.get("location") ?? "");
      expect(page.pathname).toBe("/lazada/oauth/authorize");
      expect(Object.fromEntries(page.searchParams)).toMatchObject({
        response_type: "code",
        force_auth: "true",
        client_id: APPS.lazada.appKey,
        redirect_uri: `${stack.url}/connect/lazada/callback`,
      });
      expect(done.headers.get("location")).toBe("/inbox/connections?done=connected");
      const account = (await accounts()).find((a) => a.accountId === APPS.lazada.sellerId);
      expect(account).toMatchObject({ market: "TH", alert: null });
    });

    it("says so when the Lazada account does not sell in the market asked for", async () => {
      fake.authorizeAs.lazada = { sellerId: APPS.lazada.sellerId, country: "my" };
      const { done } = await authorize("lazada", "PH");
      expect(done.headers.get("location")).toBe("/inbox/connections?error=not_in_market");
    });

    it("connects a TikTok shop through the app's authorization page (service id), /api/v2/token/get and its shops", async () => {
      const { start, done } = await authorize("tiktok", "TH");
      const page = new URL(start.headers.get("location") ?? "");
      expect(page.pathname).toBe("/tiktok/open/authorize");
      expect(page.searchParams.get("service_id")).toBe("7310000000000000001");
      expect(done.headers.get("location")).toBe("/inbox/connections?done=connected");
      expect((await accounts()).find((a) => a.channel === "tiktok")).toMatchObject({
        accountId: APPS.tiktok.shopId,
        market: "TH",
      });
    });

    it("refuses a forged state, a replayed one, and one finished in another browser (401)", async () => {
      fake.authorizeAs.shopee.shopId = SHOP_VN_ID;
      const forged = await fetch(
        `${stack.url}/connect/shopee/callback?state=${randomBytes(32).toString("base64url")}&code=x&shop_id=${SHOP_VN_ID}`,
        { redirect: "manual" },
      );
      expect(forged.status).toBe(401);

      const { callback, cookies, done } = await authorize("shopee", "VN");
      expect(done.status).toBe(303);
      const replayed = await fetch(callback, { redirect: "manual", headers: { cookie: cookies.join("; ") } });
      expect(replayed.status).toBe(401);

      const start = await fetch(`${stack.url}/connect/shopee?market=VN`, {
        redirect: "manual",
        headers: { authorization: `Bearer ${stack.apiKey}` },
      });
      const page = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
      const elsewhere = await fetch(page.headers.get("location") ?? "", { redirect: "manual" });
      expect(elsewhere.status).toBe(401);
    });

    it("asks for the shop API key, and a market", async () => {
      expect(
        (
          await fetch(`${stack.url}/connect/shopee?market=ID`, {
            redirect: "manual",
            headers: { authorization: "Bearer sk_wrong_key_000000000" },
          })
        ).status,
      ).toBe(401);
      // A browser without the header is sent to the inbox, which reads its session there.
      const browser = await fetch(`${stack.url}/connect/shopee?market=ID`, { redirect: "manual" });
      expect(browser.status).toBe(303);
      expect(browser.headers.get("location")).toBe("/inbox/connect/shopee?market=ID");
      const noMarket = await http(`${stack.url}/connect/shopee`, { token: stack.apiKey });
      expect(noMarket.status).toBe(400);
    });
  });

  describe("the seller's connections page", () => {
    const form = (path: string, cookies: string[], origin = stack.url) =>
      fetch(`${stack.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: cookies.join("; "),
          origin,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "",
      });
    let session: string[] = [];
    beforeAll(async () => {
      const signIn = await fetch(`${stack.url}/inbox/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: stack.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ kind: "seller", credential: stack.apiKey }),
      });
      session = cookiesOf(signIn);
    });

    it("lists every account with its status and offers to connect each marketplace", async () => {
      const page = await fetch(`${stack.url}/inbox/connections`, { headers: { cookie: session.join("; ") } });
      expect(page.status).toBe(200);
      const html = await page.text();
      for (const id of [SHOP_ID_ID, SHOP_VN_ID, APPS.lazada.sellerId, APPS.tiktok.shopId])
        expect(html).toContain(id);
      expect(html).toContain('action="/inbox/connect/shopee"');
      expect(html).toContain(`/inbox/connections/shopee/${SHOP_VN_ID}/disconnect`);
    });

    it("starts an authorization from the page with the seller's session", async () => {
      const start = await fetch(`${stack.url}/inbox/connect/lazada?market=TH`, {
        redirect: "manual",
        headers: { cookie: session.join("; ") },
      });
      expect(start.status).toBe(302);
      expect(new URL(start.headers.get("location") ?? "").pathname).toBe("/lazada/oauth/authorize");
    });

    it("disconnects from the page with a same-origin form post, and refuses one from another site", async () => {
      const path = `/inbox/connections/shopee/${SHOP_VN_ID}/disconnect`;
      expect((await form(path, session, "https://evil.example")).status).toBe(403);
      expect((await accounts()).map((a) => a.accountId)).toContain(SHOP_VN_ID);
      const done = await form(path, session);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe("/inbox/connections?done=disconnected");
      expect((await accounts()).map((a) => a.accountId)).not.toContain(SHOP_VN_ID);
    });
  });
});
