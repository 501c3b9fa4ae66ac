/**
 * The in-memory fakes keep the DynamoDB adapters' promises: the same specifications run against both, so a unit test
 * over a fake says something true about production.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationStore } from "../../functions/adapters/dynamodb/conversation-store";
import { createEscalationStore } from "../../functions/adapters/dynamodb/escalation-store";
import { createOrderStore } from "../../functions/adapters/dynamodb/order-store";
import { createOversightStore } from "../../functions/adapters/dynamodb/oversight-store";
import { createSessionStore } from "../../functions/adapters/dynamodb/session-store";
import { createTable, ensureTable, type Table } from "../../functions/adapters/dynamodb/table";
import type { Conversation, Reply, Turn } from "../../functions/domain/conversation";
import type { HandoffPacket } from "../../functions/domain/escalation";
import {
  createFakeConversationStore,
  createFakeEscalationStore,
  createFakeOrderStore,
  createFakeOversightStore,
  createFakeSessionStore,
} from "../../functions/domain/fakes";
import { ConversationId, EscalationId, ShopId } from "../../functions/domain/ids";
import type {
  AnswerFlag,
  ConversationStore,
  EscalationStore,
  OrderReader,
  OrderStore,
  OversightStore,
  SessionStore,
} from "../../functions/domain/ports";
import { type Emulators, startEmulators } from "../../functions/local/emulators";
import { DEMO_ORDERS } from "../../functions/local/demo-data";

let emulators: Emulators;
let table: Table;
let tables = 0;
beforeAll(async () => {
  emulators = await startEmulators({ dynamodbPort: 0, sqsPort: 0 });
});
afterAll(async () => {
  await emulators?.stop();
});
/** A fresh table per specification, so each starts from nothing as the fake does. */
const freshTable = async () => {
  table = createTable(
    {
      region: "ap-southeast-1",
      endpoint: emulators.dynamodbEndpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    },
    `contracts-${++tables}`,
  );
  await ensureTable(table);
  return table;
};

const SHOP = ShopId("contract-shop.myshopify.com");
const [order] = DEMO_ORDERS as [(typeof DEMO_ORDERS)[number]];

const implementations = {
  "in-memory fake": {
    orders: async (): Promise<OrderStore & OrderReader> => createFakeOrderStore(),
    conversations: async (): Promise<ConversationStore> => createFakeConversationStore(),
    inbox: async (): Promise<EscalationStore> => createFakeEscalationStore(async () => [SHOP]),
    sessions: async (): Promise<SessionStore> => createFakeSessionStore(),
    oversight: async (): Promise<{ conversations: ConversationStore; oversight: OversightStore }> => {
      const conversations = createFakeConversationStore();
      return { conversations, oversight: createFakeOversightStore(conversations) };
    },
  },
  "DynamoDB adapter": {
    orders: async () => createOrderStore(await freshTable()),
    conversations: async () => createConversationStore(await freshTable()),
    inbox: async () => createEscalationStore(await freshTable(), async () => [SHOP]),
    sessions: async () => createSessionStore(await freshTable()),
    oversight: async () => {
      const shared = await freshTable();
      return { conversations: createConversationStore(shared), oversight: createOversightStore(shared) };
    },
  },
};

const conversation = (id: string, lastMessageAt: string): Conversation => ({
  shopId: SHOP,
  id: ConversationId(id),
  channel: "api",
  threadId: id,
  market: "ID",
  shopper: { id: "buyer-1" },
  status: "ai",
  memory: { misunderstandings: 0 },
  escalationId: null,
  createdAt: lastMessageAt,
  lastMessageAt,
  recent: [],
  lastTurn: null,
});
const turnOf = (c: Conversation, messageId: string): Turn => ({
  shopId: c.shopId,
  conversationId: c.id,
  messageId,
  channel: c.channel,
  threadId: c.threadId,
  market: c.market,
  shopper: c.shopper,
  text: "halo",
  receivedAt: c.lastMessageAt,
  repliedAt: c.lastMessageAt,
  statusAfter: "pending_human",
  outcome: {
    kind: "escalated",
    reply: {
      text: "…",
      language: "id",
      intent: "human_request",
      confidence: 1,
      engine: "embedded",
      aiGenerated: true,
    },
    memory: { misunderstandings: 0 },
    escalation: {
      id: EscalationId(`e-${messageId}`),
      region: "sea",
      reason: "human_requested",
      status: "pending",
    },
  },
});
const packet = (id: string, priority: number): HandoffPacket => ({
  escalationId: EscalationId(id),
  shopId: SHOP,
  conversationId: ConversationId(`c-${id}`),
  channel: "api",
  region: "sea",
  market: "ID",
  language: "id",
  posture: "ai-first",
  reason: "human_requested",
  intent: "human_request",
  priority,
  summary: "",
  shopper: { id: "buyer-1", name: null },
  order: null,
  draft: null,
  transcript: [],
  createdAt: "2026-03-02T03:00:00.000Z",
  dueAt: "2026-03-02T04:00:00.000Z",
});

