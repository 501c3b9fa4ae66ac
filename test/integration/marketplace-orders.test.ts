import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, LOCAL_DEFAULTS, startLocalStack } from "../../functions/local/stack";
import { type FakeApps, pushes, startFakeMarketplaces } from "../support/fake-marketplaces";
import { http } from "../support/local-stack";
import { webhookRequest } from "../support/shopify-signing";

const APPS: FakeApps = {
  shopee: { partnerId: "2006566", partnerKey: "shopee-partner-key-orders", shopId: "947042924" },
  lazada: { appKey: "105828", appSecret: "lazada-app-secret-orders", sellerId: "1000012346" },
  tiktok: {
    appKey: "6abc124",
    appSecret: "tiktok-app-secret-orders",
    shopId: "7494000000002",
    shopCipher: "ROW_cipher_orders",
  },
};
const SHOP = ShopId(DEMO_SHOP_ID);
const NOW = Math.floor(Date.now() / 1000);

/** Shopee get_order_detail entries, as documented (docs/protocols.md#marketplace-orders). */
const shopeeOrder = (sn: string, buyer: number, status: string, updateTime: number) => ({
  order_sn: sn,
  region: "ID",
  currency: "IDR",
  cod: false,
  order_status: status,
  create_time: NOW - 3 * 86_400,
  update_time: updateTime,
  buyer_user_id: buyer,
  buyer_username: `buyer${buyer}`,
  total_amount: 150000,
  shipping_carrier: "SPX Express",
  item_list: [{ item_name: "Batik scarf", model_name: "Blue", model_quantity_purchased: 2 }],
});

