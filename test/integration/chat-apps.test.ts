import { validateSignature } from "@line/bot-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationIdFor } from "../../functions/domain/identifiers";
import { ShopId } from "../../functions/domain/ids";
import { DEMO_ORDERS, DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { shopperLookupKeys } from "../../functions/domain/privacy";
import {
  chatPushes,
  type FakeChatAccounts,
  lineWebhook,
  messengerWebhook,
  startFakeChatApps,
  whatsappWebhook,
} from "../support/fake-chat-apps";
import { http } from "../support/local-stack";
import { createBurstStore } from "../../functions/adapters/dynamodb/burst-store";
import { createTable } from "../../functions/adapters/dynamodb/table";
import type { BurstStore } from "../../functions/domain/bursts";

const ACCOUNTS: FakeChatAccounts = {
  whatsapp: { phoneNumberId: "106540352242922", accessToken: "wa-token", appSecret: "wa-app-secret-test" },
  messenger: { pageId: "1234567890123", pageAccessToken: "page-token", appSecret: "fb-app-secret-test" },
  line: {
    botUserId: `U${"a".repeat(32)}`,
    channelAccessToken: "line-token",
    channelSecret: "line-channel-secret-test",
  },
};
const SHOP = ShopId(DEMO_SHOP_ID);
const VERIFY = { whatsapp: "wa-verify-token-123", messenger: "fb-verify-token-456" };

describe("shoppers' own chat apps", () => {
  let fake: Awaited<ReturnType<typeof startFakeChatApps>>;
  let stack: LocalStack;
  let seq = 0;
  /** A number never used before, so each test has its own conversation. */
  const freshWaId = () => `6591${String(1_000_000 + ++seq)}`;
  const post = (path: string, delivery: { body: string; headers: Record<string, string> }) =>
    fetch(`${stack.url}${path}`, { method: "POST", body: delivery.body, headers: delivery.headers });
  const sentTo = (channel: string, to: string) =>
    fake.requests.filter(
      (r) =>
        r.channel === channel &&
        (r.body.to === to || (r.body.recipient as { id?: string } | undefined)?.id === to),
    );
  const transcript = async (channel: string, thread: string) => {
    const found = await stack.deps.conversations.getConversation(
      SHOP,
      conversationIdFor(SHOP, channel, thread),
    );
    return found?.messages ?? [];
  };

  /** The real burst store, with a hook that runs once right after a flush claims its messages. */
  let store: BurstStore | undefined;
  let afterClaim: (() => Promise<void>) | null = null;
  const bursts: BurstStore = {
    add: (...a) => (store as BurstStore).add(...a),
    get: (...a) => (store as BurstStore).get(...a),
    settle: (...a) => (store as BurstStore).settle(...a),
    async claim(...a) {
      const claimed = await (store as BurstStore).claim(...a);
      const hook = afterClaim;
      afterClaim = null;
      if (claimed && hook) await hook();
      return claimed;
    },
  };

  beforeAll(async () => {
    fake = await startFakeChatApps(ACCOUNTS);
    stack = await startLocalStack({
      logLevel: "SILENT",
      autoPoll: false,
      queues: { visibilityTimeoutSeconds: 1, maxReceives: 3 },
      marketplaceRetryBaseSeconds: 1,
      // A one-second quiet period keeps the tests short; the channels' own figure is three seconds.
      overrides: { quietPeriodMs: () => 1000, bursts },
    });
    store = createBurstStore(
      createTable(
        {
          region: stack.env.AWS_REGION,
          endpoint: stack.env.DYNAMODB_ENDPOINT,
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
        },
        stack.env.TABLE_NAME,
      ),
    );
    const put = (channel: string, account: string, body: unknown) =>
      http(`${stack.url}/v1/connections/${channel}/${account}`, { method: "PUT", token: stack.apiKey, body });
    const wa = await put("whatsapp", ACCOUNTS.whatsapp.phoneNumberId, {
      market: "ID",
      accessToken: ACCOUNTS.whatsapp.accessToken,
      appSecret: ACCOUNTS.whatsapp.appSecret,
      verifyToken: VERIFY.whatsapp,
      apiBaseUrl: fake.graphBase,
      template: { name: "support_followup", language: "id" },
    });
    expect(wa.status, JSON.stringify(wa.body)).toBe(200);
    const fb = await put("messenger", ACCOUNTS.messenger.pageId, {
      market: "PH",
      pageAccessToken: ACCOUNTS.messenger.pageAccessToken,
      appSecret: ACCOUNTS.messenger.appSecret,
      verifyToken: VERIFY.messenger,
      apiBaseUrl: fake.graphBase,
    });
    expect(fb.status, JSON.stringify(fb.body)).toBe(200);
    const line = await put("line", ACCOUNTS.line.botUserId, {
      market: "TH",
      channelSecret: ACCOUNTS.line.channelSecret,
      channelAccessToken: ACCOUNTS.line.channelAccessToken,
      apiBaseUrl: fake.lineBase,
    });
    expect(line.status, JSON.stringify(line.body)).toBe(200);
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
  });

  describe("connecting", () => {
    it("refuses credentials the vendor does not accept for the account named", async () => {
      const wrong = await http(`${stack.url}/v1/connections/line/U${"b".repeat(32)}`, {
        method: "PUT",
        token: stack.apiKey,
        body: {
          market: "TH",
          channelSecret: "x",
          channelAccessToken: ACCOUNTS.line.channelAccessToken,
          apiBaseUrl: fake.lineBase,
        },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ error: { code: "ownership_not_proven" } });
    });
  });

  for (const channel of ["whatsapp", "messenger"] as const) {
    describe(`${channel}: Meta's verification handshake`, () => {
      const handshake = (token: string) =>
        fetch(
          `${stack.url}/webhooks/${channel}?${new URLSearchParams({
            "hub.mode": "subscribe",
            "hub.verify_token": token,
            "hub.challenge": "1158201444",
          })}`,
        );
      it("echoes the challenge as plain text for a connected account's verify token", async () => {
        const answer = await handshake(VERIFY[channel]);
        expect(answer.status).toBe(200);
        expect(await answer.text()).toBe("1158201444");
      });
      it("answers 403 to any other verify token", async () => {
        expect((await handshake("not-the-token")).status).toBe(403);
        expect((await handshake(VERIFY[channel === "whatsapp" ? "messenger" : "whatsapp"])).status).toBe(403);
      });
    });
  }

  describe("whatsapp", () => {
    const secret = ACCOUNTS.whatsapp.appSecret;
    const phone = ACCOUNTS.whatsapp.phoneNumberId;

    it("refuses a forged X-Hub-Signature-256 and queues nothing", async () => {
      const waId = freshWaId();
      const body = whatsappWebhook(phone, waId, { type: "text", text: { body: "halo" } });
      const forged = chatPushes.meta("not-the-app-secret", body);
      expect((await post("/webhooks/whatsapp", forged)).status).toBe(401);
      const unsigned = { body, headers: { "content-type": "application/json" } };
      expect((await post("/webhooks/whatsapp", unsigned)).status).toBe(401);
      await stack.poller.drain();
      expect(sentTo("whatsapp", waId)).toHaveLength(0);
    });

    it("answers a text message through the Cloud API with a text message to the sender", async () => {
      const waId = freshWaId();
      const body = whatsappWebhook(phone, waId, { type: "text", text: { body: "Halo, selamat pagi" } });
      expect((await post("/webhooks/whatsapp", chatPushes.meta(secret, body))).status).toBe(200);
      await stack.poller.drain();
      const sent = sentTo("whatsapp", waId);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toMatchObject({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: waId,
        type: "text",
        text: { body: expect.any(String) },
      });
    });

    it("acknowledges status updates without answering them", async () => {
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            id: "1",
            changes: [
              {
                field: "messages",
                value: {
                  messaging_product: "whatsapp",
                  metadata: { display_phone_number: "1", phone_number_id: phone },
                  statuses: [{ id: "wamid.x", status: "delivered", timestamp: "1", recipient_id: "1" }],
                },
              },
            ],
          },
        ],
      });
      const before = fake.requests.length;
      expect((await post("/webhooks/whatsapp", chatPushes.meta(secret, body))).status).toBe(200);
      await stack.poller.drain();
      expect(fake.requests.length).toBe(before);
    });

    it("hands a voice note to a person, telling the shopper so, and leaves a sticker alone unanswered", async () => {
      const waId = freshWaId();
      const sticker = whatsappWebhook(phone, waId, {
        type: "sticker",
        sticker: { id: "1", mime_type: "image/webp" },
      });
      await post("/webhooks/whatsapp", chatPushes.meta(secret, sticker));
      await stack.poller.drain();
      expect(sentTo("whatsapp", waId)).toHaveLength(0);
      const voice = whatsappWebhook(phone, waId, {
        type: "audio",
        audio: { id: "4455", mime_type: "audio/ogg; codecs=opus", voice: true },
      });
      await post("/webhooks/whatsapp", chatPushes.meta(secret, voice));
      await stack.poller.drain();
      const sent = sentTo("whatsapp", waId);
      expect(sent).toHaveLength(1);
      const text = (sent[0]?.body.text as { body: string } | undefined)?.body;
      expect(text).toContain(stack.deps.translator.t("id", "handoff.media").slice(0, 20));
      const found = await stack.deps.conversations.getConversation(
        SHOP,
        conversationIdFor(SHOP, "whatsapp", waId),
      );
      expect(found?.conversation.status).toBe("pending_human");
    });

    it("answers a burst of four messages once, in order, each kept in the transcript", async () => {
      const waId = freshWaId();
      const texts = ["halo", "saya mau tanya", "soal pesanan", "kapan sampai?"];
      for (const text of texts)
        await post(
          "/webhooks/whatsapp",
          chatPushes.meta(secret, whatsappWebhook(phone, waId, { type: "text", text: { body: text } })),
        );
      await stack.poller.drain();
      expect(sentTo("whatsapp", waId)).toHaveLength(1);
      const messages = await transcript("whatsapp", waId);
      expect(messages.filter((m) => m.role === "shopper").map((m) => m.text)).toEqual(texts);
      expect(messages.filter((m) => m.role === "ai")).toHaveLength(1);
    });

    it("answers a message that arrives while its burst is being answered afterwards: none lost, none twice", async () => {
      const waId = freshWaId();
      // A second apart, as a person types: the transcript's order is the channel's.
      let second = Math.floor(Date.now() / 1000) - 10;
      const send = (text: string) =>
        post(
          "/webhooks/whatsapp",
          chatPushes.meta(
            secret,
            whatsappWebhook(phone, waId, { type: "text", text: { body: text } }, { timestamp: ++second }),
          ),
        );
      // The fifth message comes in after the flush has claimed the first four, before their reply is written.
      afterClaim = async () => {
        await send("satu lagi");
        // Its push is handled now (stored as pending, its flush queued), while the claimed four are being answered.
        await stack.poller.pollOnce();
      };
      for (const text of ["halo", "saya mau tanya", "soal pesanan", "kapan sampai?"]) await send(text);
      await stack.poller.drain();
      expect(sentTo("whatsapp", waId)).toHaveLength(2);
      const messages = await transcript("whatsapp", waId);
      expect(messages.filter((m) => m.role === "shopper").map((m) => m.text)).toEqual([
        "halo",
        "saya mau tanya",
        "soal pesanan",
        "kapan sampai?",
        "satu lagi",
      ]);
      expect(messages.filter((m) => m.role === "ai")).toHaveLength(2);
    });

    it("sends a person's reply after the 24-hour window as the seller's template, the reply in its variable", async () => {
      const waId = freshWaId();
      await stack.deps.marketplaceQueues?.outbound({
        shopId: SHOP,
        marketplace: "whatsapp",
        accountId: phone,
        conversationId: conversationIdFor(SHOP, "whatsapp", waId),
        threadId: waId,
        buyerId: waId,
        text: "Maaf menunggu.\nPesanan Anda sudah dikirim.",
        origin: { kind: "agent", messageId: `agent-${waId}` },
        lastShopperMessageAt: new Date(Date.now() - 25 * 3600_000).toISOString(),
      });
      await stack.poller.drain();
      const sent = sentTo("whatsapp", waId);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toMatchObject({
        type: "template",
        template: {
          name: "support_followup",
          language: { code: "id" },
          components: [
            {
              type: "body",
              parameters: [{ type: "text", text: "Maaf menunggu. Pesanan Anda sudah dikirim." }],
            },
          ],
        },
      });
    });

    it("offers yes and no as reply buttons when a reply asks for a confirmation", async () => {
      const waId = freshWaId();
      await stack.deps.marketplaceQueues?.outbound({
        shopId: SHOP,
        marketplace: "whatsapp",
        accountId: phone,
        conversationId: conversationIdFor(SHOP, "whatsapp", waId),
        threadId: waId,
        buyerId: waId,
        text: "Batalkan pesanan #1002?",
        origin: { kind: "ai", replyTo: `m-${waId}` },
        lastShopperMessageAt: new Date().toISOString(),
        choices: [
          { id: "yes", title: "Ya" },
          { id: "no", title: "Tidak" },
        ],
      });
      await stack.poller.drain();
      expect(sentTo("whatsapp", waId)[0]?.body).toMatchObject({
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "Batalkan pesanan #1002?" },
          action: {
            buttons: [
              { type: "reply", reply: { id: "yes", title: "Ya" } },
              { type: "reply", reply: { id: "no", title: "Tidak" } },
            ],
          },
        },
      });
    });
  });

  describe("messenger", () => {
    const secret = ACCOUNTS.messenger.appSecret;
    const pageId = ACCOUNTS.messenger.pageId;
    const freshPsid = () => `77${String(1_000_000_000 + ++seq)}`;

    it("refuses a forged X-Hub-Signature-256", async () => {
      const body = messengerWebhook(pageId, freshPsid(), { text: "hello" });
      expect((await post("/webhooks/messenger", chatPushes.meta("forged", body))).status).toBe(401);
    });

    it("answers a message with a RESPONSE from the Page", async () => {
      const psid = freshPsid();
      const body = messengerWebhook(pageId, psid, { text: "Hi, good morning" });
      expect((await post("/webhooks/messenger", chatPushes.meta(secret, body))).status).toBe(200);
      await stack.poller.drain();
      const sent = sentTo("messenger", psid);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toMatchObject({
        recipient: { id: psid },
        messaging_type: "RESPONSE",
        message: { text: expect.any(String) },
      });
    });

    it("sends a person's reply two days later with the HUMAN_AGENT tag", async () => {
      const psid = freshPsid();
      await stack.deps.marketplaceQueues?.outbound({
        shopId: SHOP,
        marketplace: "messenger",
        accountId: pageId,
        conversationId: conversationIdFor(SHOP, "messenger", psid),
        threadId: psid,
        buyerId: psid,
        text: "Sorry for the wait: your parcel left today.",
        origin: { kind: "agent", messageId: `agent-${psid}` },
        lastShopperMessageAt: new Date(Date.now() - 48 * 3600_000).toISOString(),
      });
      await stack.poller.drain();
      expect(sentTo("messenger", psid)[0]?.body).toMatchObject({
        messaging_type: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
        message: { text: "Sorry for the wait: your parcel left today." },
      });
    });

    it("hands a picture to a person and answers a burst of four once", async () => {
      const psid = freshPsid();
      const picture = messengerWebhook(pageId, psid, {
        attachments: [{ type: "image", payload: { url: "https://example.com/p.jpg" } }],
      });
      await post("/webhooks/messenger", chatPushes.meta(secret, picture));
      await stack.poller.drain();
      expect(sentTo("messenger", psid)).toHaveLength(1);
      const other = freshPsid();
      for (const text of ["hi", "I ordered", "last week", "where is it?"])
        await post("/webhooks/messenger", chatPushes.meta(secret, messengerWebhook(pageId, other, { text })));
      await stack.poller.drain();
      expect(sentTo("messenger", other)).toHaveLength(1);
    });
  });

  describe("line", () => {
    const secret = ACCOUNTS.line.channelSecret;
    const bot = ACCOUNTS.line.botUserId;
    const freshUser = () => `U${(++seq).toString(16).padStart(32, "0")}`;

    it("signs as LINE's own SDK verifies, and refuses a forged X-Line-Signature", async () => {
      const body = lineWebhook(bot, freshUser(), { type: "text", text: "hello" });
      const signed = chatPushes.line(secret, body);
      expect(validateSignature(body, secret, signed.headers["x-line-signature"])).toBe(true);
      const forged = chatPushes.line("forged", body);
      expect((await post("/webhooks/line", forged)).status).toBe(401);
    });

    it("answers with the fresh reply token, and acknowledges the console's empty verify call", async () => {
      const user = freshUser();
      const token = fake.issueReplyToken();
      const body = lineWebhook(bot, user, { type: "text", text: "สวัสดีค่ะ" }, token);
      expect((await post("/webhooks/line", chatPushes.line(secret, body))).status).toBe(200);
      await stack.poller.drain();
      const replies = fake.requests.filter((r) => r.endpoint === "reply" && r.body.replyToken === token);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.body).toMatchObject({ messages: [{ type: "text", text: expect.any(String) }] });
      const empty = JSON.stringify({ destination: bot, events: [] });
      expect((await post("/webhooks/line", chatPushes.line(secret, empty))).status).toBe(200);
    });

    it("pushes instead when LINE refuses the reply token (expired)", async () => {
      const user = freshUser();
      const expired = fake.issueReplyToken(-1);
      const body = lineWebhook(bot, user, { type: "text", text: "สวัสดีค่ะ" }, expired);
      await post("/webhooks/line", chatPushes.line(secret, body));
      await stack.poller.drain();
      const pushes = fake.requests.filter((r) => r.endpoint === "push" && r.body.to === user);
      expect(pushes).toHaveLength(1);
    });

    it("hands a location to a person and answers a burst of four with one reply", async () => {
      const user = freshUser();
      const location = lineWebhook(bot, user, {
        type: "location",
        title: "Home",
        address: "Bangkok",
        latitude: 13.7,
        longitude: 100.5,
      });
      await post("/webhooks/line", chatPushes.line(secret, location));
      await stack.poller.drain();
      expect(fake.requests.filter((r) => r.body.to === user)).toHaveLength(1);
      const other = freshUser();
      const tokens: string[] = [];
      for (const text of ["สวัสดีค่ะ", "สั่งของไป", "เมื่อวาน", "ของถึงเมื่อไหร่คะ"]) {
        const token = fake.issueReplyToken();
        tokens.push(token);
        await post(
          "/webhooks/line",
          chatPushes.line(secret, lineWebhook(bot, other, { type: "text", text }, token)),
        );
      }
      await stack.poller.drain();
      const replies = fake.requests.filter(
        (r) => r.endpoint === "reply" && tokens.includes(String(r.body.replyToken)),
      );
      // One reply, with the freshest token: the last message's.
      expect(replies).toHaveLength(1);
      expect(replies[0]?.body.replyToken).toBe(tokens[3]);
    });
  });

  describe("one shopper across channels (R4)", () => {
    const bot = ACCOUNTS.line.botUserId;
    const lineUser = () => `U${(++seq).toString(16).padStart(32, "e")}`;
    const say = async (user: string, text: string) => {
      await post(
        "/webhooks/line",
        chatPushes.line(ACCOUNTS.line.channelSecret, lineWebhook(bot, user, { type: "text", text })),
      );
      await stack.poller.drain();
    };
    /** The orders a later message of this LINE user finds without being told anything. */
    const ordersFoundFor = async (user: string) => {
      const identity = `buyer:line:${user}`;
      const context = await stack.deps.conversations.loadTurnContext({
        shopId: SHOP,
        conversationId: conversationIdFor(SHOP, "line", `other-thread-of-${user}`),
        messageId: "probe",
        orderName: null,
        shopperKeys: [identity],
        identityKey: identity,
      });
      return context.shopperOrders.map((o) => o.name).sort();
    };

    it("links a LINE user who confirmed a checkout email with its order number, so later messages find their orders", async () => {
      for (const order of DEMO_ORDERS)
        await stack.deps.orders.putOrder(SHOP, order, shopperLookupKeys(order));
      const user = lineUser();
      expect(await ordersFoundFor(user)).toEqual([]);
      await say(user, "Where is my order #1001? My email is siti@example.com");
      const answer = fake.requests.filter((r) => r.body.to === user).at(-1);
      expect(JSON.stringify(answer?.body)).toContain("#1001");
      expect(await ordersFoundFor(user)).toEqual(["#1001", "#1002", "#1003"]);
      // The customer's erasure (customers/redact) takes the link with their keys.
      await stack.deps.erasure.eraseLookups(
        SHOP,
        shopperLookupKeys({ email: "siti@example.com", phone: null }),
      );
      expect(await ordersFoundFor(user)).toEqual([]);
    });

    it("never links an email typed without the order number it was used for", async () => {
      for (const order of DEMO_ORDERS)
        await stack.deps.orders.putOrder(SHOP, order, shopperLookupKeys(order));
      const user = lineUser();
      await say(user, "Where is my order? My email is siti@example.com");
      expect(await ordersFoundFor(user)).toEqual([]);
      const answer = fake.requests.filter((r) => r.body.to === user).at(-1);
      // Asked for the order number (the example in the question is #1001), none of the shopper's orders described.
      expect(JSON.stringify(answer?.body)).not.toMatch(/#1002|#1003/);
    });

    it("gives a WhatsApp shopper whose number is on a Shopify order that order without asking", async () => {
      // The order cache indexes Shopify orders under their checkout phone, in E.164.
      const waId = "6281234567890";
      for (const order of DEMO_ORDERS)
        await stack.deps.orders.putOrder(SHOP, order, shopperLookupKeys(order));
      const body = whatsappWebhook(ACCOUNTS.whatsapp.phoneNumberId, waId, {
        type: "text",
        text: { body: "Pesanan saya sudah sampai mana?" },
      });
      await post("/webhooks/whatsapp", chatPushes.meta(ACCOUNTS.whatsapp.appSecret, body));
      await stack.poller.drain();
      const sent = sentTo("whatsapp", waId);
      expect(sent).toHaveLength(1);
      // #1002 is the shopper's one open order: described, not asked for.
      expect((sent[0]?.body.text as { body: string } | undefined)?.body).toContain("#1002");
    });
  });
});
