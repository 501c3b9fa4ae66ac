/**
 * The in-memory fakes keep the DynamoDB adapters' promises: the same specifications run against both, so a unit test
 * over a fake says something true about production.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationStore } from "../../functions/adapters/dynamodb/conversation-store";
import { createEscalationStore } from "../../functions/adapters/dynamodb/escalation-store";
import { createOrderStore } from "../../functions/adapters/dynamodb/order-store";
import { createSessionStore } from "../../functions/adapters/dynamodb/session-store";
import { createTable, ensureTable, type Table } from "../../functions/adapters/dynamodb/table";
import type { Conversation, Turn } from "../../functions/domain/conversation";
import type { HandoffPacket } from "../../functions/domain/escalation";
import {
  createFakeConversationStore,
  createFakeEscalationStore,
  createFakeOrderStore,
  createFakeSessionStore,
} from "../../functions/domain/fakes";
import { ConversationId, EscalationId, ShopId } from "../../functions/domain/ids";
import type {
  ConversationStore,
  EscalationStore,
  OrderReader,
  OrderStore,
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
  },
  "DynamoDB adapter": {
    orders: async () => createOrderStore(await freshTable()),
    conversations: async () => createConversationStore(await freshTable()),
    inbox: async () => createEscalationStore(await freshTable(), async () => [SHOP]),
    sessions: async () => createSessionStore(await freshTable()),
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
  });
}
