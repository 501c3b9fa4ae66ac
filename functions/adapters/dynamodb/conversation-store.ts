/** Conversations and their turns in the single table: one BatchGet reads everything a turn needs. */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { Conversation, ConversationEvent, InternalNote, Message } from "../../domain/conversation";
import type { ConversationId, ShopId } from "../../domain/ids";
import { type OrderSnapshot, orderKey } from "../../domain/order";
import type { ConversationStore, Page, PageRequest, TurnContext, TurnContextQuery } from "../../domain/ports";
import type { Turn } from "../../domain/conversation";
import { decodeCursor, encodeCursor } from "./cursor";
import { queryAll } from "./query-all";
import { GSI1, gsi1, keys } from "./keys";
import { TTL_ATTRIBUTE, type Table } from "./table";

type Item = Record<string, unknown>;

export function createConversationStore(table: Table): ConversationStore {
  const { client, name: TableName } = table;

  return {
    async loadTurnContext(query: TurnContextQuery): Promise<TurnContext> {
      const conversationKey = keys.conversation(query.shopId, query.conversationId);
      const turnKey = keys.turn(query.shopId, query.conversationId, query.messageId);
      const orderKeyValue = query.orderName ? keys.order(query.shopId, orderKey(query.orderName)) : null;
      const lookupKeys = query.shopperKeys.map((k) => keys.orderLookup(query.shopId, k));
      const wanted = [conversationKey, turnKey, ...(orderKeyValue ? [orderKeyValue] : []), ...lookupKeys];
      const items = await batchGet(wanted);
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
        existingTurn: turnItem ? (turnItem.turn as Turn) : null,
        orderByName: orderItem ? (orderItem.order as OrderSnapshot) : null,
        shopperOrders: [...shopperOrders.values()],
      };
    },

    async applyTurn(turn: Turn, next: Conversation): Promise<void> {
      const key = keys.conversation(next.shopId, next.id);
      const common = {
        "#shopId": "shopId",
        "#id": "id",
        "#channel": "channel",
        "#threadId": "threadId",
        "#market": "market",
        "#shopper": "shopper",
        "#createdAt": "createdAt",
        "#lastMessageAt": "lastMessageAt",
        "#recent": "recent",
        "#lastTurn": "lastTurn",
        "#gsi1pk": "gsi1pk",
        "#gsi1sk": "gsi1sk",
        "#type": "type",
        "#messages": "messageCount",
        "#owner": "owner",
        "#expiresAt": TTL_ATTRIBUTE,
      };
      const values = {
        ":shopId": next.shopId,
        ":id": next.id,
        ":channel": next.channel,
        ":threadId": next.threadId,
        ":market": next.market,
        ":shopper": next.shopper,
        ":createdAt": next.createdAt,
        ":lastMessageAt": next.lastMessageAt,
        ":recent": next.recent,
        ":lastTurn": turn,
        ":gsi1pk": gsi1.conversations(next.shopId),
        ":gsi1sk": `${next.lastMessageAt}#${next.id}`,
        ":type": "conversation",
        ":owner": next.shopId,
        ":expiresAt": next.expiresAt ?? null,
        ":one": turn.outcome.kind === "held" ? 1 : 2,
      };
      const baseSet = [
        "#type = :type",
        "#owner = :owner",
        "#expiresAt = :expiresAt",
        "#shopId = :shopId",
        "#id = :id",
        "#channel = :channel",
        "#threadId = :threadId",
        "#market = if_not_exists(#market, :market)",
        "#shopper = :shopper",
        "#createdAt = if_not_exists(#createdAt, :createdAt)",
        "#lastMessageAt = :lastMessageAt",
        "#recent = :recent",
        "#lastTurn = :lastTurn",
        "#gsi1pk = :gsi1pk",
        "#gsi1sk = :gsi1sk",
      ];
      const send = (set: string[], extraNames: Item, extraValues: Item, condition?: string) =>
        client.send(
          new UpdateCommand({
            TableName,
            Key: key,
            UpdateExpression: `SET ${set.join(", ")} ADD #messages :one`,
            ExpressionAttributeNames: { ...common, ...extraNames },
            ExpressionAttributeValues: { ...values, ...extraValues },
            ...(condition ? { ConditionExpression: condition } : {}),
          }),
        );
      const outcome = turn.outcome;
      if (outcome.kind === "held") {
        await send(baseSet, {}, {});
        return;
      }
      const stateSet = [
        ...baseSet,
        "#status = :status",
        "#memory = :memory",
        "#firstReplyMs = if_not_exists(#firstReplyMs, :replyMs)",
      ];
      const stateNames = { "#status": "status", "#memory": "memory", "#firstReplyMs": "firstReplyMs" };
      // From the shopper's sending time when the channel gives it; clamped, as channel clocks can be off.
      const replyMs = Math.min(
        86_400_000,
        Math.max(0, Date.parse(turn.repliedAt) - Date.parse(turn.receivedAt)),
      );
      if (outcome.kind === "escalated") {
        await send(
          [...stateSet, "#escalationId = :escalationId"],
          { ...stateNames, "#escalationId": "escalationId" },
          {
            ":status": "pending_human",
            ":memory": outcome.memory,
            ":replyMs": replyMs,
            ":escalationId": outcome.escalation.id,
          },
        );
        return;
      }
      try {
        // An AI reply never takes the conversation back from a person who took it meanwhile.
        await send(
          stateSet,
          stateNames,
          {
            ":status": "ai",
            ":memory": outcome.memory,
            ":replyMs": replyMs,
            ":ai": "ai",
            ":resolved": "resolved",
          },
          "attribute_not_exists(#status) OR #status IN (:ai, :resolved)",
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        await send(baseSet, {}, {});
      }
    },

    putTurn: (turn: Turn, expiresAt?: number) =>
      putIfAbsent({
        ...keys.turn(turn.shopId, turn.conversationId, turn.messageId),
        type: "turn",
        owner: turn.shopId,
        at: turn.receivedAt,
        turn,
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
      const turns = items.filter((i) => i.type === "turn").map((i) => i.turn as Turn);
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
      events.sort((a, b) => a.at.localeCompare(b.at));
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
        await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.conversation(shopId, id),
            UpdateExpression: "SET #status = :status",
            ConditionExpression: `#escalationId = :escalationId AND #status IN (${guard.from.map((_, i) => `:from${i}`).join(", ")})`,
            ExpressionAttributeNames: { "#status": "status", "#escalationId": "escalationId" },
            ExpressionAttributeValues: {
              ":status": status,
              ":escalationId": guard.escalationId,
              ...Object.fromEntries(guard.from.map((f, i) => [`:from${i}`, f])),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async pause(shopId, id, until) {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.conversation(shopId, id),
            UpdateExpression: "SET #paused = :until",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeNames: { "#paused": "pausedUntil" },
            ExpressionAttributeValues: { ":until": until },
          }),
        );
      } catch (error) {
        // No conversation yet: nothing for the AI to stay silent in.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async addEvent(shopId, id, event) {
      const expiresAt = await expiryOf(shopId, id);
      await putIfAbsent({
        pk: keys.conversation(shopId, id).pk,
        sk: `EVENT#${event.escalationId}#${event.kind}`,
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
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.conversation(shopId, id),
          UpdateExpression:
            "SET #recent = list_append(if_not_exists(#recent, :empty), :entry), #last = :at, #gsi1sk = :sk",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#recent": "recent", "#last": "lastMessageAt", "#gsi1sk": "gsi1sk" },
          ExpressionAttributeValues: {
            ":empty": [],
            ":entry": [{ role: "agent", text: message.text, at: message.at }],
            ":at": message.at,
            ":sk": `${message.at}#${id}`,
          },
        }),
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

/** DynamoDB deletes expired items within days, and the emulator never: readers skip them meanwhile. */
const expired = (item: Item) =>
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

function toConversation(item: Item): Conversation {
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
    recent: (item.recent as Conversation["recent"]) ?? [],
    lastTurn: (item.lastTurn as Turn | undefined) ?? null,
    expiresAt: typeof item[TTL_ATTRIBUTE] === "number" ? (item[TTL_ATTRIBUTE] as number) : undefined,
    pausedUntil: (item.pausedUntil as string | undefined) ?? undefined,
    firstReplyMs: item.firstReplyMs as number | undefined,
  };
}

const ROLE_ORDER = { shopper: 0, ai: 1, agent: 2, system: 3 } as const;
const rank = (m: Message) => ROLE_ORDER[m.role];

function messagesOf(turn: Turn): Message[] {
  const shopper: Message = { id: turn.messageId, role: "shopper", text: turn.text, at: turn.receivedAt };
  if (turn.outcome.kind === "held") return [shopper];
  const reply = turn.outcome.reply;
  return [
    shopper,
    {
      id: `${turn.messageId}:reply`,
      role: "ai",
      text: reply.text,
      at: turn.repliedAt,
      language: reply.language,
      intent: reply.intent,
      confidence: reply.confidence,
      engine: reply.engine,
    },
  ];
}
