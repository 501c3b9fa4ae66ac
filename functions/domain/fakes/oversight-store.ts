/**
 * Oversight in memory, with the DynamoDB adapter's rules, over the same conversations and turns as the fake
 * conversation store (one table in DynamoDB): the AI's live conversations newest first across shops, takeovers and
 * rating marks as conditional moves on the conversation, agents' flags (one per answer), and the AI's misses.
 */
import type { Conversation } from "../conversation";
import type { ShopId } from "../ids";
import { reportedMiss } from "../misses";
import type { AnswerFlag, OversightStore } from "../ports";
import type { FakeConversationStore } from "./conversation-store";
import { copy, pageOf } from "./page";

/** Byte order, as DynamoDB compares string keys. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An OversightStore in memory over `conversations`' records: what one writes, the other reads. */
export function createFakeOversightStore(conversations: FakeConversationStore): OversightStore {
  const table = conversations.shared;
  /** Flags by shop, conversation and answer: a second flag of the same answer replaces the first. */
  const flags = new Map<string, { flag: AnswerFlag; expiresAt: number | undefined }>();
  const expired = (expiresAt: number | undefined) =>
    expiresAt !== undefined && expiresAt < table.now().getTime() / 1000;

  return {
    async listLive(filter, page) {
      const markets = new Map(filter.shops.map((s) => [s.shopId, s.markets]));
      const at = table.now().toISOString();
      const live = table.conversations().filter(
        (c) =>
          c.status === "ai" &&
          (markets.get(c.shopId) ?? []).includes(c.market) &&
          (!filter.language || c.memory.language === filter.language) &&
          (!filter.channel || c.channel === filter.channel) &&
          // One the seller's own staff paused is not the AI's right now.
          !(c.pausedUntil && c.pausedUntil > at),
      );
      // The key orders as the adapter's merge of the shops' gsi1 partitions; the shop keeps it unique across shops.
      return pageOf(
        live.map((c) => ({ key: `${c.lastMessageAt}#${c.id}#${c.shopId}`, item: c })),
        page,
        `live:${[...markets.keys()].sort(compare).join(",")}`,
        "descending",
      );
    },

    async find(shops, id) {
      const wanted = new Set<ShopId>(shops);
      return table.conversations().find((c) => c.id === id && wanted.has(c.shopId)) ?? null;
    },

    takeOver: async (conversation, escalationId) =>
      table.update(conversation.shopId, conversation.id, (current) =>
        current.status === "ai" || current.status === "resolved" || current.escalationId === escalationId
          ? { ...current, status: "human", escalationId }
          : null,
      ),

    markRatingAsked: async (conversation, asked) =>
      table.update(conversation.shopId, conversation.id, (current): Conversation | null =>
        current.ratingAsked ? null : { ...current, ratingAsked: asked },
      ),

    async flag(flag, expiresAt) {
      flags.set(`${flag.shopId}\u0000${flag.conversationId}#${flag.messageId}`, {
        flag: copy(flag),
        expiresAt,
      });
    },

    async listFlags(shopId, from, to) {
      return [...flags.values()]
        .filter((f) => f.flag.shopId === shopId && !expired(f.expiresAt))
        .map((f) => f.flag)
        .filter((f) => f.at >= from && f.at < to)
        .sort(
          (a, b) =>
            compare(b.at, a.at) ||
            compare(`${a.conversationId}#${a.messageId}`, `${b.conversationId}#${b.messageId}`),
        )
        .map(copy);
    },

    async listMisses(shopId, from, to) {
      // The adapter's range over `<receivedAt>#<conversation>#<message>`, then the received time before `to`.
      return table
        .turns()
        .flatMap((turn) => {
          const key = `${turn.receivedAt}#${turn.conversationId}#${turn.messageId}`;
          if (turn.shopId !== shopId || key < from || key > to || turn.receivedAt >= to) return [];
          const miss = reportedMiss(turn);
          return miss ? [{ key, miss }] : [];
        })
        .sort((a, b) => compare(a.key, b.key))
        .map((m) => m.miss);
    },
  };
}
