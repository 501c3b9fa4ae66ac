import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  createFakeActionStore,
  createFakeAddressReader,
  createFakeBurstStore,
  createFakeCannedReplyStore,
  createFakeChannelActivityStore,
  createFakeClock,
  createFakeConversationStore,
  createFakeEmbedder,
  createFakeErasureStore,
  createFakeEscalationQueue,
  createFakeEscalationStore,
  createFakeKnowledgeBase,
  createFakeKnowledgeStore,
  createFakeMarketplaceQueues,
  createFakeMessageTranslator,
  createFakeOrderActions,
  createFakeOrderLookup,
  createFakeOrderStore,
  createFakeOversightStore,
  createFakeSessionStore,
  createFakeShopifyEventQueue,
  createFakeShopifyStore,
  createFakeShopStore,
  createFakeSummarizer,
  createFakeTokenStore,
  createFakeUnderstanding,
  createInMemoryPorts,
  createRecordingAccountAlertNotifier,
  createRecordingChannelSender,
  createRecordingLogger,
  createRecordingMetrics,
  createRecordingNotifier,
  createScriptedReplyModel,
} from "../../functions/domain/fakes";
import { ConversationId, ShopId } from "../../functions/domain/ids";
import type { MarketplaceConnection } from "../../functions/domain/marketplace";
import type * as Ports from "../../functions/domain/ports";
import type { ShopifyDelivery } from "../../functions/domain/shopify";

/** Every port ports.ts lists, with the in-memory fake that stands in for it (the return types are checked by tsc). */
const FAKES = {
  AccountAlertNotifier: (): Ports.AccountAlertNotifier => createRecordingAccountAlertNotifier(),
  ActionStore: (): Ports.ActionStore => createFakeActionStore(),
  AddressReader: (): Ports.AddressReader => createFakeAddressReader(),
  BurstStore: (): Ports.BurstStore => createFakeBurstStore(),
  CannedReplyStore: (): Ports.CannedReplyStore => createFakeCannedReplyStore(),
  ChannelActivityStore: (): Ports.ChannelActivityStore => createFakeChannelActivityStore(),
  ChannelSender: (): Ports.ChannelSender => createRecordingChannelSender(),
  Clock: (): Ports.Clock => createFakeClock(),
  ConversationStore: (): Ports.ConversationStore => createFakeConversationStore(),
  ConversationSummarizer: (): Ports.ConversationSummarizer => createFakeSummarizer(),
  Embedder: (): Ports.Embedder => createFakeEmbedder(),
  ErasureStore: (): Ports.ErasureStore => createFakeErasureStore(),
  EscalationQueue: (): Ports.EscalationQueue => createFakeEscalationQueue(),
  EscalationStore: (): Ports.EscalationStore => createFakeEscalationStore(),
  KnowledgeBase: (): Ports.KnowledgeBase => createFakeKnowledgeBase(),
  KnowledgeStore: (): Ports.KnowledgeStore => createFakeKnowledgeStore(createFakeShopStore()),
  Logger: (): Ports.Logger => createRecordingLogger(),
  MarketplaceQueues: (): Ports.MarketplaceQueues => createFakeMarketplaceQueues(),
  MessageTranslator: (): Ports.MessageTranslator => createFakeMessageTranslator(),
  Metrics: (): Ports.Metrics => createRecordingMetrics(),
  Notifier: (): Ports.Notifier => createRecordingNotifier(),
  OrderActions: (): Ports.OrderActions => createFakeOrderActions(),
  OrderLookup: (): Ports.OrderLookup => createFakeOrderLookup(),
  OrderReader: (): Ports.OrderReader => createFakeOrderStore(),
  OrderStore: (): Ports.OrderStore => createFakeOrderStore(),
  OversightStore: (): Ports.OversightStore => createFakeOversightStore(createFakeConversationStore()),
  ReplyModel: (): Ports.ReplyModel => createScriptedReplyModel(),
  SessionStore: (): Ports.SessionStore => createFakeSessionStore(),
  ShopStore: (): Ports.ShopStore => createFakeShopStore(),
  ShopifyEventQueue: (): Ports.ShopifyEventQueue => createFakeShopifyEventQueue(),
  ShopifyStore: (): Ports.ShopifyStore => createFakeShopifyStore(),
  TokenStore: (): Ports.TokenStore => createFakeTokenStore(),
  Understanding: (): Ports.Understanding => createFakeUnderstanding(),
} as const;

/** Ports that still have no in-memory fake: each is a known gap, to be removed from here when its fake is written. */
const WITHOUT_FAKE: string[] = [];

