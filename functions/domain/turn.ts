/** One shopper message and what we did about it: the unit that is stored once per channel message id. */
import type { ConversationStatus, Memory, Reply, Shopper, EscalationReason } from "./conversation";
import type { ConversationId, EscalationId, ShopId } from "./ids";
import type { MarketCode, Region } from "./markets";

export interface EscalationRef {
  readonly id: EscalationId;
  readonly region: Region;
  readonly reason: EscalationReason;
  readonly status: "pending";
}

/** What the pipeline decided for a message. */
export type TurnOutcome =
  | { readonly kind: "replied"; readonly reply: Reply; readonly memory: Memory }
  | {
      readonly kind: "escalated";
      readonly reply: Reply;
      readonly memory: Memory;
      readonly escalation: EscalationRef;
    }
  /** A person holds the conversation: the message is stored and the AI stays silent. */
  | { readonly kind: "held" };

export interface Turn {
  readonly shopId: ShopId;
  readonly conversationId: ConversationId;
  readonly messageId: string;
  readonly channel: string;
  readonly threadId: string;
  readonly market: MarketCode;
  readonly shopper: Shopper;
  readonly text: string;
  readonly receivedAt: string;
  readonly repliedAt: string;
  readonly statusAfter: ConversationStatus;
  readonly outcome: TurnOutcome;
}
