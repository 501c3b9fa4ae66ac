/**
 * Conversations, turns, events, notes and agents' messages in memory, with the DynamoDB adapter's rules: each record
 * stored once (a repeat is a no-op that reports false), conditional status moves, expiry by the shop's retention,
 * newest-first lists with cursors bound to their shop.
 */
import {
  type Conversation,
  type ConversationEvent,
  eventKey,
  type ConversationStatus,
  type InternalNote,
  type Message,
  type Turn,
} from "../conversation";
import type { ConversationId, ShopId } from "../ids";
import type { OrderSnapshot } from "../order";
import type { Clock, ConversationStore, OrderReader } from "../ports";
import { copy, pageOf } from "./page";

/** The order cache the turn context reads from (the same table in DynamoDB). */
export type TurnContextOrders = OrderReader & {
  ordersFor(shopId: ShopId, lookupKey: string): OrderSnapshot[];
};

export interface FakeConversationStore extends ConversationStore {
  /** Every stored turn of a conversation, in the order they were stored (for assertions). */
  turnsOf(shopId: ShopId, id: ConversationId): Turn[];
  /** The stored conversations and turns, for the fakes of ports that read the same items (not for tests). */
  readonly shared: SharedConversations;
}

/** What another fake over the conversation items (the OversightStore's, one table in DynamoDB) reads and writes. */
export interface SharedConversations {
  /** The store's clock, which decides expiry. */
  now(): Date;
  /** Every conversation not past its expiry (copies). */
  conversations(): Conversation[];
  /** Every stored turn not past its expiry (copies). */
  turns(): Turn[];
  /**
   * Writes `change(current)` over the stored conversation, expired or not (the item is there until DynamoDB deletes
   * it); false when there is none or `change` returns null, as a failed conditional update.
   */
  update(shopId: ShopId, id: ConversationId, change: (current: Conversation) => Conversation | null): boolean;
}

interface Expiring<T> {
  readonly value: T;
  readonly expiresAt: number | undefined;
}

interface Stored {
  meta: Conversation | null;
  turns: Map<string, Expiring<Turn>>;
  events: Map<string, Expiring<ConversationEvent>>;
  notes: Map<string, Expiring<InternalNote>>;
  agentMessages: Map<string, Expiring<Message>>;
  translations: Map<string, Expiring<string>>;
}

