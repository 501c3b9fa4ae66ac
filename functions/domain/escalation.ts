/** An escalation: the handoff of a conversation from the AI to a person of the market's agent region. */
import { z } from "zod";
import { ActionSchema } from "./actions";
import { ESCALATION_REASONS, TranscriptEntrySchema } from "./conversation";
import { ConversationId, EscalationId, ShopId } from "./ids";
import { INTENTS } from "./intent";
import { LANGUAGES } from "./language";
import { MARKET_CODES, POSTURES, REGIONS } from "./markets";
import { OrderSnapshotSchema } from "./order";

export type EscalationStatus = "pending" | "claimed" | "resolved";

const Id = z.string().min(1);

/**
 * The packet an agent needs to answer without asking again (R4); it travels on the region's FIFO queue, so the
 * consumer parses it with this schema, and the code uses the type inferred from it.
 */
export const HandoffPacketSchema = z
  .object({
    escalationId: Id.transform(EscalationId),
    shopId: Id.transform(ShopId),
    conversationId: Id.transform(ConversationId),
    channel: z.string(),
    region: z.enum(REGIONS),
    market: z.enum(MARKET_CODES),
    language: z.enum(LANGUAGES),
    posture: z.enum(POSTURES),
    reason: z.enum(ESCALATION_REASONS),
    /** What the shopper asked about, as the AI understood it (older packets lack it). */
    intent: z.enum([...INTENTS, "unknown"]).default("unknown"),
    /** Lower is more urgent. */
    priority: z.number().int(),
    summary: z.string(),
    shopper: z.object({ id: z.string(), name: z.string().nullable() }).readonly(),
    order: OrderSnapshotSchema.nullable(),
    /** What the AI would have said, for the agent to send, edit or discard (cautious markets). */
    draft: z.string().nullable(),
    transcript: z.array(TranscriptEntrySchema).readonly(),
    createdAt: z.string(),
    dueAt: z.string(),
    /** The prepared order action: for the agent to approve or decline, or (manual) to carry out by hand. */
    action: ActionSchema.nullish(),
  })
  .readonly();
export type HandoffPacket = z.output<typeof HandoffPacketSchema>;

/** How an escalation ended: a person resolved it, or handed the conversation back to the AI. */
export type Resolution = "resolved" | "released";

export interface Escalation extends HandoffPacket {
  readonly status: EscalationStatus;
  readonly claimedBy: string | null;
  readonly claimedAt: string | null;
  readonly resolvedAt: string | null;
  readonly resolution: Resolution | null;
  readonly note: string | null;
  /** When the first person's reply reached the shopper (R7, R10). */
  readonly firstHumanReplyAt: string | null;
  /** When the SLA sweeper found it past its due time without a person's reply. */
  readonly overdueAt: string | null;
}

/** A state change an agent asks for; each is allowed from some states only (see `transitionError`). */
export type Transition =
  | { readonly kind: "claim"; readonly agentId: string; readonly at: string }
  | { readonly kind: "resolve"; readonly agentId: string; readonly at: string; readonly note: string | null }
  | { readonly kind: "release"; readonly agentId: string; readonly at: string };

/** Why a transition is refused: "conflict" for another agent's or a closed escalation, "not_claimed" for a skipped claim. */
export interface Refusal {
  readonly code: "conflict" | "not_claimed";
  readonly message: string;
}

/** Why a transition is refused, or null when it may happen. A repeat of a transition already made is allowed. */
export function transitionError(escalation: Escalation, transition: Transition): Refusal | null {
  const mine = escalation.claimedBy === transition.agentId;
  const conflict = (message: string): Refusal => ({ code: "conflict", message });
  switch (transition.kind) {
    case "claim":
      if (escalation.status === "pending" || (escalation.status === "claimed" && mine)) return null;
      return conflict(
        escalation.status === "claimed"
          ? "Another agent has claimed this escalation."
          : "This escalation is already closed.",
      );
    case "resolve":
    case "release":
      if (escalation.status === "resolved") {
        const same =
          (transition.kind === "resolve" ? "resolved" : "released") === escalation.resolution && mine;
        return same ? null : conflict("This escalation is already closed.");
      }
      if (escalation.status === "claimed" && !mine) return conflict("Another agent holds this escalation.");
      // Resolving closes the shopper's case, so someone must have taken it on first (a handback needs no claim).
      if (transition.kind === "resolve" && escalation.status === "pending")
        return { code: "not_claimed", message: "Claim the escalation before resolving it." };
      return null;
  }
}

/** The escalation after a transition (assumed allowed). */
export function applyTransition(escalation: Escalation, transition: Transition): Escalation {
  switch (transition.kind) {
    case "claim":
      return {
        ...escalation,
        status: "claimed",
        claimedBy: transition.agentId,
        claimedAt: escalation.claimedAt ?? transition.at,
      };
    case "resolve":
      return {
        ...escalation,
        status: "resolved",
        claimedBy: transition.agentId,
        resolvedAt: escalation.resolvedAt ?? transition.at,
        resolution: "resolved",
        note: transition.note,
      };
    case "release":
      return {
        ...escalation,
        status: "resolved",
        claimedBy: transition.agentId,
        resolvedAt: escalation.resolvedAt ?? transition.at,
        resolution: "released",
      };
  }
}

export const newEscalation = (packet: HandoffPacket): Escalation => ({
  ...packet,
  status: "pending",
  claimedBy: null,
  claimedAt: null,
  resolvedAt: null,
  resolution: null,
  note: null,
  firstHumanReplyAt: null,
  overdueAt: null,
});
