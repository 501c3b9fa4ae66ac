/** Chat bursts in memory, with the DynamoDB adapter's conditional writes (domain/bursts.ts). */
import type { BurstState, BurstStore, PendingMessage } from "../bursts";
import type { ConversationId, ShopId } from "../ids";
import { copy } from "./page";

interface Burst {
  /** Every message ever added (answered ones stay, so a redelivered push is refused), in arrival order. */
  readonly messages: Map<string, { message: PendingMessage; answered: boolean }>;
  claimed: string[] | null;
}

/** A BurstStore in memory: `add` and `claim` succeed once (put if absent); `settle` answers then releases the claim. */
export function createFakeBurstStore(): BurstStore {
  const bursts = new Map<string, Burst>();
  const burstOf = (shopId: ShopId, conversationId: ConversationId): Burst => {
    const key = `${shopId}\u0000${conversationId}`;
    let burst = bursts.get(key);
    if (!burst) {
      burst = { messages: new Map(), claimed: null };
      bursts.set(key, burst);
    }
    return burst;
  };
  return {
    async add(shopId, conversationId, message) {
      const burst = burstOf(shopId, conversationId);
      if (burst.messages.has(message.messageId)) return false;
      burst.messages.set(message.messageId, { message: copy(message), answered: false });
      return true;
    },
    async get(shopId, conversationId): Promise<BurstState> {
      const burst = burstOf(shopId, conversationId);
      return {
        pending: [...burst.messages.values()].filter((m) => !m.answered).map((m) => copy(m.message)),
        claimed: burst.claimed ? [...burst.claimed] : null,
      };
    },
    async claim(shopId, conversationId, ids) {
      const burst = burstOf(shopId, conversationId);
      if (burst.claimed) return false;
      burst.claimed = [...ids];
      return true;
    },
    async settle(shopId, conversationId, ids) {
      const burst = burstOf(shopId, conversationId);
      // Like the adapter's condition on each update: an id never added stays unknown rather than being created.
      for (const id of ids) {
        const stored = burst.messages.get(id);
        if (stored) stored.answered = true;
      }
      burst.claimed = null;
    },
  };
}
