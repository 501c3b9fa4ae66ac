/**
 * How the DynamoDB conversation store writes a turn (issue #21): a new conversation in one conditional put, the
 * transcript and turns as JSON text, and items written before that still read as they were.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationStore } from "../../functions/adapters/dynamodb/conversation-store";
import { keys } from "../../functions/adapters/dynamodb/keys";
import { createTable, ensureTable, type Table } from "../../functions/adapters/dynamodb/table";
import type { Conversation, Turn, TurnOutcome } from "../../functions/domain/conversation";
import { ConversationId, EscalationId, ShopId } from "../../functions/domain/ids";
import { type Emulators, startEmulators } from "../../functions/local/emulators";

const SHOP = ShopId("store-shop.myshopify.com");
const AT = "2026-03-02T03:00:00.000Z";
const LATER = "2026-03-02T03:00:02.500Z";

let emulators: Emulators;
let tables = 0;
beforeAll(async () => {
  emulators = await startEmulators({ dynamodbPort: 0, sqsPort: 0 });
});
afterAll(async () => {
  await emulators?.stop();
});

/** A fresh table, and the names of the commands its client sends. */
async function freshTable(): Promise<{ table: Table; sent: string[] }> {
  const table = createTable(
    {
      region: "ap-southeast-1",
      endpoint: emulators.dynamodbEndpoint,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    },
    `conversation-store-${++tables}`,
  );
  await ensureTable(table);
  const sent: string[] = [];
  table.client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName as string);
      return next(args);
    },
    { step: "initialize" },
  );
  return { table, sent };
}

const reply = {
  text: "Your order #1001 has shipped.",
  language: "en",
  intent: "order_status",
  confidence: 1,
  engine: "embedded",
  aiGenerated: true,
} as const;
const OUTCOMES: Record<string, TurnOutcome> = {
  replied: { kind: "replied", reply, memory: { misunderstandings: 0, language: "en", orderName: "#1001" } },
  escalated: {
    kind: "escalated",
    reply,
    memory: { misunderstandings: 0 },
    escalation: { id: EscalationId("e-m-1"), region: "sea", reason: "human_requested", status: "pending" },
  },
  held: { kind: "held" },
};

/** A turn of conversation `id` and the conversation after it, as the pipeline plans them. */
function planned(id: string, messageId: string, outcome: TurnOutcome, extra: Partial<Conversation> = {}) {
  const conversationId = ConversationId(id);
  const turn: Turn = {
    shopId: SHOP,
    conversationId,
    messageId,
    channel: "api",
    threadId: id,
    market: "SG",
    shopper: { id: "buyer-1", name: "Siti" },
    text: "where is my order #1001?",
    receivedAt: AT,
    repliedAt: LATER,
    statusAfter: outcome.kind === "escalated" ? "pending_human" : "ai",
    outcome,
  };
  const next: Conversation = {
    shopId: SHOP,
    id: conversationId,
    channel: "api",
    threadId: id,
    market: "SG",
    shopper: { id: "buyer-1", name: "Siti" },
    status: turn.statusAfter,
    memory: outcome.kind === "held" ? { misunderstandings: 0 } : outcome.memory,
    escalationId: outcome.kind === "escalated" ? outcome.escalation.id : null,
    createdAt: AT,
    lastMessageAt: AT,
    recent: [
      { role: "shopper", text: turn.text, at: AT, intent: "order_status" },
      { role: "ai", text: reply.text, at: LATER, orders: ["#1001"] },
    ],
    lastTurn: turn,
    expiresAt: 1_900_000_000,
    ...extra,
  };
  return { turn, next };
}

const rawConversation = (table: Table, id: string) =>
  table.client
    .send(new GetCommand({ TableName: table.name, Key: keys.conversation(SHOP, ConversationId(id)) }))
    .then((r) => r.Item);

