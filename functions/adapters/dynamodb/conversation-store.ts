/** Conversations and their turns in the single table: one BatchGet reads everything a turn needs. */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  type Conversation,
  type ConversationEvent,
  eventKey,
  type ConversationStatus,
  type InternalNote,
  type Memory,
  type Message,
  type Rating,
  type RatingAsked,
  type Shopper,
  type TranscriptEntry,
} from "../../domain/conversation";
import type { ConversationId, ShopId } from "../../domain/ids";
import type { MarketCode } from "../../domain/markets";
import { type OrderSnapshot, orderKey } from "../../domain/order";
import type { ConversationStore, Page, PageRequest, TurnContext, TurnContextQuery } from "../../domain/ports";
import type { Turn } from "../../domain/conversation";
import { decodeCursor, encodeCursor } from "./cursor";
import { queryAll } from "./query-all";
import { GSI1, gsi1, keys } from "./keys";
import { TTL_ATTRIBUTE, type Table } from "./table";
import { conditions, type Update, update } from "./update-builder";

type Item = Record<string, unknown>;

/** The conversation item's attributes, as its updates write them. */
interface ConversationItem {
  readonly type: "conversation";
  readonly owner: ShopId;
  readonly [TTL_ATTRIBUTE]: number | null;
  readonly shopId: ShopId;
  readonly id: ConversationId;
  readonly channel: string;
  readonly threadId: string;
  readonly market: MarketCode;
  readonly shopper: Shopper;
  readonly createdAt: string;
  readonly lastMessageAt: string;
  /** Each entry as JSON text (older items hold maps; see storedRecent): a list still, so people's replies append. */
  readonly recent: readonly string[];
  /** The last turn as JSON text (older items hold a map; see storedTurn). */
  readonly lastTurn: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly messageCount: number;
  readonly status: ConversationStatus;
  readonly memory: Memory;
  readonly firstReplyMs: number;
  readonly escalationId: string;
  readonly pausedUntil: string;
  readonly ratingAsked: RatingAsked;
  readonly rating: Rating;
}

const when = conditions<ConversationItem>();

