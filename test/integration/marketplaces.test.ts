import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationIdFor } from "../../functions/domain/identifiers";
import { ShopId } from "../../functions/domain/ids";
import { DEMO_ORDERS, DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { type FakeApps, pushes, startFakeMarketplaces } from "../support/fake-marketplaces";
import { eventually, http } from "../support/local-stack";

const APPS: FakeApps = {
  shopee: { partnerId: "2006566", partnerKey: "shopee-partner-key-test", shopId: "947042923" },
  lazada: { appKey: "105827", appSecret: "lazada-app-secret-test", sellerId: "1000012345" },
  tiktok: {
    appKey: "6abc123",
    appSecret: "tiktok-app-secret-test",
    shopId: "7494000000001",
    shopCipher: "ROW_cipher",
  },
};
const SHOP = ShopId(DEMO_SHOP_ID);

describe("marketplace messaging", () => {
  let fake: Awaited<ReturnType<typeof startFakeMarketplaces>>;
  let stack: LocalStack;
  const callback = () => `${stack.url}/webhooks/shopee`;
  /** Lets the workers handle everything queued (and what that queued), then checks: no timer decides the outcome. */
  const settled = async <T>(check: () => Promise<T | undefined | null | false>): Promise<T> => {
    await stack.poller.drain();
    const value = await check();
    if (!value) throw new Error("not so once every queued message was processed");
    return value;
  };
  let seq = 0;

  beforeAll(async () => {
    fake = await startFakeMarketplaces(APPS);
    stack = await startLocalStack({
      logLevel: "SILENT",
      marketplaceRetryBaseSeconds: 1,
      queues: { visibilityTimeoutSeconds: 1, maxReceives: 3 },
      // The tests drain the queues themselves, so "nothing was sent" is checked after everything queued was processed.
      autoPoll: false,
    });
    const put = (marketplace: string, body: unknown) =>
      http(`${stack.url}/v1/connections/${marketplace}`, { method: "PUT", token: stack.apiKey, body });
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
          accessTokenExpiresAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
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
          accessTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
      ).status,
    ).toBe(200);
    // TikTok's token proves the shop now but is said to expire already: the first send must refresh it.
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
          accessTokenExpiresAt: new Date(Date.now() - 60_000).toISOString(),
        })
      ).status,
    ).toBe(200);
    // The Shopee buyer is the demo shopper, known under this channel's buyer id.
    for (const order of DEMO_ORDERS) await stack.deps.orders.putOrder(SHOP, order, ["buyer:shopee:880011"]);
  });
  afterAll(async () => {
    await stack.stop();
    await fake.stop();
  });

  const shopeePush = (
    text: string,
    opts: {
      messageId?: string;
      fromId?: string;
      conversation?: string;
      type?: string;
      content?: Record<string, unknown>;
    } = {},
  ) =>
    JSON.stringify({
      data: {
        type: "message",
        content: {
          message_id: opts.messageId ?? `sp-${Date.now()}-${++seq}`,
          shop_id: Number(APPS.shopee.shopId),
          from_id: Number(opts.fromId ?? "880011"),
          to_id: Number(APPS.shopee.shopId),
          message_type: opts.type ?? "text",
          content: opts.content ?? { text },
          conversation_id: opts.conversation ?? `spc-${seq}`,
          created_timestamp: Math.floor(Date.now() / 1000),
          region: "ID",
        },
      },
      shop_id: Number(APPS.shopee.shopId),
      code: 10,
      timestamp: Math.floor(Date.now() / 1000),
    });
  const postShopee = (body: string, key = APPS.shopee.partnerKey) => {
    const p = pushes.shopee(key, callback(), body);
    return fetch(`${stack.url}/webhooks/shopee`, { method: "POST", headers: p.headers, body: p.body });
  };
  const lazadaPush = (text: string, session: string, accountType = 1, messageId = `lz-${++seq}`) =>
    JSON.stringify({
      seller_id: APPS.lazada.sellerId,
      message_type: 2,
      site: "lazada_sg",
      timestamp: Date.now(),
      data: {
        session_id: session,
        message_id: messageId,
        content: JSON.stringify({ txt: text }),
        from_account_id: "55001",
        from_account_type: accountType,
        send_time: Date.now(),
        template_id: 1,
        site_id: "lazada_sg",
        status: 0,
      },
    });
  const postAppKey = (marketplace: "lazada" | "tiktok", body: string) => {
    const app = APPS[marketplace];
    const p = pushes.appKey(app.appSecret, app.appKey, body);
    return fetch(`${stack.url}/webhooks/${marketplace}`, {
      method: "POST",
      headers: p.headers,
      body: p.body,
    });
  };

  it("acknowledges a Shopee push at once and answers it in Indonesian with the order's tracking, through a correctly signed send", async () => {
    const started = performance.now();
    const res = await postShopee(shopeePush("Kak, pesanan #1001 saya sudah sampai mana?"));
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(ackMs).toBeLessThan(5000); // Shopee's own limit; the figure is measured in bench/
    const reply = await settled(async () =>
      fake.sent.find((m) => m.marketplace === "shopee" && m.text.includes("JT0001234567")),
    );
    expect(reply.text).toContain("Kak");
    expect(reply.to).toBe("880011");
    expect(fake.rejectedSignatures).toEqual([]);
  });

  it("answers 401 to a push with a bad signature and stores nothing", async () => {
    const conversation = `spc-bad-${Date.now()}`;
    const res = await postShopee(shopeePush("halo", { conversation }), "not-the-partner-key");
    expect(res.status).toBe(401);
    const stored = await stack.deps.conversations.getConversation(
      SHOP,
      conversationIdFor(SHOP, "shopee", conversation),
    );
    expect(stored).toBeNull();
  });

  it("processes a duplicate push once", async () => {
    const body = shopeePush("Kak, pesanan #1002 sudah dikirim belum?", {
      messageId: "sp-duplicate-1",
      conversation: "spc-dup",
    });
    expect((await postShopee(body)).status).toBe(200);
    expect((await postShopee(body)).status).toBe(200);
    await stack.poller.drain();
    expect(fake.sent.filter((m) => m.text.includes("#1002"))).toHaveLength(1);
  });

  it("escalates a Lazada request for a person to region sea, sends the handoff through Lazada, and keeps the marketplace deadline in the SLA", async () => {
    const session = `lz-session-${Date.now()}`;
    expect(
      (await postAppKey("lazada", lazadaPush("I want to talk to a real person please", session))).status,
    ).toBe(200);
    await settled(async () => fake.sent.find((m) => m.marketplace === "lazada" && m.thread === session));
    const conversationId = conversationIdFor(SHOP, "lazada", session);
    const conversation = await stack.deps.conversations.getConversation(SHOP, conversationId);
    expect(conversation?.conversation.status).toBe("pending_human");
    const inbox = await settled(async () => {
      const res = await http<{
        items: {
          conversationId: string;
          region: string;
          createdAt: string;
          dueAt: string;
          escalationId: string;
        }[];
      }>(`${stack.url}/v1/inbox?region=sea&limit=100`, { token: stack.agentTokens.sea });
      return res.body.items.find((i) => i.conversationId === conversationId);
    });
    expect(Date.parse(inbox.dueAt) - Date.parse(inbox.createdAt)).toBeLessThanOrEqual(12 * 3600_000);

    // The agent's reply goes out through the same adapter.
    const token = stack.agentTokens.sea;
    expect(
      (await http(`${stack.url}/v1/inbox/${inbox.escalationId}/claim`, { token, body: {} })).status,
    ).toBe(200);
    expect(
      (
        await http(`${stack.url}/v1/inbox/${inbox.escalationId}/messages`, {
          token,
          body: { text: "Hi, this is Nadia from the team." },
        })
      ).status,
    ).toBe(200);
    await settled(async () =>
      fake.sent.find((m) => m.marketplace === "lazada" && m.text === "Hi, this is Nadia from the team."),
    );
  });

  it("ignores the echo of our own reply, records a message from the seller's own staff and pauses the AI", async () => {
    const session = `lz-staff-${Date.now()}`;
    const conversationId = conversationIdFor(SHOP, "lazada", session);
    await postAppKey("lazada", lazadaPush("where is my order?", session));
    const ours = await settled(async () =>
      fake.sent.find((m) => m.marketplace === "lazada" && m.thread === session),
    );
    // Lazada pushes our own reply back as a seller message: it is neither recorded nor pausing anything.
    await postAppKey("lazada", lazadaPush(ours.text, session, 2, ours.messageId));
    await stack.poller.drain();
    const afterEcho = await stack.deps.conversations.getConversation(SHOP, conversationId);
    expect(afterEcho?.messages.map((m) => m.role)).toEqual(["shopper", "ai"]);
    expect(afterEcho?.conversation.pausedUntil).toBeUndefined();

    const sentCount = fake.sent.length;
    await postAppKey("lazada", lazadaPush("Hello, I'm Budi from the shop, checking now.", session, 2));
    await settled(async () =>
      (await stack.deps.conversations.getConversation(SHOP, conversationId))?.messages.some(
        (m) => m.role === "agent",
      ),
    );
    await postAppKey("lazada", lazadaPush("ok thanks, also is #1001 shipped?", session));
    await stack.poller.drain();
    expect(fake.sent.length).toBe(sentCount); // the AI stays silent while staff answer
    const conversation = await stack.deps.conversations.getConversation(SHOP, conversationId);
    expect(conversation?.messages.map((m) => m.role)).toEqual(["shopper", "ai", "agent", "shopper"]);
  });

  it("refreshes an expiring TikTok token before sending, and signs the TikTok call", async () => {
    const body = JSON.stringify({
      type: 14,
      shop_id: APPS.tiktok.shopId,
      timestamp: Math.floor(Date.now() / 1000),
      tts_notification_id: `n-${Date.now()}`,
      data: {
        conversation_id: "tt-conv-1",
        message_id: `tt-${Date.now()}`,
        type: "TEXT",
        content: JSON.stringify({ content: "สวัสดีค่ะ" }),
        create_time: Math.floor(Date.now() / 1000),
        sender: { im_user_id: "tt-buyer-1", role: "BUYER" },
      },
    });
    expect((await postAppKey("tiktok", body)).status).toBe(200);
    const reply = await settled(async () =>
      fake.sent.find((m) => m.marketplace === "tiktok" && m.thread === "tt-conv-1"),
    );
    expect(fake.refreshes).toContain("tiktok");
    expect(reply.token).toBe(fake.tokens.tiktok);
    expect(reply.text).toMatch(/\p{Script=Thai}/u);
  });

  it("hands a picture to a person and does not answer a sticker", async () => {
    await postShopee(
      shopeePush("", {
        type: "image",
        content: { url: "https://cf.shopee/img.jpg" },
        conversation: "spc-image",
      }),
    );
    const handoff = await settled(async () =>
      fake.sent.find(
        (m) => m.marketplace === "shopee" && m.text.includes("admin") && m.text.includes("baca teks"),
      ),
    );
    expect(handoff).toBeDefined();
    const before = fake.sent.length;
    await postShopee(
      shopeePush("", { type: "sticker", content: { sticker_id: "1" }, conversation: "spc-sticker" }),
    );
    await stack.poller.drain();
    expect(fake.sent.length).toBe(before);
  });

  it("retries a failing send with backoff and then keeps the reply in the DLQ, never dropping it", async () => {
    fake.failNext("lazada", 100);
    const session = `lz-fail-${Date.now()}`;
    await postAppKey("lazada", lazadaPush("hello, where is my order #1001", session));
    const depth = async () =>
      Number(
        (
          await stack.sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: stack.queues.marketplaceOutbound.deadLetters,
              AttributeNames: ["ApproximateNumberOfMessages"],
            }),
          )
        ).Attributes?.ApproximateNumberOfMessages ?? 0,
      );
    // Each failed send comes back after its backoff: poll until the last attempt has landed in the DLQ.
    await eventually(async () => {
      await stack.poller.pollOnce();
      return (await depth()) >= 1;
    }, 20_000);
    const parked = await stack.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.queues.marketplaceOutbound.deadLetters,
        MaxNumberOfMessages: 10,
      }),
    );
    const job = parked.Messages?.map(
      (m) => JSON.parse(m.Body ?? "{}") as { threadId: string; text: string },
    ).find((j) => j.threadId === session);
    expect(job?.text).toContain("AI");
    fake.failNext("lazada", 0);
  }, 30_000);
});