const OTHER_SHOP = ShopId("contract-other.myshopify.com");
const day = (d: string) => `2026-03-${d}T03:00:00.000Z`;
/** The live list's filter for these shops' Indonesian conversations. */
const indonesiaOf = (...shopIds: ShopId[]) => ({
  shops: shopIds.map((shopId) => ({ shopId, markets: ["ID" as const] })),
});

/** A turn the AI answered (in Indonesian unless `reply` says otherwise); its memory holds the reply's language. */
const answered = (c: Conversation, messageId: string, reply: Partial<Reply> = {}): Turn => {
  const language = reply.language ?? "id";
  return {
    ...turnOf(c, messageId),
    statusAfter: "ai",
    outcome: {
      kind: "replied",
      reply: {
        text: "Halo!",
        language,
        intent: "greeting",
        confidence: 0.9,
        engine: "embedded",
        aiGenerated: true,
        ...reply,
      },
      memory: { misunderstandings: 0, language },
    },
  };
};

/** Stores the AI's answer and applies it to the conversation, as the reply pipeline does. */
const answer = async (store: ConversationStore, c: Conversation, reply: Partial<Reply> = {}) => {
  const turn = answered(c, `${c.id}-m`, reply);
  await store.putTurn(turn);
  await store.applyTurn(turn, c);
  return c;
};

/** Every id the live list gives for the filter, page by page, each page within the limit. */
const liveIds = async (
  oversight: OversightStore,
  filter: Parameters<OversightStore["listLive"]>[0],
  limit = 10,
) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await oversight.listLive(filter, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
};

const flagOf = (messageId: string, at: string, over: Partial<AnswerFlag> = {}): AnswerFlag => ({
  shopId: SHOP,
  conversationId: ConversationId("c-flag"),
  messageId,
  market: "ID",
  language: "id",
  answer: "Halo!",
  question: "halo",
  note: "Our hours are wrong.",
  agentId: "agent-1",
  agentName: "Ayu",
  at,
  ...over,
});