/** What ports.ts exports that is data passed through the ports, not a port. */
const DATA = [
  "AccountAlertEvent",
  "AnswerFlag",
  "CachedOrderRecord",
  "ChannelActivity",
  "Classification",
  "EscalationEvent",
  "InboxFilter",
  "LanguageGuess",
  "LocaleText",
  "Miss",
  "NotificationTarget",
  "Page",
  "PageRequest",
  "Reply",
  "ReplyAuthor",
  "ReplyRecord",
  "ShopRecord",
  "ShopperConversation",
  "Shopper",
  "TranscriptEntry",
  "TurnContext",
  "TurnContextQuery",
  "WebSession",
];

/** The type names ports.ts exports, declared there or re-exported (`export type { A, B } from …`). */
function exportedTypeNames(): string[] {
  const source = readFileSync(new URL("../../functions/domain/ports.ts", import.meta.url), "utf8");
  const declared = [...source.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1] as string);
  const listed = [...source.matchAll(/^export type \{([^}]*)\}/gm)].flatMap((m) =>
    (m[1] as string)
      .split(",")
      .map(
        (name) =>
          name
            .trim()
            .split(/\s+as\s+/)
            .at(-1) as string,
      )
      .filter(Boolean),
  );
  return [...new Set([...declared, ...listed])].sort();
}

describe("ports.ts lists every port, and every port has an in-memory fake", () => {
  it("each type ports.ts exports is a port with a fake, a known gap, or data", () => {
    const unaccounted = exportedTypeNames().filter(
      (name) => !(name in FAKES) && !WITHOUT_FAKE.includes(name) && !DATA.includes(name),
    );
    expect(
      unaccounted,
      "add a fake to functions/domain/fakes and to FAKES (or to DATA if not a port)",
    ).toEqual([]);
  });

  it("every fake is for a port ports.ts still exports", () => {
    const exported = new Set(exportedTypeNames());
    expect([...Object.keys(FAKES), ...WITHOUT_FAKE, ...DATA].filter((name) => !exported.has(name))).toEqual(
      [],
    );
  });

  it("the ports re-exported from entity modules are listed (actions, bursts, knowledge, marketplace, model, Shopify)", () => {
    expect(exportedTypeNames()).toEqual(
      expect.arrayContaining([
        "ActionStore",
        "AddressReader",
        "OrderActions",
        "BurstStore",
        "ChannelActivityStore",
        "KnowledgeBase",
        "KnowledgeStore",
        "TokenStore",
        "MarketplaceQueues",
        "ReplyModel",
        "ErasureStore",
        "ShopifyStore",
        "ShopifyEventQueue",
      ]),
    );
  });

  it("every fake builds, and createInMemoryPorts wires the new ones", () => {
    for (const create of Object.values(FAKES)) expect(create()).toBeTypeOf("object");
    const ports = createInMemoryPorts();
    for (const name of [
      "addressReader",
      "bursts",
      "erasure",
      "knowledgeBase",
      "marketplaceQueues",
      "oversight",
      "tokens",
      "shopify",
      "shopifyEvents",
    ] as const)
      expect(ports[name]).toBeTypeOf("object");
  });
});

const shop = ShopId("a.myshopify.com");
const other = ShopId("b.myshopify.com");
const delivery = (over: Partial<ShopifyDelivery> = {}): ShopifyDelivery => ({
  bodyDigest: "d1",
  shopId: shop,
  topic: "orders/create",
  eventId: "e1",
  ...over,
});

describe("the in-memory ShopifyStore binds a webhook body to its first shop", () => {
  it("claims a delivery once: Shopify's retry is a duplicate", async () => {
    const store = createFakeShopifyStore(createFakeClock());
    expect(await store.claimDelivery(delivery(), 600)).toBe("new");
    expect(await store.claimDelivery(delivery(), 600)).toBe("duplicate");
  });

  it("refuses the same body under another shop", async () => {
    const store = createFakeShopifyStore(createFakeClock());
    await store.claimDelivery(delivery(), 600);
    expect(await store.claimDelivery(delivery({ shopId: other }), 600)).toBe("other_shop");
  });

  it("treats the same body under another topic or event as new", async () => {
    const store = createFakeShopifyStore(createFakeClock());
    await store.claimDelivery(delivery(), 600);
    expect(await store.claimDelivery(delivery({ topic: "orders/updated" }), 600)).toBe("new");
    expect(await store.claimDelivery(delivery({ eventId: "e2" }), 600)).toBe("new");
  });

  it("lets another shop have a body once its binding has expired", async () => {
    const clock = createFakeClock();
    const store = createFakeShopifyStore(clock);
    await store.claimDelivery(delivery(), 60);
    clock.advance(61_000);
    expect(await store.claimDelivery(delivery({ shopId: other }), 60)).toBe("new");
  });

  it("after a release processes the retry, but keeps the body bound to its shop", async () => {
    const store = createFakeShopifyStore(createFakeClock());
    await store.claimDelivery(delivery(), 600);
    await store.releaseDelivery(delivery());
    expect(await store.claimDelivery(delivery(), 600)).toBe("new");
    await store.releaseDelivery(delivery({ shopId: other }));
    expect(await store.claimDelivery(delivery({ shopId: other }), 600)).toBe("other_shop");
  });
});

