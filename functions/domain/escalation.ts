/** An escalation: the handoff of a conversation from the AI to a person of the market's agent region. */
import type { EscalationReason, TranscriptEntry } from "./conversation";
import type { ConversationId, EscalationId, ShopId } from "./ids";
import type { Language } from "./language";
import type { MarketCode, Posture, Region } from "./markets";
import type { OrderSnapshot } from "./order";

export type EscalationStatus = "pending" | "claimed" | "resolved";

/** The packet an agent needs to answer without asking again (R4); it travels on the region's FIFO queue. */
export interface HandoffPacket {
  readonly escalationId: EscalationId;
  readonly shopId: ShopId;
  readonly conversationId: ConversationId;
  readonly channel: string;
  readonly region: Region;
  readonly market: MarketCode;
  readonly language: Language;
  readonly posture: Posture;
  readonly reason: EscalationReason;
  /** Lower is more urgent. */
  readonly priority: number;
  readonly summary: string;
  readonly shopper: { readonly id: string; readonly name: string | null };
  readonly order: OrderSnapshot | null;
  /** What the AI would have said, for the agent to send, edit or discard (cautious markets). */
  readonly draft: string | null;
  readonly transcript: readonly TranscriptEntry[];
  readonly createdAt: string;
  readonly dueAt: string;
}

export interface Escalation extends HandoffPacket {
  readonly status: EscalationStatus;
  readonly claimedBy: string | null;
}

/** R6: sensitive matters and upset shoppers are answered first. */
export const PRIORITY: Record<EscalationReason, number> = {
  sensitive: 1,
  frustration: 2,
  human_requested: 3,
  not_understood: 3,
  action_required: 4,
  needs_review: 4,
};