const ROLE_ORDER = { shopper: 0, ai: 1, agent: 2, system: 3 } as const;
const byTime = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** A ConversationStore in memory; `orders` is the order cache turns read (none: no order is ever found). */
export function createFakeConversationStore(
  options: { orders?: TurnContextOrders; clock?: Clock } = {},
): FakeConversationStore {
  const records = new Map<string, Stored>();
  const nowSeconds = () => (options.clock?.now() ?? new Date()).getTime() / 1000;
  // DynamoDB deletes expired items within days: the adapter's readers skip them, and so do these.
  const live = <T>(item: Expiring<T> | undefined): item is Expiring<T> =>
    item !== undefined && (item.expiresAt === undefined || item.expiresAt >= nowSeconds());
  const liveMeta = (record: Stored | undefined) =>
    record?.meta && live({ value: record.meta, expiresAt: record.meta.expiresAt }) ? record.meta : null;

  const recordOf = (shopId: ShopId, id: ConversationId): Stored => {
    const key = `${shopId}\u0000${id}`;
    let record = records.get(key);
    if (!record) {
      record = {
        meta: null,
        turns: new Map(),
        events: new Map(),
        notes: new Map(),
        agentMessages: new Map(),
        translations: new Map(),
      };
      records.set(key, record);
    }
    return record;
  };
  const find = (shopId: ShopId, id: ConversationId) => records.get(`${shopId}\u0000${id}`);
  /** The conversation's expiry, which its events, notes and people's messages share. */
  const expiryOf = (shopId: ShopId, id: ConversationId) => find(shopId, id)?.meta?.expiresAt;
  const conversationsOf = (shopId: ShopId) =>
    [...records.values()].flatMap((r) => (r.meta && r.meta.shopId === shopId ? [r.meta] : []));
  const sortKey = (c: Conversation) => `${c.lastMessageAt}#${c.id}`;

  /** Lookup keys linked to each vouched identity (shop, identity). */
  const identities = new Map<string, Set<string>>();

  return {
    async linkIdentity(shopId, identityKey, keys) {
      const id = `${shopId}\u0000${identityKey}`;
      identities.set(id, new Set([...(identities.get(id) ?? []), ...keys]));
    },

    async loadTurnContext(query) {
      const record = find(query.shopId, query.conversationId);
      const turn = record?.turns.get(query.messageId);
      const shopperOrders = new Map<string, OrderSnapshot>();
      const linked = query.identityKey
        ? identities.get(`${query.shopId}\u0000${query.identityKey}`)
        : undefined;
      for (const key of new Set([...query.shopperKeys, ...(linked ?? [])]))
        for (const order of options.orders?.ordersFor(query.shopId, key) ?? [])
          shopperOrders.set(order.id, order);
      const meta = liveMeta(record);
      return {
        conversation: meta ? copy(meta) : null,
        existingTurn: turn ? copy(turn.value) : null,
        orderByName:
          query.orderName && options.orders
            ? await options.orders.getOrder(query.shopId, query.orderName)
            : null,
        shopperOrders: [...shopperOrders.values()],
      };
    },

    async applyTurn(turn, next) {
      const record = recordOf(next.shopId, next.id);
      const current = record.meta;
      // Written in full every time, except what the adapter sets only if absent or leaves to other writes.
      const base: Conversation = {
        ...(current ?? { status: "ai", memory: { misunderstandings: 0 }, escalationId: null }),
        shopId: next.shopId,
        id: next.id,
        channel: next.channel,
        threadId: next.threadId,
        market: current?.market ?? next.market,
        shopper: next.shopper,
        createdAt: current?.createdAt ?? next.createdAt,
        lastMessageAt: next.lastMessageAt,
        recent: next.recent,
        lastTurn: turn,
        expiresAt: next.expiresAt ?? undefined,
        // Asked and answered once: the first write wins, as in the table.
        ratingAsked: current?.ratingAsked ?? next.ratingAsked,
        rating: current?.rating ?? next.rating,
      };
      const outcome = turn.outcome;
      const replyMs = Math.min(
        86_400_000,
        Math.max(0, Date.parse(turn.repliedAt) - Date.parse(turn.receivedAt)),
      );
      const withReply = (status: ConversationStatus, memory: Conversation["memory"]): Conversation => ({
        ...base,
        status,
        memory,
        firstReplyMs: current?.firstReplyMs ?? replyMs,
      });
      if (outcome.kind === "held") record.meta = copy(base);
      else if (outcome.kind === "escalated")
        record.meta = copy({
          ...withReply("pending_human", outcome.memory),
          escalationId: outcome.escalation.id,
        });
      // An AI reply never takes the conversation back from a person who took it meanwhile.
      else if (!current || current.status === "ai" || current.status === "resolved")
        record.meta = copy(withReply("ai", outcome.memory));
      else record.meta = copy(base);
    },

    async putTurn(turn, expiresAt) {
      const record = recordOf(turn.shopId, turn.conversationId);
      if (record.turns.has(turn.messageId)) return false;
      record.turns.set(turn.messageId, { value: copy(turn), expiresAt });
      return true;
    },

    async getConversation(shopId, id) {
      const record = find(shopId, id);
      const meta = liveMeta(record);
      if (!record || !meta) return null;
      const turns = [...record.turns.values()].filter(live).map((t) => t.value);
      const messages = [
        ...turns.flatMap(messagesOf),
        ...[...record.agentMessages.values()].filter(live).map((m) => m.value),
      ].sort((a, b) => byTime(a, b) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
      const events = [
        ...turns.flatMap((t): ConversationEvent[] =>
          t.outcome.kind === "escalated"
            ? [{ escalationId: t.outcome.escalation.id, kind: "escalated", agentId: null, at: t.repliedAt }]
            : [],
        ),
        ...[...record.events.values()].filter(live).map((e) => e.value),
      ].sort(byTime);
      const notes = [...record.notes.values()]
        .filter(live)
        .map((n) => n.value)
        .sort(byTime);
      const translations: Record<string, Record<string, string>> = {};
      for (const [key, text] of record.translations) {
        if (!live(text)) continue;
        const [locale = "", messageId = ""] = key.split("\u0000");
        translations[locale] = { ...translations[locale], [messageId]: text.value };
      }
      return copy({ conversation: meta, messages, events, notes, translations });
    },

    async saveTranslations(shopId, id, locale, texts) {
      const record = recordOf(shopId, id);
      for (const [messageId, text] of Object.entries(texts))
        record.translations.set(`${locale}\u0000${messageId}`, {
          value: text,
          expiresAt: expiryOf(shopId, id),
        });
    },

    async addNote(shopId, id, note) {
      const record = recordOf(shopId, id);
      const key = `${note.escalationId}#${note.id}`;
      if (!record.notes.has(key))
        record.notes.set(key, { value: copy(note), expiresAt: expiryOf(shopId, id) });
    },

    async setStatus(shopId, id, status, guard) {
      const record = find(shopId, id);
      const meta = record?.meta;
      if (!record || !meta || meta.escalationId !== guard.escalationId || !guard.from.includes(meta.status))
        return false;
      record.meta = { ...meta, status };
      return true;
    },

    async escalate(shopId, id, escalationId) {
      const meta = find(shopId, id)?.meta;
      const record = find(shopId, id);
      if (!record || !meta || meta.status !== "ai") return false;
      record.meta = { ...meta, status: "pending_human", escalationId };
      return true;
    },

    async addEvent(shopId, id, event, expiresAt) {
      const record = recordOf(shopId, id);
      const key = eventKey(event);
      if (!record.events.has(key))
        record.events.set(key, { value: copy(event), expiresAt: expiresAt ?? expiryOf(shopId, id) });
    },

    async pause(shopId, id, until) {
      const record = find(shopId, id);
      // No conversation yet: nothing for the AI to stay silent in.
      if (record?.meta) record.meta = { ...record.meta, pausedUntil: until };
    },

    async addAgentMessage(shopId, id, message) {
      const { agentId: _agentId, ...shown } = message;
      const record = recordOf(shopId, id);
      if (record.agentMessages.has(message.id)) return false;
      record.agentMessages.set(message.id, { value: copy(shown), expiresAt: expiryOf(shopId, id) });
      const meta = record.meta;
      // The adapter's update is conditional on the conversation existing and fails loudly otherwise.
      if (!meta) throw new Error(`Conversation ${id} does not exist`);
      record.meta = {
        ...meta,
        recent: [...meta.recent, { role: message.role, text: message.text, at: message.at }],
        lastMessageAt: message.at,
      };
      return true;
    },

    async listActive(shopId, from, to) {
      return conversationsOf(shopId)
        .filter((c) => live({ value: c, expiresAt: c.expiresAt }))
        .filter((c) => sortKey(c) >= from && sortKey(c) <= to)
        .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))
        .map(copy);
    },

    async listConversations(shopId, filter, page) {
      const matching = conversationsOf(shopId).filter(
        (c) =>
          (!filter.status || c.status === filter.status) &&
          (!filter.market || c.market === filter.market) &&
          (!filter.threadId || c.threadId === filter.threadId) &&
          (!filter.channel || c.channel === filter.channel) &&
          live({ value: c, expiresAt: c.expiresAt }),
      );
      return pageOf(
        matching.map((c) => ({ key: sortKey(c), item: copy(c) })),
        page,
        `conversations:${shopId}`,
        "descending",
      );
    },

    turnsOf: (shopId, id) => [...(find(shopId, id)?.turns.values() ?? [])].map((t) => copy(t.value)),

    shared: {
      now: () => options.clock?.now() ?? new Date(),
      conversations: () =>
        [...records.values()].flatMap((r) => {
          const meta = liveMeta(r);
          return meta ? [copy(meta)] : [];
        }),
      turns: () =>
        [...records.values()].flatMap((r) => [...r.turns.values()].filter(live).map((t) => copy(t.value))),
      update(shopId, id, change) {
        const record = find(shopId, id);
        const next = record?.meta ? change(copy(record.meta)) : null;
        if (!record || !next) return false;
        record.meta = copy(next);
        return true;
      },
    },
  };
}

/** The shopper's message and the AI's reply of a turn, as getConversation shows them. */
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
      signals: reply.signals ?? [],
      model: reply.model ?? null,
      promptVersion: reply.promptVersion ?? null,
      sources: reply.sources ?? [],
    },
  ];
}
