/**
 * Bursts answered once. On chat channels a shopper often sends several short messages in a row ("hi", "my order",
 * "#1001", "where is it?"): each is stored as pending on its conversation, and once the conversation has been quiet
 * for the channel's quiet period they are answered together, in order, with one reply. A message that arrives while
 * the reply is being written is not in the claimed set, so it is answered by the next flush: nothing is lost, and a
 * claimed set is answered under its last message id, so a retried flush repeats the same turn instead of answering twice.
 */
import type { ConversationId, ShopId } from "./ids";
import type { MediaKind } from "./marketplace";
import type { MarketCode } from "./markets";

/** A shopper's message waiting for its burst to end. */
export interface PendingMessage {
  readonly messageId: string;
  readonly text: string;
  readonly media: MediaKind | null;
  /** When the channel says it was sent. */
  readonly sentAt: string;
  /** When we stored it: the quiet period runs from the last arrival. */
  readonly arrivedAt: string;
  readonly buyerId: string;
  readonly buyerName: string | null;
  readonly buyerPhone?: string | undefined;
  readonly market: MarketCode | null;
  readonly replyToken?: string | undefined;
  /** The channel account the push came for. */
  readonly accountId?: string | undefined;
}

/** A conversation's burst as stored: what waits, and the set a flush has claimed (if one is under way). */
export interface BurstState {
  /** Not yet answered, oldest first. */
  readonly pending: readonly PendingMessage[];
  /** Message ids a flush claimed and is answering (it may have been interrupted). */
  readonly claimed: readonly string[] | null;
}

export interface BurstStore {
  /** Stores a message as pending; false if it is pending already or was answered (a redelivered push). */
  add(shopId: ShopId, conversationId: ConversationId, message: PendingMessage): Promise<boolean>;
  get(shopId: ShopId, conversationId: ConversationId): Promise<BurstState>;
  /** Claims these messages for one reply; false if another claim is in place (then `get` shows it). */
  claim(shopId: ShopId, conversationId: ConversationId, ids: readonly string[]): Promise<boolean>;
  /** Marks the claimed messages answered (a redelivery of one is then refused by `add`) and ends the claim. */
  settle(shopId: ShopId, conversationId: ConversationId, ids: readonly string[]): Promise<void>;
}

/** What a flush does now. */
export type FlushStep =
  | { readonly kind: "nothing" }
  /** A claimed set was answered but its claim not released (an interrupted flush): release it, then look again. */
  | { readonly kind: "release"; readonly ids: readonly string[] }
  /** A later message's flush will answer the burst: this one steps aside. */
  | { readonly kind: "deferred" }
  /** The shopper may still be typing: look again in `ms`. */
  | { readonly kind: "wait"; readonly ms: number }
  /** Answer these messages together; `claimed` when an earlier flush already claimed them. */
  | { readonly kind: "answer"; readonly messages: readonly PendingMessage[]; readonly claimed: boolean };

/** Oldest first: by the channel's sending time, then by arrival (channels stamp whole seconds). */
export const inOrder = (messages: readonly PendingMessage[]): PendingMessage[] =>
  [...messages].sort(
    (a, b) =>
      a.sentAt.localeCompare(b.sentAt) ||
      a.arrivedAt.localeCompare(b.arrivedAt) ||
      a.messageId.localeCompare(b.messageId),
  );

/** The message that arrived last (each message queues its own flush, so its flush speaks for the burst). */
const lastArrived = (messages: readonly PendingMessage[]) =>
  [...messages].sort(
    (a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.messageId.localeCompare(b.messageId),
  )[messages.length - 1];

/**
 * Decides the flush queued for message `own`: finish a claimed set first; else only the flush of the last arrival
 * acts, waiting until that arrival is `quietMs` old and then answering every pending message. So a flush waits at
 * most once per message, and a burst that keeps growing is carried by its newest message's flush.
 */
export function flushStep(state: BurstState, own: string, quietMs: number, now: Date): FlushStep {
  if (state.claimed) {
    const claimed = new Set(state.claimed);
    const messages = inOrder(state.pending.filter((m) => claimed.has(m.messageId)));
    return messages.length > 0
      ? { kind: "answer", messages, claimed: true }
      : { kind: "release", ids: state.claimed };
  }
  const last = lastArrived(state.pending);
  if (!last) return { kind: "nothing" };
  if (last.messageId !== own) return { kind: "deferred" };
  const ms = Date.parse(last.arrivedAt) + quietMs - now.getTime();
  if (ms > 0) return { kind: "wait", ms };
  return { kind: "answer", messages: inOrder(state.pending), claimed: false };
}

/** One part of a combined turn: each shopper message keeps its own id, text and time in the transcript. */
export interface TurnPart {
  readonly messageId: string;
  readonly text: string;
  readonly at: string;
}

/** Media the AI cannot read: a burst holding any of these goes to a person, as a single such message does. */
const WORDLESS: ReadonlySet<MediaKind> = new Set(["image", "video", "audio", "location"]);

/** The burst as one turn: texts joined in order with newlines, keyed by the last message (the one answered). */
export function combineBurst(messages: readonly PendingMessage[]): {
  readonly last: PendingMessage;
  readonly text: string;
  readonly parts: readonly TurnPart[];
  readonly media: MediaKind | null;
} {
  const ordered = inOrder(messages);
  const last = ordered.at(-1);
  if (!last) throw new Error("an empty burst has nothing to answer");
  const textOf = (m: PendingMessage) => m.text || `[${m.media ?? "message"}]`;
  const wordless = ordered.find((m) => m.media && WORDLESS.has(m.media));
  return {
    last,
    text: ordered.map(textOf).join("\n"),
    parts: ordered.map((m) => ({ messageId: m.messageId, text: textOf(m), at: m.sentAt })),
    media: wordless?.media ?? (ordered.length === 1 ? last.media : null),
  };
}
