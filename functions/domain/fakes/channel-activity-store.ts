/** The channel rules' record in memory, with the DynamoDB adapter's rules: parts counted once, older buyer messages ignored. */
import type { ChannelActivityStore, ReplyRecord } from "../channel-rules";

export interface FakeChannelActivityStore extends ChannelActivityStore {
  /** Sets a conversation's record directly (a buyer who wrote long ago, a streak already run up). */
  seed(shopId: string, conversationId: string, record: { buyerLastAt: string | null; streak: number }): void;
}

export function createFakeChannelActivityStore(): FakeChannelActivityStore {
  const records = new Map<
    string,
    { buyerLastAt: string | null; streak: number; parts: Map<string, number> }
  >();
  const replies = new Map<string, ReplyRecord & { at: string; shopId: string }>();
  const recordOf = (shopId: string, id: string) => {
    const key = `${shopId}\u0000${id}`;
    const record = records.get(key) ?? { buyerLastAt: null, streak: 0, parts: new Map<string, number>() };
    records.set(key, record);
    return record;
  };
  return {
    seed(shopId, conversationId, seeded) {
      Object.assign(recordOf(shopId, conversationId), seeded);
    },
    async buyerWrote(shopId, id, at) {
      const record = recordOf(shopId, id);
      if (record.buyerLastAt && record.buyerLastAt > at) return;
      record.buyerLastAt = at;
      record.streak = 0;
    },
    async read(shopId, id, replyKey) {
      const record = recordOf(shopId, id);
      return {
        buyerLastAt: record.buyerLastAt,
        sellerStreak: record.streak,
        partsSent: record.parts.get(replyKey) ?? 0,
      };
    },
    async partSent(shopId, id, replyKey, index) {
      const record = recordOf(shopId, id);
      if ((record.parts.get(replyKey) ?? 0) !== index) return;
      record.parts.set(replyKey, index + 1);
      record.streak++;
    },
    async recordReply(shopId, replyKey, record) {
      const key = `${shopId}\u0000${replyKey}`;
      if (!replies.has(key)) replies.set(key, { ...record, shopId });
    },
    async replies(shopId, from, to) {
      return [...replies.values()]
        .filter((r) => r.shopId === shopId && r.at >= from && r.at < to)
        .map(({ marketplace, author }) => ({ marketplace, author }));
    },
  };
}
