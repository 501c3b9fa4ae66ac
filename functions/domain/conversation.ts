/** A conversation between one shopper and one shop on one channel, and the messages in it. */
import { z } from "zod";
import type { ConversationId, EscalationId, ShopId } from "./ids";
import { INTENTS, type Intent } from "./intent";
import type { Language } from "./language";
import type { MarketCode, Region } from "./markets";

export type ConversationStatus = "ai" | "pending_human" | "human" | "resolved";
export const MESSAGE_ROLES = ["shopper", "ai", "agent", "system"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export type Engine = "embedded" | "openai";

export interface Shopper {
  readonly id: string;
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly locale?: string | undefined;
}

/** An AI-written reply and why it was written (R3: intent, confidence, engine). */
export interface Reply {
  readonly text: string;
  readonly language: Language;
  readonly intent: Intent;
  readonly confidence: number;
  readonly engine: Engine;
  readonly aiGenerated: true;
}

/** Why a conversation went to a person. "needs_review": a cautious market (R8) asks a person to decide on the AI's draft. */
export const ESCALATION_REASONS = [
  "human_requested",
  "not_understood",
  "frustration",
  "sensitive",
  "action_required",
  "needs_review",
  /** The shopper sent a picture or video, which the AI cannot read. */
  "media",
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** R4: what the conversation has learnt, so the shopper is never asked twice. */
export interface Memory {
  readonly language?: Language | undefined;
  readonly orderName?: string | undefined;
  readonly lastIntent?: Intent | undefined;
  /** R5: consecutive messages the AI did not understand. */
  readonly misunderstandings: number;
}

/** A message as the transcript keeps it (on the conversation, and in the handoff packet). */
export const TranscriptEntrySchema = z
  .object({
    role: z.enum(MESSAGE_ROLES),
    text: z.string(),
    at: z.string(),
    /** A shopper's message: what it asked for, so a handoff summary can say what the conversation is about. */
    intent: z.enum([...INTENTS, "unknown"]).optional(),
    /** An AI reply: the orders (names) it described, so the inbox can show them to the agent. */
    orders: z.array(z.string()).readonly().optional(),
  })
  .readonly();
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export interface Conversation {
  readonly shopId: ShopId;
  readonly id: ConversationId;
  readonly channel: string;
  readonly threadId: string;
  readonly market: MarketCode;
  readonly shopper: Shopper;
  readonly status: ConversationStatus;
  readonly memory: Memory;
  readonly escalationId: EscalationId | null;
  readonly createdAt: string;
  readonly lastMessageAt: string;
  /** The last few messages, kept on the conversation so a turn needs no extra read (handoff packet, model context). */
  readonly recent: readonly TranscriptEntry[];
  /** The seller's own staff wrote in the marketplace app: the AI stays silent until then. */
  readonly pausedUntil?: string | undefined;
  /** Epoch second after which the conversation expires (the shop's retention period); none keeps it. */
  readonly expiresAt?: number | undefined;
  /** Milliseconds from the shopper's first message to the AI's first reply (R7, R10). */
  readonly firstReplyMs?: number | undefined;
  /** The last turn applied; if its own record is missing, the turn was interrupted and only that record is left to write. */
  readonly lastTurn: Turn | null;
}

export interface Message {
  readonly id: string;
  readonly role: MessageRole;
  readonly text: string;
  readonly at: string;
  readonly language?: Language | undefined;
  readonly intent?: Intent | undefined;
  readonly confidence?: number | undefined;
  readonly engine?: Engine | undefined;
  /** A person's reply sent in translation: what they wrote, in their own language. */
  readonly original?: { readonly text: string; readonly language: string } | undefined;
}

export const INITIAL_MEMORY: Memory = { misunderstandings: 0 };

/** The audit trail of a handoff (R3): who took the conversation, when, and how it ended. */
export interface ConversationEvent {
  readonly escalationId: string;
  readonly kind: "escalated" | "claimed" | "resolved" | "released";
  readonly agentId: string | null;
  /** The agent's display name at the time, for the inbox's history. */
  readonly agentName?: string | undefined;
  readonly at: string;
  readonly note?: string | null | undefined;
}

/** An agent's note on an escalation: seen by agents only, never sent to the shopper. */
export interface InternalNote {
  readonly id: string;
  readonly escalationId: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly text: string;
  readonly at: string;
}

/** One shopper message and what we did about it: the unit that is stored once per channel message id. */
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