describe("marketplace orders", () => {
  let fake: Awaited<ReturnType<typeof startFakeMarketplaces>>;
  let stack: LocalStack;
  let seq = 0;
  const callback = () => `${stack.url}/webhooks/shopee`;

  const postShopee = (body: unknown) => {
    const p = pushes.shopee(APPS.shopee.partnerKey, callback(), JSON.stringify(body));
    return fetch(`${stack.url}/webhooks/shopee`, { method: "POST", headers: p.headers, body: p.body });
  };
  const postAppKey = (marketplace: "lazada" | "tiktok", body: unknown) => {
    const app = APPS[marketplace];
    const p = pushes.appKey(app.appSecret, app.appKey, JSON.stringify(body));
    return fetch(`${stack.url}/webhooks/${marketplace}`, {
      method: "POST",
      headers: p.headers,
      body: p.body,
    });
  };
  const shopeeMessage = (
    buyer: string,
    text: string,
    opts: { type?: string; content?: Record<string, unknown>; conversation?: string } = {},
  ) => ({
    data: {
      type: "message",
      content: {
        message_id: `spo-${Date.now()}-${++seq}`,
        shop_id: Number(APPS.shopee.shopId),
        from_id: Number(buyer),
        to_id: Number(APPS.shopee.shopId),
        message_type: opts.type ?? "text",
        content: opts.content ?? { text },
        conversation_id: opts.conversation ?? `spo-conv-${buyer}-${seq}`,
        created_timestamp: Math.floor(Date.now() / 1000),
        region: "ID",
      },
    },
    shop_id: Number(APPS.shopee.shopId),
    code: 10,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const shopeeOrderPush = (sn: string, status: string, updateTime: number) => ({
    msg_id: `msg-${++seq}`,
    data: { ordersn: sn, status, update_time: updateTime, completed_scenario: "", items: [] },
    shop_id: Number(APPS.shopee.shopId),
    code: 3,
    timestamp: updateTime,
  });
  /** The replies sent on one marketplace to one thread (Shopee's are addressed to the buyer). */
  const repliesTo = (marketplace: string, to: string) =>
    fake.sent
      .filter((m) => m.marketplace === marketplace && (m.to === to || m.thread === to))
      .map((m) => m.text);

  beforeAll(async () => {
    fake = await startFakeMarketplaces(APPS);
    stack = await startLocalStack({
      logLevel: "SILENT",
      marketplaceRetryBaseSeconds: 1,
      queues: { visibilityTimeoutSeconds: 1, maxReceives: 3 },
      autoPoll: false,
    });
    const put = (marketplace: string, body: unknown) =>
      http(`${stack.url}/v1/connections/${marketplace}`, { method: "PUT", token: stack.apiKey, body });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (
        await put("shopee", {
          marketplaceShopId: APPS.shopee.shopId,
          partnerId: APPS.shopee.partnerId,
          partnerKey: APPS.shopee.partnerKey,
          accessToken: "shopee-token-1",
          refreshToken: "r1",
          callbackUrl: callback(),
          apiBaseUrl: fake.shopeeBase,
          accessTokenExpiresAt: later,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await put("lazada", {
          sellerId: APPS.lazada.sellerId,
          appKey: APPS.lazada.appKey,
          appSecret: APPS.lazada.appSecret,
          accessToken: "lazada-token-1",
          refreshToken: "r1",
          apiBaseUrl: fake.lazadaBase,
          authBaseUrl: fake.lazadaBase,
          market: "SG",
          accessTokenExpiresAt: later,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await put("tiktok", {
          shopId: APPS.tiktok.shopId,
          shopCipher: APPS.tiktok.shopCipher,
          appKey: APPS.tiktok.appKey,
          appSecret: APPS.tiktok.appSecret,
          accessToken: "tiktok-token-1",
          refreshToken: "r1",
          apiBaseUrl: fake.tiktokBase,
          authBaseUrl: fake.tiktokBase,
          market: "TH",
          accessTokenExpiresAt: later,
        })
      ).status,
    ).toBe(200);

    fake.orders.shopee.set("250101SPX00001", shopeeOrder("250101SPX00001", 880022, "SHIPPED", NOW - 600));
    fake.orders.shopeeTracking.set("250101SPX00001", "SPXID0123456789");
    fake.orders.shopee.set("250102SPX00002", shopeeOrder("250102SPX00002", 880099, "SHIPPED", NOW - 600));
    fake.orders.shopeeTracking.set("250102SPX00002", "SPXID0999999999");
    fake.orders.shopee.set("250103SPX00003", shopeeOrder("250103SPX00003", 880033, "SHIPPED", NOW - 600));
    fake.orders.shopeeTracking.set("250103SPX00003", "SPXID0333333333");
    fake.orders.lazada.set("402145556603456", {
      order: {
        order_id: 402145556603456,
        order_number: 402145556603456,
        statuses: ["shipped"],
        created_at: "2026-03-01 10:00:00 +0800",
        updated_at: "2026-03-02 09:30:00 +0800",
        price: "59.90",
        address_shipping: { country: "Singapore" },
      },
      items: [
        {
          order_item_id: 1,
          order_id: 402145556603456,
          status: "shipped",
          name: "Silk pillowcase",
          buyer_id: 55002,
          tracking_code: "LZDSG000111",
          shipment_provider: "Ninja Van",
          package_id: "FP001",
          currency: "SGD",
        },
      ],
    });
    fake.orders.tiktok.set("576461413038785752", {
      id: "576461413038785752",
      status: "IN_TRANSIT",
      user_id: "7494012345",
      create_time: NOW - 86_400,
      update_time: NOW - 300,
      tracking_number: "",
      shipping_provider: "Flash Express",
      payment: { currency: "THB", total_amount: "499" },
      recipient_address: { region_code: "TH" },
      line_items: [
        {
          product_name: "Thai silk scarf",
          tracking_number: "TH987654321TT",
          shipping_provider_name: "Flash Express",
        },
      ],
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
  });

  it("caches a Shopee order from its status push and answers its buyer's 'where is my order?' with the tracking number, without another API call", async () => {
    expect((await postShopee(shopeeOrderPush("250101SPX00001", "SHIPPED", NOW - 600))).status).toBe(200);
    await stack.poller.drain();
    const cached = await stack.deps.orders.getOrder(SHOP, "250101SPX00001");
    expect(cached?.buyerKey).toBe("buyer:shopee:880022");
    expect(cached?.tracking[0]).toEqual({ company: "SPX Express", number: "SPXID0123456789", url: null });

    const calls = fake.orderCalls.length;
    await postShopee(
      shopeeMessage("880022", "Kak, pesanan saya sudah sampai mana?", { conversation: "spo-conv-880022" }),
    );
    await stack.poller.drain();
    expect(repliesTo("shopee", "880022").join("\n")).toContain("SPXID0123456789");
    expect(fake.orderCalls.length).toBe(calls);
    expect(fake.rejectedSignatures).toEqual([]);
  });

  it("never lets an older order push overwrite a newer snapshot", async () => {
    fake.orders.shopee.set(
      "250101SPX00001",
      shopeeOrder("250101SPX00001", 880022, "READY_TO_SHIP", NOW - 7200),
    );
    await postShopee(shopeeOrderPush("250101SPX00001", "READY_TO_SHIP", NOW - 7200));
    await stack.poller.drain();
    const cached = await stack.deps.orders.getOrder(SHOP, "250101SPX00001");
    expect(cached?.fulfillmentStatus).toBe("IN_TRANSIT");
    expect(cached?.updatedAt).toBe(new Date((NOW - 600) * 1000).toISOString());
    fake.orders.shopee.set("250101SPX00001", shopeeOrder("250101SPX00001", 880022, "SHIPPED", NOW - 600));
  });

  it("reads an order card's order from Shopee on a cache miss and answers that order for its buyer", async () => {
    await postShopee(shopeeMessage("880033", "", { type: "order", content: { order_sn: "250103SPX00003" } }));
    await stack.poller.drain();
    expect(fake.orderCalls).toContain("shopee:250103SPX00003");
    expect(repliesTo("shopee", "880033").join("\n")).toContain("SPXID0333333333");
  });

  it("refuses another buyer's order, cached or read from the marketplace, alike", async () => {
    await postShopee(shopeeMessage("880077", "", { type: "order", content: { order_sn: "250101SPX00001" } }));
    await postShopee(shopeeMessage("880077", "Kak, pesanan #250102SPX00002 sudah sampai mana?"));
    await stack.poller.drain();
    const replies = repliesTo("shopee", "880077");
    expect(replies).toHaveLength(2);
    expect(replies.join("\n")).not.toContain("SPXID0123456789");
    expect(replies.join("\n")).not.toContain("SPXID0999999999");
  });

  it("answers a Lazada buyer's order status from the trade order push, with the tracking number from the items", async () => {
    const push = {
      seller_id: APPS.lazada.sellerId,
      message_type: 0,
      timestamp: Date.now(),
      site: "lazada_sg",
      data: {
        order_status: "shipped",
        trade_order_id: "402145556603456",
        trade_order_line_id: "1",
        status_update_time: NOW - 60,
      },
    };
    expect((await postAppKey("lazada", push)).status).toBe(200);
    await stack.poller.drain();
    expect((await stack.deps.orders.getOrder(SHOP, "402145556603456"))?.buyerKey).toBe("buyer:lazada:55002");
    const session = `lzo-${Date.now()}`;
    await postAppKey("lazada", {
      seller_id: APPS.lazada.sellerId,
      message_type: 2,
      site: "lazada_sg",
      timestamp: Date.now(),
      data: {
        session_id: session,
        message_id: `lzo-m-${++seq}`,
        content: JSON.stringify({ txt: "Hi, where is my order?" }),
        from_account_id: "55002",
        from_account_type: 1,
        send_time: Date.now(),
        template_id: 1,
        site_id: "lazada_sg",
        status: 0,
      },
    });
    await stack.poller.drain();
    expect(repliesTo("lazada", session).join("\n")).toContain("LZDSG000111");
  });

  it("answers a TikTok Shop buyer's order status from the order status change, with the line item's tracking number", async () => {
    const push = {
      type: 1,
      shop_id: APPS.tiktok.shopId,
      timestamp: NOW,
      tts_notification_id: `n-${++seq}`,
      data: { order_id: "576461413038785752", order_status: "IN_TRANSIT", update_time: NOW - 300 },
    };
    expect((await postAppKey("tiktok", push)).status).toBe(200);
    await stack.poller.drain();
    const conversation = `tto-${Date.now()}`;
    await postAppKey("tiktok", {
      type: 14,
      shop_id: APPS.tiktok.shopId,
      timestamp: NOW,
      tts_notification_id: `n-${++seq}`,
      data: {
        conversation_id: conversation,
        message_id: `tto-m-${++seq}`,
        type: "TEXT",
        content: JSON.stringify({ content: "ออเดอร์ของฉันอยู่ที่ไหนคะ" }),
        create_time: NOW,
        sender: { im_user_id: "im-7001", user_id: "7494012345", role: "BUYER" },
      },
    });
    await stack.poller.drain();
    expect(repliesTo("tiktok", conversation).join("\n")).toContain("TH987654321TT");
  });

  it("shows the AI's and people's replies per marketplace, and that automated replies do not count towards the response rate", async () => {
    // The seller's own staff write in the Shopee app: a person's reply.
    const staff = shopeeMessage(APPS.shopee.shopId, "Halo Kak, kami cek dulu ya.");
    (staff.data.content as Record<string, unknown>).from_shop_id = Number(APPS.shopee.shopId);
    (staff.data.content as Record<string, unknown>).conversation_id = "spo-conv-880022";
    await postShopee(staff);
    await stack.poller.drain();
    const res = await http<{
      marketplaces: Record<
        string,
        {
          aiReplies: number;
          humanReplies: number;
          aiRepliesCountTowardsResponseRate: boolean;
          repliesCountingTowardsResponseRate: number;
        }
      >;
    }>(`${stack.url}/v1/analytics`, { token: stack.apiKey });
    expect(res.status).toBe(200);
    const shopee = res.body.marketplaces.shopee;
    expect(shopee?.aiReplies).toBeGreaterThanOrEqual(3);
    expect(shopee?.humanReplies).toBeGreaterThanOrEqual(1);
    expect(shopee?.aiRepliesCountTowardsResponseRate).toBe(false);
    expect(shopee?.repliesCountingTowardsResponseRate).toBe(shopee?.humanReplies);
    expect(res.body.marketplaces.lazada?.aiReplies).toBeGreaterThanOrEqual(1);
    expect(res.body.marketplaces.tiktok?.aiReplies).toBeGreaterThanOrEqual(1);
  });

  it("erases the marketplace orders with the shop on shop/redact", async () => {
    expect(await stack.deps.orders.getOrder(SHOP, "402145556603456")).not.toBeNull();
    const request = webhookRequest(LOCAL_DEFAULTS.shopifyApiSecret, {
      topic: "shop/redact",
      shop: DEMO_SHOP_ID,
      body: `{"shop_id": 1, "shop_domain": "${DEMO_SHOP_ID}"}`,
    });
    const res = await fetch(`${stack.url}/webhooks/shopify`, {
      method: "POST",
      headers: request.headers,
      body: request.body,
    });
    expect(res.status).toBe(200);
    await stack.poller.drain();
    for (const name of ["250101SPX00001", "250103SPX00003", "402145556603456", "576461413038785752"])
      expect(await stack.deps.orders.getOrder(SHOP, name)).toBeNull();
  });
});