export function createConversationStore(table: Table): ConversationStore {
  const { client, name: TableName } = table;

  return {
    async loadTurnContext(query: TurnContextQuery): Promise<TurnContext> {
      const conversationKey = keys.conversation(query.shopId, query.conversationId);
      const turnKey = keys.turn(query.shopId, query.conversationId, query.messageId);
      const orderKeyValue = query.orderName ? keys.order(query.shopId, orderKey(query.orderName)) : null;
      const lookupKeys = query.shopperKeys.map((k) => keys.orderLookup(query.shopId, k));
      const identityKey = query.identityKey ? keys.shopperIdentity(query.shopId, query.identityKey) : null;
      const wanted = [
        conversationKey,
        turnKey,
        ...(orderKeyValue ? [orderKeyValue] : []),
        ...(identityKey ? [identityKey] : []),
        ...lookupKeys,
      ];
      const items = await batchGet(wanted);
      // Keys linked to the identity are read only when there are some: a second round trip for linked shoppers alone.
      const linked = (identityKey ? items.find((i) => i.pk === identityKey.pk)?.keys : undefined) as
        | Iterable<string>
        | undefined;
      const extra = [...new Set(linked ?? [])]
        .filter((k) => !query.shopperKeys.includes(k))
        .map((k) => keys.orderLookup(query.shopId, k));
      if (extra.length > 0) {
        items.push(...(await batchGet(extra)));
        lookupKeys.push(...extra);
      }
      const find = (key: { pk: string; sk: string }) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
      const conversationItem = find(conversationKey);
      const turnItem = find(turnKey);
      const orderItem = orderKeyValue ? find(orderKeyValue) : undefined;
      const shopperOrders = new Map<string, OrderSnapshot>();
      for (const key of lookupKeys) {
        const orders = (find(key)?.orders ?? {}) as Record<string, OrderSnapshot>;
        for (const order of Object.values(orders)) shopperOrders.set(order.id, order);
      }
      return {
        conversation:
          conversationItem && !expired(conversationItem) ? toConversation(conversationItem) : null,
        existingTurn: turnItem ? storedTurn(turnItem.turn) : null,
        orderByName: orderItem ? (orderItem.order as OrderSnapshot) : null,
        shopperOrders: [...shopperOrders.values()],
        linkedKeys: [...new Set(linked ?? [])],
      };
    },

    async noteShopperConversation(shopId, conversationId, shopperKeys) {
      for (const key of new Set(shopperKeys))
        await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.shopperIdentity(shopId, key),
            UpdateExpression: "ADD #convs :conv SET #owner = :owner, #type = if_not_exists(#type, :type)",
            ExpressionAttributeNames: { "#convs": "conversations", "#owner": "owner", "#type": "type" },
            ExpressionAttributeValues: {
              ":conv": new Set([conversationId]),
              ":owner": shopId,
              ":type": "shopperIdentityLink",
            },
          }),
        );
    },

    async shopperConversations(shopId, shopperKeys, except) {
      const filed = new Set<string>();
      const read = new Set<string>();
      // Two hops at most: the shopper's own keys, then the keys linked to their identity (a confirmed order's).
      let next = [...new Set(shopperKeys)];
      for (let hop = 0; hop < 2 && next.length > 0; hop++) {
        for (const key of next) read.add(key);
        const items = await batchGet(next.slice(0, 100).map((k) => keys.shopperIdentity(shopId, k)));
        const linked = new Set<string>();
        for (const item of items) {
          for (const id of (item.conversations ?? []) as Iterable<string>) filed.add(id);
          for (const key of (item.keys ?? []) as Iterable<string>) if (!read.has(key)) linked.add(key);
        }
        next = [...linked];
      }
      filed.delete(except);
      if (filed.size === 0) return [];
      // Bounded: a shopper with more conversations than this is shown the ones read, newest first.
      const found = await batchGet(
        [...filed].slice(0, 50).map((id) => keys.conversation(shopId, id as ConversationId)),
      );
      return found
        .filter((item) => item.type === "conversation" && !expired(item))
        .map(toConversation)
        .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))
        .map((c) => ({
          id: c.id,
          channel: c.channel,
          market: c.market,
          status: c.status,
          lastMessageAt: c.lastMessageAt,
          escalationId: c.escalationId,
        }));
    },

    async applyTurn(turn: Turn, next: Conversation, read?: Conversation | null): Promise<void> {
      // A conversation none was read for is created by one put if still absent: no update expression to evaluate.
      if (read === null && (await putIfAbsent(newConversationItem(turn, next)))) return;
      // The rating question and its answer are written once: the first wins (R10, never twice per conversation).
      const rated = (change: Update<ConversationItem>) => {
        if (next.ratingAsked) change.setIfNotExists("ratingAsked", next.ratingAsked);
        if (next.rating) change.setIfNotExists("rating", next.rating);
        return change;
      };
      const send = (change: Update<ConversationItem>) =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: keys.conversation(next.shopId, next.id),
            ...rated(change).build(),
          }),
        );
      const outcome = turn.outcome;
      // What every turn writes: who and where, recency, the transcript, and its messages (two with a reply).
      const base = () =>
        update<ConversationItem>()
          .set("type", "conversation")
          .set("owner", next.shopId)
          .set(TTL_ATTRIBUTE, next.expiresAt ?? null)
          .set("shopId", next.shopId)
          .set("id", next.id)
          .set("channel", next.channel)
          .set("threadId", next.threadId)
          .setIfNotExists("market", next.market)
          .set("shopper", next.shopper)
          .setIfNotExists("createdAt", next.createdAt)
          .set("lastMessageAt", next.lastMessageAt)
          .set("recent", recentItem(next.recent))
          .set("lastTurn", JSON.stringify(turn))
          .set("gsi1pk", gsi1.conversations(next.shopId))
          .set("gsi1sk", `${next.lastMessageAt}#${next.id}`)
          .add("messageCount", (turn.parts?.length || 1) + (outcome.kind === "held" ? 0 : 1));
      if (outcome.kind === "held") {
        await send(base());
        return;
      }
      const replyMs = replyMsOf(turn);
      const withState = (status: ConversationStatus) =>
        base().set("status", status).set("memory", outcome.memory).setIfNotExists("firstReplyMs", replyMs);
      if (outcome.kind === "escalated") {
        await send(withState("pending_human").set("escalationId", outcome.escalation.id));
        return;
      }
      try {
        // An AI reply never takes the conversation back from a person who took it meanwhile.
        await send(
          withState("ai").when(when.or(when.notExists("status"), when.oneOf("status", ["ai", "resolved"]))),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        await send(base());
      }
    },

    async linkIdentity(shopId, identityKey, linkedKeys) {
      if (linkedKeys.length === 0) return;
      // Both ways: the identity lists its keys (read with every message), each key lists the identities linked to
      // it (how a customer's erasure finds them).
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.shopperIdentity(shopId, identityKey),
          UpdateExpression: "ADD #keys :keys SET #type = :type, #owner = :owner",
          ExpressionAttributeNames: { "#keys": "keys", "#type": "type", "#owner": "owner" },
          ExpressionAttributeValues: {
            ":keys": new Set(linkedKeys),
            ":type": "shopperIdentity",
            ":owner": shopId,
          },
        }),
      );
      for (const key of linkedKeys)
        await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.shopperIdentity(shopId, key),
            UpdateExpression: "ADD #from :from SET #type = :type, #owner = :owner",
            ExpressionAttributeNames: { "#from": "linkedFrom", "#type": "type", "#owner": "owner" },
            ExpressionAttributeValues: {
              ":from": new Set([identityKey]),
              ":type": "shopperIdentityLink",
              ":owner": shopId,
            },
          }),
        );
    },

    putTurn: (turn: Turn, expiresAt?: number) =>
      putIfAbsent({
        ...keys.turn(turn.shopId, turn.conversationId, turn.messageId),
        type: "turn",
        owner: turn.shopId,
        at: turn.receivedAt,
        turn: JSON.stringify(turn),
        // A question the AI could not answer is also listed under the shop, for the seller's report (sparse in gsi1).
        ...(turn.outcome.kind !== "held" && turn.outcome.reply.miss
          ? {
              gsi1pk: gsi1.misses(turn.shopId),
              gsi1sk: `${turn.receivedAt}#${turn.conversationId}#${turn.messageId}`,
            }
          : {}),
        [TTL_ATTRIBUTE]: expiresAt,
      }),

    async getConversation(shopId: ShopId, id: ConversationId) {
      const pk = keys.conversation(shopId, id).pk;
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
      });
      const meta = items.find((i) => i.sk === "META");
      if (!meta || expired(meta)) return null;
      items.splice(0, items.length, ...items.filter((i) => !expired(i)));
      const turns = items.filter((i) => i.type === "turn").map((i) => storedTurn(i.turn) as Turn);
      const messages = [
        ...turns.flatMap(messagesOf),
        ...items.filter((i) => i.type === "agentMessage").map((i) => i.message as Message),
      ];
      messages.sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b));
      const escalated: ConversationEvent[] = turns.flatMap((t) =>
        t.outcome.kind === "escalated"
          ? [
              {
                escalationId: t.outcome.escalation.id,
                kind: "escalated" as const,
                agentId: null,
                at: t.repliedAt,
              },
            ]
          : [],
      );
      const events = [
        ...escalated,
        ...items.filter((i) => i.type === "event").map((i) => i.event as ConversationEvent),
      ];
      // At the same moment, a handoff or takeover reads before the claim that follows it.
      events.sort((a, b) => a.at.localeCompare(b.at) || EVENT_ORDER[a.kind] - EVENT_ORDER[b.kind]);
      const notes = items.filter((i) => i.type === "note").map((i) => i.note as InternalNote);
      notes.sort((a, b) => a.at.localeCompare(b.at));
      const translations: Record<string, Record<string, string>> = {};
      for (const i of items.filter((i) => i.type === "translation")) {
        const locale = i.locale as string;
        translations[locale] = { ...translations[locale], [i.messageId as string]: i.text as string };
      }
      return { conversation: toConversation(meta), messages, events, notes, translations };
    },

    async setStatus(shopId, id, status, guard) {
      try {
        const change = update<ConversationItem>()
          .set("status", status)
          .when(when.and(when.equals("escalationId", guard.escalationId), when.oneOf("status", guard.from)));
        await client.send(
          new UpdateCommand({ TableName, Key: keys.conversation(shopId, id), ...change.build() }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async escalate(shopId, id, escalationId) {
      try {
        const change = update<ConversationItem>()
          .set("status", "pending_human")
          .set("escalationId", escalationId)
          .when(when.oneOf("status", ["ai"]));
        await client.send(
          new UpdateCommand({ TableName, Key: keys.conversation(shopId, id), ...change.build() }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async pause(shopId, id, until) {
      try {
        const change = update<ConversationItem>().set("pausedUntil", until).when(when.exists("pk"));
        await client.send(
          new UpdateCommand({ TableName, Key: keys.conversation(shopId, id), ...change.build() }),
        );
      } catch (error) {
        // No conversation yet: nothing for the AI to stay silent in.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async addEvent(shopId, id, event, given) {
      const expiresAt = given ?? (await expiryOf(shopId, id));
      await putIfAbsent({
        pk: keys.conversation(shopId, id).pk,
        sk: `EVENT#${eventKey(event)}`,
        type: "event",
        owner: shopId,
        [TTL_ATTRIBUTE]: expiresAt,
        at: event.at,
        event,
      });
    },

    async addNote(shopId, id, note) {
      const expiresAt = await expiryOf(shopId, id);
      await putIfAbsent({
        pk: keys.conversation(shopId, id).pk,
        sk: `NOTE#${note.escalationId}#${note.id}`,
        type: "note",
        owner: shopId,
        [TTL_ATTRIBUTE]: expiresAt,
        at: note.at,
        note,
      });
    },

    async saveTranslations(shopId, id, locale, texts) {
      const expiresAt = await expiryOf(shopId, id);
      const pk = keys.conversation(shopId, id).pk;
      // Single puts, not BatchWriteItem: the API's role may write but never delete, and a batch write could.
      await Promise.all(
        Object.entries(texts).map(([messageId, text]) =>
          client.send(
            new PutCommand({
              TableName,
              Item: {
                pk,
                sk: `TRANSLATION#${locale}#${messageId}`,
                type: "translation",
                owner: shopId,
                [TTL_ATTRIBUTE]: expiresAt,
                locale,
                messageId,
                text,
              },
            }),
          ),
        ),
      );
    },

    async addAgentMessage(shopId, id, message) {
      const { agentId, ...shown } = message;
      const expiresAt = await expiryOf(shopId, id);
      if (
        !(await putIfAbsent({
          pk: keys.conversation(shopId, id).pk,
          sk: `AGENT#${message.id}`,
          type: "agentMessage",
          owner: shopId,
          [TTL_ATTRIBUTE]: expiresAt,
          at: message.at,
          agentId,
          message: shown,
        }))
      )
        return false;
      // Keep the conversation's recent messages and recency current, so lists and handoffs see the person's reply.
      const change = update<ConversationItem>()
        .append("recent", recentItem([{ role: message.role, text: message.text, at: message.at }]))
        .set("lastMessageAt", message.at)
        .set("gsi1sk", `${message.at}#${id}`)
        .when(when.exists("pk"));
      await client.send(
        new UpdateCommand({ TableName, Key: keys.conversation(shopId, id), ...change.build() }),
      );
      return true;
    },

    async listActive(shopId, from, to) {
      const items = await queryAll(client, {
        TableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":pk": gsi1.conversations(shopId), ":from": from, ":to": to },
      });
      return items.filter((i) => !expired(i)).map(toConversation);
    },

    async listConversations(
      shopId: ShopId,
      filter: {
        status?: string | undefined;
        market?: string | undefined;
        threadId?: string | undefined;
        channel?: string | undefined;
      },
      page: PageRequest,
    ): Promise<Page<Conversation>> {
      const partition = gsi1.conversations(shopId);
      const conditions: string[] = [];
      const names: Record<string, string> = {};
      const values: Item = { ":pk": partition };
      if (filter.status) {
        conditions.push("#status = :status");
        names["#status"] = "status";
        values[":status"] = filter.status;
      }
      if (filter.market) {
        conditions.push("#market = :market");
        names["#market"] = "market";
        values[":market"] = filter.market;
      }
      if (filter.threadId) {
        conditions.push("#threadId = :threadId");
        names["#threadId"] = "threadId";
        values[":threadId"] = filter.threadId;
      }
      if (filter.channel) {
        conditions.push("#channel = :channel");
        names["#channel"] = "channel";
        values[":channel"] = filter.channel;
      }
      const result = await client.send(
        new QueryCommand({
          TableName,
          IndexName: GSI1,
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: values,
          ...(conditions.length
            ? { FilterExpression: conditions.join(" AND "), ExpressionAttributeNames: names }
            : {}),
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: decodeCursor(page.cursor, { attribute: "gsi1pk", value: partition }),
        }),
      );
      return {
        // Past the shop's retention a conversation is gone for GET, so a list must not show it either.
        items: (result.Items ?? []).filter((i) => !expired(i)).map(toConversation),
        nextCursor: encodeCursor(result.LastEvaluatedKey),
      };
    },
  };

  /** Writes an item unless its key exists: how every record of a conversation is stored exactly once. */
  async function putIfAbsent(Item: Item): Promise<boolean> {
    try {
      await client.send(new PutCommand({ TableName, Item, ConditionExpression: "attribute_not_exists(pk)" }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The conversation's expiry, which its events and people's messages share. */
  async function expiryOf(shopId: ShopId, id: ConversationId): Promise<number | undefined> {
    const meta = await client.send(
      new GetCommand({
        TableName,
        Key: keys.conversation(shopId, id),
        ProjectionExpression: "#e",
        ExpressionAttributeNames: { "#e": TTL_ATTRIBUTE },
      }),
    );
    const value = meta.Item?.[TTL_ATTRIBUTE];
    return typeof value === "number" ? value : undefined;
  }

  async function batchGet(wanted: { pk: string; sk: string }[]): Promise<Item[]> {
    const found: Item[] = [];
    let pending: Record<string, unknown>[] = dedupeKeys(wanted);
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }),
      );
      found.push(...(result.Responses?.[TableName] ?? []));
      pending = (result.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, unknown>[];
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
    if (pending.length > 0) throw new Error("DynamoDB left keys unprocessed after retries");
    return found;
  }
}

/** From the shopper's sending time when the channel gives it; clamped, as channel clocks can be off. */
const replyMsOf = (turn: Turn) =>
  Math.min(86_400_000, Math.max(0, Date.parse(turn.repliedAt) - Date.parse(turn.receivedAt)));

/**
 * The item `applyTurn`'s update writes when no conversation item exists: the same attributes, with what the update
 * sets only if absent or adds set outright, for a put conditioned on the key being absent.
 */
export function newConversationItem(turn: Turn, next: Conversation): Item {
  const outcome = turn.outcome;
  const item: Item = {
    ...keys.conversation(next.shopId, next.id),
    type: "conversation",
    owner: next.shopId,
    [TTL_ATTRIBUTE]: next.expiresAt ?? null,
    shopId: next.shopId,
    id: next.id,
    channel: next.channel,
    threadId: next.threadId,
    market: next.market,
    shopper: next.shopper,
    createdAt: next.createdAt,
    lastMessageAt: next.lastMessageAt,
    recent: recentItem(next.recent),
    lastTurn: JSON.stringify(turn),
    gsi1pk: gsi1.conversations(next.shopId),
    gsi1sk: `${next.lastMessageAt}#${next.id}`,
    messageCount: (turn.parts?.length || 1) + (outcome.kind === "held" ? 0 : 1),
  };
  if (outcome.kind !== "held") {
    item.status = outcome.kind === "escalated" ? "pending_human" : "ai";
    item.memory = outcome.memory;
    item.firstReplyMs = replyMsOf(turn);
  }
  if (outcome.kind === "escalated") item.escalationId = outcome.escalation.id;
  if (next.ratingAsked) item.ratingAsked = next.ratingAsked;
  if (next.rating) item.rating = next.rating;
  return item;
}

/**
 * A turn as stored in a turn item's `turn` or a conversation's `lastTurn`: JSON text as written now (never queried,
 * and one string is far cheaper to marshal, check and store than a nested map), or the map older items hold.
 */
export const storedTurn = (value: unknown): Turn | null =>
  typeof value === "string" ? (JSON.parse(value) as Turn) : ((value as Turn | undefined) ?? null);

/** The transcript as stored: one JSON string per entry, a fraction of the marshalling and checking of nested maps. */
const recentItem = (entries: readonly TranscriptEntry[]) => entries.map((entry) => JSON.stringify(entry));

/** A stored transcript: entries as JSON text as written now, or the maps older items hold (a list may mix both). */
const storedRecent = (value: unknown): TranscriptEntry[] =>
  ((value ?? []) as readonly unknown[]).map((entry) =>
    typeof entry === "string" ? (JSON.parse(entry) as TranscriptEntry) : (entry as TranscriptEntry),
  );

/** DynamoDB deletes expired items within days, and the emulator never: readers skip them meanwhile. */
export const expired = (item: Item) =>
  typeof item[TTL_ATTRIBUTE] === "number" && (item[TTL_ATTRIBUTE] as number) < Date.now() / 1000;

function dedupeKeys(wanted: { pk: string; sk: string }[]) {
  const seen = new Set<string>();
  return wanted.filter((k) => {
    const id = `${k.pk}\u0000${k.sk}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** A conversation item as the domain reads it (the oversight store lists the same items). */
export function toConversation(item: Item): Conversation {
  return {
    shopId: item.shopId as ShopId,
    id: item.id as ConversationId,
    channel: item.channel as string,
    threadId: item.threadId as string,
    market: item.market as Conversation["market"],
    shopper: item.shopper as Conversation["shopper"],
    status: (item.status as Conversation["status"]) ?? "ai",
    memory: (item.memory as Conversation["memory"]) ?? { misunderstandings: 0 },
    escalationId: (item.escalationId as Conversation["escalationId"]) ?? null,
    createdAt: item.createdAt as string,
    lastMessageAt: item.lastMessageAt as string,
    recent: storedRecent(item.recent),
    lastTurn: storedTurn(item.lastTurn),
    expiresAt: typeof item[TTL_ATTRIBUTE] === "number" ? (item[TTL_ATTRIBUTE] as number) : undefined,
    pausedUntil: (item.pausedUntil as string | undefined) ?? undefined,
    firstReplyMs: item.firstReplyMs as number | undefined,
    ratingAsked: (item.ratingAsked as RatingAsked | undefined) ?? undefined,
    rating: (item.rating as Rating | undefined) ?? undefined,
  };
}

const ROLE_ORDER = { shopper: 0, ai: 1, agent: 2, system: 3 } as const;
const EVENT_ORDER = { escalated: 0, taken_over: 1, claimed: 2, resolved: 3, released: 3, action: 4 } as const;
const rank = (m: Message) => ROLE_ORDER[m.role];

function messagesOf(turn: Turn): Message[] {
  // A burst answered as one turn shows each of its messages as the shopper sent it.
  const shopper: Message[] = turn.parts?.length
    ? turn.parts.map((p) => ({ id: p.messageId, role: "shopper" as const, text: p.text, at: p.at }))
    : [{ id: turn.messageId, role: "shopper", text: turn.text, at: turn.receivedAt }];
  if (turn.outcome.kind === "held") return shopper;
  const reply = turn.outcome.reply;
  return [
    ...shopper,
    {
      id: `${turn.messageId}:reply`,
      role: "ai",
      text: reply.text,
      at: turn.repliedAt,
      language: reply.language,
      intent: reply.intent,
      confidence: reply.confidence,
      engine: reply.engine,
      // R3: why the AI answered so, for the inbox's oversight pages.
      signals: reply.signals ?? [],
      model: reply.model ?? null,
      promptVersion: reply.promptVersion ?? null,
      sources: reply.sources ?? [],
    },
  ];
}
