/** A conversation between one shopper and one shop on one channel, and the messages in it. */
import { z } from "zod";
import type { Action, ActionRef } from "./actions";
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

/** What an AI answer rested on: a knowledge article, product or policy, or an order it described. */
export interface Source {
  readonly type: string;
  readonly id: string;
}

/** Why the AI could not answer a question (the seller's "unanswered questions" report). */
export const MISS_KINDS = ["clarifying", "not_understood", "no_source"] as const;
export type MissKind = (typeof MISS_KINDS)[number];

/** An AI-written reply and why it was written (R3: intent, confidence, signals, engine, model, prompt, sources). */
export interface Reply {
  readonly text: string;
  readonly language: Language;
  readonly intent: Intent;
  readonly confidence: number;
  readonly engine: Engine;
  readonly aiGenerated: true;
  /** Signals the pipeline detected in the message (frustration, a sensitive matter …); older replies lack it. */
  readonly signals?: readonly string[] | undefined;
  /** The model that wrote it, when a model did; null for the embedded engine. */
  readonly model?: string | null | undefined;
  /** The prompt's version (PROMPT_VERSION) when a model wrote it. */
  readonly promptVersion?: string | null | undefined;
  readonly sources?: readonly Source[] | undefined;
  /** Set when the AI could not answer: it asked to clarify, handed off not understanding, or answered without a source. */
  readonly miss?: MissKind | undefined;
  /** The order action this reply proposes or reports on (API.md "Actions"); absent when none. */
  readonly action?: ActionRef | null | undefined;
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
  /** An agent took over a conversation the AI was handling (R3). */
  "agent_takeover",
  /** The marketplace no longer lets the seller write: its reply window since the buyer's last message has closed. */
  "channel_window_closed",
  /** The marketplace's cap on seller messages in a row without a buyer reply is reached. */
  "channel_cap_reached",
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** R4: what the conversation has learnt, so the shopper is never asked twice. */
export interface Memory {
  readonly language?: Language | undefined;
  readonly orderName?: string | undefined;
  readonly lastIntent?: Intent | undefined;
  /** R5: consecutive messages the AI did not understand. */
  readonly misunderstandings: number;
  /** What the AI's last reply asked for, so the next message is first read as the answer to it (domain/dialogue.ts). */
  readonly awaiting?: Awaiting | null | undefined;
  /** The topic the shopper raised before we asked (e.g. a return, before "which order?"): it continues with the answer. */
  readonly pendingIntent?: Intent | undefined;
  /** The order number we asked the checkout email or phone for: the answer's contact unlocks this order. */
  readonly pendingOrder?: string | undefined;
  /** The action proposed to the shopper, while their yes or no is awaited (domain/actions.ts). */
  readonly action?: Action | undefined;
}

/**
 * Questions the AI asks whose answer it then expects: an order number, the checkout email or phone, a yes or no, the
 * new shipping address for an address change.
 */
export const AWAITING = ["order_number", "checkout_contact", "confirmation", "address"] as const;
export type Awaiting = (typeof AWAITING)[number];

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
  /** When the shopper was asked to rate the help, and after whose help: asked once per conversation at most. */
  readonly ratingAsked?: RatingAsked | undefined;
  /** The shopper's rating, stored once. */
  readonly rating?: Rating | undefined;
}

/** Whose help a rating is about: the AI's alone, or a person's after a handoff. */
export type RatedBy = "ai" | "person";

export interface RatingAsked {
  readonly at: string;
  readonly by: RatedBy;
}

export interface Rating {
  /** 1 (poor) to 5 (great). */
  readonly score: number;
  readonly at: string;
  readonly by: RatedBy;
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
  /** An AI message: why it said what it said (R3). */
  readonly signals?: readonly string[] | undefined;
  readonly model?: string | null | undefined;
  readonly promptVersion?: string | null | undefined;
  readonly sources?: readonly Source[] | undefined;
}

export const INITIAL_MEMORY: Memory = { misunderstandings: 0 };

/**
 * The audit trail of a conversation (R3): who took it, when, and how it ended; and each step of an order action
 * (issue #19), which belongs to the conversation rather than to one handoff.
 */
export interface ConversationEvent {
  /** The handoff the event belongs to; empty for an action's step (an action may have no handoff at all). */
  readonly escalationId: string;
  readonly kind: "escalated" | "taken_over" | "claimed" | "resolved" | "released" | "action";
  readonly agentId: string | null;
  /** The agent's display name at the time, for the inbox's history. */
  readonly agentName?: string | undefined;
  readonly at: string;
  readonly note?: string | null | undefined;
  /** For `action`: the action and the status this step moved it to. */
  readonly action?: ActionRef | undefined;
}

/** The key an event is stored once under: a handoff's kind per escalation, an action's status per action. */
export const eventKey = (event: ConversationEvent) =>
  event.kind === "action" && event.action
    ? `ACTION#${event.action.id}#${event.action.status}`
    : `${event.escalationId}#${event.kind}`;

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
  /** A burst answered as one turn (domain/bursts.ts): each shopper message as sent; `text` is them joined. */
  readonly parts?:
    | readonly { readonly messageId: string; readonly text: string; readonly at: string }[]
    | undefined;
}