for (const [name, make] of Object.entries(implementations)) {
  describe(`port contracts: ${name}`, () => {
    it("never lets an older order snapshot replace a newer one", async () => {
      const orders = await make.orders();
      const newer = { ...order, updatedAt: "2026-11-20T10:00:00.000Z", fulfillmentStatus: "FULFILLED" };
      const older = { ...order, updatedAt: "2026-11-19T10:00:00.000Z", fulfillmentStatus: "UNFULFILLED" };
      await orders.putOrder(SHOP, newer, ["email:siti@example.com"]);
      await orders.putOrder(SHOP, older, ["email:siti@example.com"]);
      expect((await orders.getOrder(SHOP, order.name))?.fulfillmentStatus).toBe("FULFILLED");
    });

    it("stores a turn once and reports the repeat as not stored", async () => {
      const store = await make.conversations();
      const c = conversation("c-turn", "2026-03-02T03:00:00.000Z");
      expect(await store.putTurn(turnOf(c, "m-1"))).toBe(true);
      expect(await store.putTurn(turnOf(c, "m-1"))).toBe(false);
    });

    it("moves a conversation's status only from an allowed status and on its own escalation", async () => {
      const store = await make.conversations();
      const c = conversation("c-status", "2026-03-02T03:00:00.000Z");
      const turn = turnOf(c, "m-1");
      await store.applyTurn(turn, { ...c, status: "pending_human", escalationId: EscalationId("e-m-1") });
      const guard = (escalationId: string) => ({ from: ["pending_human" as const], escalationId });
      expect(await store.setStatus(SHOP, c.id, "human", guard("e-other"))).toBe(false);
      expect(await store.setStatus(SHOP, c.id, "human", guard("e-m-1"))).toBe(true);
      expect(await store.setStatus(SHOP, c.id, "human", guard("e-m-1"))).toBe(false);
    });

    it("lists conversations newest first, page by page, and refuses another shop's cursor", async () => {
      const store = await make.conversations();
      for (const [i, at] of ["01", "02", "03"].entries()) {
        const c = conversation(`c-list-${i}`, `2026-03-${at}T03:00:00.000Z`);
        await store.applyTurn(turnOf(c, `m-${i}`), c);
      }
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listConversations(SHOP, {}, { limit: 2, cursor });
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids).toEqual(["c-list-2", "c-list-1", "c-list-0"]);
      const first = await store.listConversations(SHOP, {}, { limit: 1 });
      await expect(
        store.listConversations(
          ShopId("other.myshopify.com"),
          {},
          { limit: 1, cursor: first.nextCursor ?? "" },
        ),
      ).rejects.toMatchObject({ code: "invalid_request" });
    });

    it("records a redelivered packet once", async () => {
      const inbox = await make.inbox();
      expect(await inbox.record(packet("e-1", 30))).toBe("created");
      expect(await inbox.record(packet("e-1", 30))).toBe("exists");
    });

    it("refuses a change decided on a stale state, so two agents never both win", async () => {
      const inbox = await make.inbox();
      await inbox.record(packet("e-2", 30));
      const pending = await inbox.find([SHOP], EscalationId("e-2"));
      if (!pending) throw new Error("not recorded");
      const byA = { ...pending, status: "claimed" as const, claimedBy: "agent-a" };
      const byB = { ...pending, status: "claimed" as const, claimedBy: "agent-b" };
      expect(await inbox.replace(pending, byA)).toBe(true);
      expect(await inbox.replace(pending, byB)).toBe(false);
      expect((await inbox.find("*", EscalationId("e-2")))?.claimedBy).toBe("agent-a");
    });

    it("lists the inbox most urgent first, page by page", async () => {
      const inbox = await make.inbox();
      for (const [id, priority] of [
        ["e-low", 40],
        ["e-high", 10],
        ["e-mid", 30],
      ] as const)
        await inbox.record(packet(id, priority));
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await inbox.listInbox(
          { shops: [SHOP], regions: ["sea"], status: "pending" },
          { limit: 2, cursor },
        );
        ids.push(...page.items.map((e) => e.escalationId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids).toEqual(["e-high", "e-mid", "e-low"]);
    });

    it("ends a web session for good and forgets one past its expiry", async () => {
      const sessions = await make.sessions();
      const session = { kind: "agent" as const, credentialHash: "h", expiresAt: 2_000 };
      await sessions.start("s-1", session);
      await sessions.start("s-2", session);
      expect(await sessions.find("s-1", 1_000)).toEqual(session);
      await sessions.end("s-1", 1_000);
      expect(await sessions.find("s-1", 1_000)).toBeNull();
      expect(await sessions.find("s-2", 2_000)).toBeNull();
      await expect(sessions.start("s-2", session)).rejects.toThrow();
    });

    describe("OversightStore, over the conversations the ConversationStore writes", () => {
      it("lists only the AI's conversations, and only in each shop's markets", async () => {
        const { conversations, oversight } = await make.oversight();
        await answer(conversations, conversation("c-live", day("01")));
        await answer(conversations, { ...conversation("c-thai", day("02")), market: "TH" });
        await answer(conversations, { ...conversation("c-other-shop", day("03")), shopId: OTHER_SHOP });
        const escalated = conversation("c-escalated", day("04"));
        await conversations.applyTurn(turnOf(escalated, "m-1"), escalated);
        expect(await liveIds(oversight, indonesiaOf(SHOP))).toEqual(["c-live"]);
      });

      it("lists nothing of a shop in none of whose markets the agent works, beside another shop's", async () => {
        const { conversations, oversight } = await make.oversight();
        await answer(conversations, conversation("c-live", day("01")));
        await answer(conversations, { ...conversation("c-other-shop", day("02")), shopId: OTHER_SHOP });
        const shops = [
          { shopId: SHOP, markets: ["ID" as const] },
          { shopId: OTHER_SHOP, markets: [] },
        ];
        expect(await liveIds(oversight, { shops })).toEqual(["c-live"]);
      });

      it("filters the live list by the conversation's language and channel", async () => {
        const { conversations, oversight } = await make.oversight();
        await answer(conversations, conversation("c-id-api", day("01")));
        await answer(conversations, conversation("c-en-api", day("02")), { language: "en" });
        await answer(conversations, { ...conversation("c-id-line", day("03")), channel: "line" });
        const shops = indonesiaOf(SHOP);
        expect(await liveIds(oversight, { ...shops, language: "id" })).toEqual(["c-id-line", "c-id-api"]);
        expect(await liveIds(oversight, { ...shops, channel: "api" })).toEqual(["c-en-api", "c-id-api"]);
        expect(await liveIds(oversight, { ...shops, language: "id", channel: "api" })).toEqual(["c-id-api"]);
      });

      it("leaves out a conversation the seller's staff paused, until the pause is over", async () => {
        const { conversations, oversight } = await make.oversight();
        await answer(conversations, conversation("c-paused", day("01")));
        await answer(conversations, conversation("c-pause-over", day("02")));
        await conversations.pause(SHOP, ConversationId("c-paused"), "2999-01-01T00:00:00.000Z");
        await conversations.pause(SHOP, ConversationId("c-pause-over"), "2000-01-01T00:00:00.000Z");
        expect(await liveIds(oversight, indonesiaOf(SHOP))).toEqual(["c-pause-over"]);
      });

      it("lists live conversations newest first across shops, page by page", async () => {
        const { conversations, oversight } = await make.oversight();
        for (const [id, shopId, d] of [
          ["a-1", SHOP, "01"],
          ["b-1", OTHER_SHOP, "02"],
          ["a-2", SHOP, "03"],
          ["b-2", OTHER_SHOP, "04"],
        ] as const)
          await answer(conversations, { ...conversation(id, day(d)), shopId });
        expect(await liveIds(oversight, indonesiaOf(SHOP, OTHER_SHOP), 2)).toEqual([
          "b-2",
          "a-2",
          "b-1",
          "a-1",
        ]);
      });

      it("refuses a live-list cursor made for other shops", async () => {
        const { conversations, oversight } = await make.oversight();
        await answer(conversations, conversation("c-1", day("01")));
        await answer(conversations, conversation("c-2", day("02")));
        const first = await oversight.listLive(indonesiaOf(SHOP), { limit: 1 });
        await expect(
          oversight.listLive(indonesiaOf(OTHER_SHOP), { limit: 1, cursor: first.nextCursor ?? "" }),
        ).rejects.toMatchObject({ code: "invalid_request" });
      });

      it("skips a conversation past its retention, in the live list and when finding it", async () => {
        const { conversations, oversight } = await make.oversight();
        const gone = await answer(conversations, { ...conversation("c-expired", day("01")), expiresAt: 1 });
        expect(await liveIds(oversight, indonesiaOf(SHOP))).toEqual([]);
        expect(await oversight.find([SHOP], gone.id)).toBeNull();
      });

      it("finds a conversation only among the given shops", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = await answer(conversations, conversation("c-find", day("01")));
        expect(await oversight.find([OTHER_SHOP], c.id)).toBeNull();
        expect(await oversight.find([OTHER_SHOP, SHOP], c.id)).toMatchObject({
          shopId: SHOP,
          id: c.id,
          status: "ai",
          memory: { language: "id" },
        });
      });

      it("takes an AI conversation over, and again under the same escalation", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = await answer(conversations, conversation("c-take", day("01")));
        expect(await oversight.takeOver(c, EscalationId("e-take"))).toBe(true);
        expect(await oversight.takeOver(c, EscalationId("e-take"))).toBe(true);
        expect((await conversations.getConversation(SHOP, c.id))?.conversation).toMatchObject({
          status: "human",
          escalationId: "e-take",
        });
      });

      it("refuses a takeover under another escalation once the conversation is taken", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = await answer(conversations, conversation("c-taken", day("01")));
        await oversight.takeOver(c, EscalationId("e-first"));
        expect(await oversight.takeOver(c, EscalationId("e-second"))).toBe(false);
        expect((await conversations.getConversation(SHOP, c.id))?.conversation.escalationId).toBe("e-first");
      });

      it("refuses to take over a conversation a person holds", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = conversation("c-human", day("01"));
        await conversations.applyTurn(turnOf(c, "m-1"), c);
        await conversations.setStatus(SHOP, c.id, "human", {
          from: ["pending_human"],
          escalationId: "e-m-1",
        });
        expect(await oversight.takeOver(c, EscalationId("e-take"))).toBe(false);
        expect((await conversations.getConversation(SHOP, c.id))?.conversation).toMatchObject({
          status: "human",
          escalationId: "e-m-1",
        });
      });

      it("takes over a conversation a person resolved", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = conversation("c-resolved", day("01"));
        await conversations.applyTurn(turnOf(c, "m-1"), c);
        await conversations.setStatus(SHOP, c.id, "resolved", {
          from: ["pending_human"],
          escalationId: "e-m-1",
        });
        expect(await oversight.takeOver(c, EscalationId("e-take"))).toBe(true);
      });

      it("takes over no conversation that was never stored", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = conversation("c-none", day("01"));
        expect(await oversight.takeOver(c, EscalationId("e-take"))).toBe(false);
        expect(await conversations.getConversation(SHOP, c.id)).toBeNull();
      });

      it("marks the shopper asked for a rating once, keeping the first", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = await answer(conversations, conversation("c-rate", day("01")));
        const first = { at: day("01"), by: "person" as const };
        expect(await oversight.markRatingAsked(c, first)).toBe(true);
        expect(await oversight.markRatingAsked(c, { at: day("02"), by: "person" })).toBe(false);
        expect((await conversations.getConversation(SHOP, c.id))?.conversation.ratingAsked).toEqual(first);
      });

      it("does not mark a rating asked when the AI's turn already asked for one", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = conversation("c-asked", day("01"));
        await conversations.applyTurn(answered(c, "m-1"), { ...c, ratingAsked: { at: day("01"), by: "ai" } });
        expect(await oversight.markRatingAsked(c, { at: day("02"), by: "person" })).toBe(false);
      });

      it("keeps one flag per answer: a second flag of it replaces the first", async () => {
        const { oversight } = await make.oversight();
        await oversight.flag(flagOf("m-1:reply", day("01")), undefined);
        const second = flagOf("m-1:reply", day("02"), { note: "The price is wrong too." });
        await oversight.flag(second, undefined);
        expect(await oversight.listFlags(SHOP, day("01"), day("05"))).toEqual([second]);
      });

      it("lists the shop's flags raised in [from, to), newest first", async () => {
        const { oversight } = await make.oversight();
        for (const [id, d] of [
          ["m-1", "01"],
          ["m-2", "02"],
          ["m-3", "03"],
          ["m-4", "04"],
        ])
          await oversight.flag(flagOf(`${id}:reply`, day(d as string)), undefined);
        await oversight.flag(flagOf("m-5:reply", day("03"), { shopId: OTHER_SHOP }), undefined);
        expect((await oversight.listFlags(SHOP, day("02"), day("04"))).map((f) => f.messageId)).toEqual([
          "m-3:reply",
          "m-2:reply",
        ]);
      });

      it("leaves out a flag past its expiry", async () => {
        const { oversight } = await make.oversight();
        await oversight.flag(flagOf("m-1:reply", day("01")), 1);
        expect(await oversight.listFlags(SHOP, day("01"), day("05"))).toEqual([]);
      });

      it("lists the AI's misses among the shop's turns received in [from, to)", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = conversation("c-miss", day("01"));
        const at = (turn: Turn, d: string): Turn => ({ ...turn, receivedAt: day(d), repliedAt: day(d) });
        for (const turn of [
          at(answered(c, "m-before", { miss: "no_source" }), "01"),
          at(answered(c, "m-no-source", { miss: "no_source", intent: "shipping_info" }), "02"),
          at(answered(c, "m-answered"), "02"),
          at({ ...turnOf(c, "m-held"), outcome: { kind: "held" } }, "02"),
          at(answered({ ...c, shopId: OTHER_SHOP }, "m-other-shop", { miss: "no_source" }), "02"),
          at(
            answered(c, "m-clarifying", { miss: "clarifying", language: "en", intent: "product_question" }),
            "03",
          ),
          at(answered(c, "m-at-end", { miss: "no_source" }), "04"),
        ])
          await conversations.putTurn(turn);
        const miss = { conversationId: c.id, question: "halo", market: "ID" };
        expect(await oversight.listMisses(SHOP, day("02"), day("04"))).toEqual([
          {
            ...miss,
            messageId: "m-no-source",
            at: day("02"),
            language: "id",
            topic: "shipping_info",
            kind: "no_source",
          },
          {
            ...miss,
            messageId: "m-clarifying",
            at: day("03"),
            language: "en",
            topic: "product_question",
            kind: "clarifying",
          },
        ]);
      });

      it("leaves out a miss whose turn is past its retention", async () => {
        const { conversations, oversight } = await make.oversight();
        const c = conversation("c-miss-expired", day("02"));
        await conversations.putTurn(answered(c, "m-1", { miss: "no_source" }), 1);
        expect(await oversight.listMisses(SHOP, day("01"), day("05"))).toEqual([]);
      });
    });
  });
}