describe("the in-memory BurstStore claims a burst once and settles it", () => {
  const conversation = ConversationId("c1");
  const pending = (messageId: string) => ({
    messageId,
    text: messageId,
    media: null,
    sentAt: "2026-03-02T03:00:00.000Z",
    arrivedAt: "2026-03-02T03:00:00.000Z",
    buyerId: "b",
    buyerName: null,
    market: null,
  });

  it("stores a message once: a redelivered push is refused", async () => {
    const bursts = createFakeBurstStore();
    expect(await bursts.add(shop, conversation, pending("m1"))).toBe(true);
    expect(await bursts.add(shop, conversation, pending("m1"))).toBe(false);
    expect((await bursts.get(shop, conversation)).pending.map((m) => m.messageId)).toEqual(["m1"]);
  });

  it("refuses a second claim while one is in place", async () => {
    const bursts = createFakeBurstStore();
    await bursts.add(shop, conversation, pending("m1"));
    expect(await bursts.claim(shop, conversation, ["m1"])).toBe(true);
    expect(await bursts.claim(shop, conversation, ["m1"])).toBe(false);
    expect((await bursts.get(shop, conversation)).claimed).toEqual(["m1"]);
  });

  it("settling answers the claimed messages, ends the claim, and refuses their redelivery", async () => {
    const bursts = createFakeBurstStore();
    await bursts.add(shop, conversation, pending("m1"));
    await bursts.claim(shop, conversation, ["m1"]);
    await bursts.add(shop, conversation, pending("m2"));
    await bursts.settle(shop, conversation, ["m1"]);
    expect(await bursts.get(shop, conversation)).toEqual({ pending: [pending("m2")], claimed: null });
    expect(await bursts.add(shop, conversation, pending("m1"))).toBe(false);
  });
});

describe("the in-memory TokenStore never reconnects an account", () => {
  const connection = {
    shopId: shop,
    marketplace: "shopee",
    marketplaceShopId: "123",
    appId: "app",
    vendor: {},
    apiBaseUrl: "http://127.0.0.1",
    authBaseUrl: "http://127.0.0.1",
    market: null,
    accessTokenExpiresAt: "2026-03-02T04:00:00.000Z",
    connectedAt: "2026-03-01T00:00:00.000Z",
  } as const satisfies MarketplaceConnection;
  const secrets = { signingKey: "k", accessToken: "a1", refreshToken: "r1" };

  it("stores a refreshed pair while connected", async () => {
    const tokens = createFakeTokenStore();
    tokens.connect(connection, secrets);
    await tokens.saveRefreshed(connection, { ...secrets, accessToken: "a2" });
    expect((await tokens.secrets(connection)).accessToken).toBe("a2");
  });

  it("drops a refresh that lands after a disconnect", async () => {
    const tokens = createFakeTokenStore();
    tokens.connect(connection, secrets);
    tokens.disconnect(connection);
    await tokens.saveRefreshed(connection, { ...secrets, accessToken: "a2" });
    expect(tokens.connectionOf(connection)).toBeNull();
    await expect(tokens.secrets(connection)).rejects.toThrow("No secrets stored for shopee");
  });
});

describe("the in-memory queues drop what their SQS deduplication ids would", () => {
  it("queues a Shopify event once, but the same event id under another topic again", async () => {
    const queue = createFakeShopifyEventQueue();
    const event = {
      topic: "orders/create",
      shopId: shop,
      eventId: "e1",
      webhookId: null,
      triggeredAt: null,
      body: "{}",
    };
    await queue.send(event);
    await queue.send(event);
    await queue.send({ ...event, topic: "orders/updated" });
    expect(queue.sent.map((e) => e.topic)).toEqual(["orders/create", "orders/updated"]);
  });

  it("queues a burst's flush once per deduplication id", async () => {
    const queues = createFakeMarketplaceQueues();
    const job = { kind: "flush", shopId: shop, marketplace: "line", threadId: "t", messageId: "m1" } as const;
    await queues.flush(job, "m1");
    await queues.flush(job, "m1");
    await queues.flush({ ...job, messageId: "m2" }, "m2");
    expect(queues.inboundQueue.sent).toHaveLength(2);
  });
});

describe("the in-memory ErasureStore deletes once", () => {
  it("a repeated erasure deletes nothing more", async () => {
    const erasure = createFakeErasureStore();
    erasure.putConversation(shop, ConversationId("c1"), 3, ["esc-1"]);
    expect(await erasure.eraseConversation(shop, ConversationId("c1"))).toBe(4);
    expect(await erasure.eraseConversation(shop, ConversationId("c1"))).toBe(0);
    expect(erasure.remaining(shop)).toBe(0);
  });
});