describe("DynamoDB conversation store: writing a turn", () => {
  for (const [kind, outcome] of Object.entries(OUTCOMES)) {
    it(`creates a new conversation (${kind}) with one put that stores what the update would`, async () => {
      const extra = kind === "replied" ? { ratingAsked: { at: LATER, by: "ai" as const } } : {};
      const { turn, next } = planned("c-new", "m-1", outcome, extra);
      const updated = await freshTable();
      await createConversationStore(updated.table).applyTurn(turn, next);
      const put = await freshTable();
      await createConversationStore(put.table).applyTurn(turn, next, null);

      expect(put.sent).toEqual(["PutItemCommand"]);
      expect(await rawConversation(put.table, "c-new")).toEqual(
        await rawConversation(updated.table, "c-new"),
      );
    });
  }

  it("falls back to the update when the conversation appeared since it was read, never undoing a handoff", async () => {
    const { table } = await freshTable();
    const store = createConversationStore(table);
    const first = planned("c-race", "m-1", OUTCOMES.escalated as TurnOutcome);
    await store.applyTurn(first.turn, first.next, null);
    // A racing AI reply decided on the same empty read.
    const second = planned("c-race", "m-2", OUTCOMES.replied as TurnOutcome);
    await store.applyTurn(second.turn, second.next, null);

    const item = await rawConversation(table, "c-race");
    expect(item).toMatchObject({ status: "pending_human", escalationId: "e-m-1", messageCount: 4 });
    const context = await store.loadTurnContext({
      shopId: SHOP,
      conversationId: ConversationId("c-race"),
      messageId: "m-3",
      orderName: null,
      shopperKeys: [],
    });
    expect(context.conversation?.lastTurn?.messageId).toBe("m-2");
  });

  it("reads back the transcript and turns it stores as JSON text, and a person's reply joins the transcript", async () => {
    const { table } = await freshTable();
    const store = createConversationStore(table);
    const { turn, next } = planned("c-json", "m-1", OUTCOMES.replied as TurnOutcome);
    await store.applyTurn(turn, next, null);
    expect(await store.putTurn(turn, next.expiresAt)).toBe(true);
    await store.addAgentMessage(SHOP, next.id, {
      id: "a-1",
      role: "agent",
      text: "Hi Siti, it arrives tomorrow.",
      at: "2026-03-02T03:05:00.000Z",
      agentId: "agent-1",
    });

    const context = await store.loadTurnContext({
      shopId: SHOP,
      conversationId: next.id,
      messageId: "m-1",
      orderName: null,
      shopperKeys: [],
    });
    // One string per turn and per transcript entry: far less to marshal, check and store than nested maps.
    const raw = await rawConversation(table, "c-json");
    expect(typeof raw?.lastTurn).toBe("string");
    expect(raw?.recent.map((entry: unknown) => typeof entry)).toEqual(["string", "string", "string"]);
    const rawTurn = await table.client.send(
      new GetCommand({ TableName: table.name, Key: keys.turn(SHOP, next.id, "m-1") }),
    );
    expect(typeof rawTurn.Item?.turn).toBe("string");
    expect(context.existingTurn).toEqual(turn);
    expect(context.conversation?.lastTurn).toEqual(turn);
    expect(context.conversation?.recent).toEqual([
      ...next.recent,
      { role: "agent", text: "Hi Siti, it arrives tomorrow.", at: "2026-03-02T03:05:00.000Z" },
    ]);
  });

  it("still reads conversations and turns stored as maps before the JSON text, and appends to their transcript", async () => {
    const { table } = await freshTable();
    const store = createConversationStore(table);
    const { turn, next } = planned("c-old", "m-1", OUTCOMES.replied as TurnOutcome);
    const { lastTurn: _, expiresAt: __, ...conversation } = next;
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...keys.conversation(SHOP, next.id),
          type: "conversation",
          ...conversation,
          lastTurn: turn,
        },
      }),
    );
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...keys.turn(SHOP, next.id, "m-1"), type: "turn", owner: SHOP, at: AT, turn },
      }),
    );
    await store.addAgentMessage(SHOP, next.id, {
      id: "a-1",
      role: "agent",
      text: "On its way.",
      at: "2026-03-02T03:05:00.000Z",
      agentId: "agent-1",
    });

    const context = await store.loadTurnContext({
      shopId: SHOP,
      conversationId: next.id,
      messageId: "m-1",
      orderName: null,
      shopperKeys: [],
    });
    expect(context.existingTurn).toEqual(turn);
    expect(context.conversation?.lastTurn).toEqual(turn);
    expect(context.conversation?.recent.map((e) => e.role)).toEqual(["shopper", "ai", "agent"]);
    const found = await store.getConversation(SHOP, next.id);
    expect(found?.messages.map((m) => m.role)).toEqual(["shopper", "ai", "agent"]);
  });
});
