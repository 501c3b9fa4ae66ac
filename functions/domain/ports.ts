/** The ports the domain needs; adapters (DynamoDB, SQS, engines) implement them and are passed in. */
import type {
  Conversation,
  ConversationEvent,
  MissKind,
  RatingAsked,
  InternalNote,
  ConversationStatus,
  Message,
  Reply,
  Shopper,
  TranscriptEntry,
} from "./conversation";
import type { Escalation, EscalationStatus, HandoffPacket } from "./escalation";
import type { ConversationId, EscalationId, ShopId } from "./ids";
import type { Intent } from "./intent";
import type { Language } from "./language";
import type { Market, MarketCode, MarketOverride, Region } from "./markets";
import type { Marketplace } from "./marketplace";
import type { OrderSnapshot } from "./order";
import type { Turn } from "./conversation";
import type { CannedReply } from "./canned-replies";
import type { ActionSettings } from "./actions";
import type { Page, PageRequest } from "./paging";

/** Structured logs: ids, codes and outcomes only — never message text, contact details or secrets. */
export interface Logger {
  debug(message: string, attributes?: Readonly<Record<string, unknown>>): void;
  info(message: string, attributes?: Readonly<Record<string, unknown>>): void;
  warn(message: string, attributes?: Readonly<Record<string, unknown>>): void;
  error(message: string, attributes?: Readonly<Record<string, unknown>>): void;
}

export interface Clock {
  now(): Date;
}

// Paging lives in its own module so knowledge.ts can use it without importing ports.ts (which re-exports its store).
export type { Page, PageRequest } from "./paging";

/** Everything one shopper message needs, read in one round trip. */
export interface TurnContext {
  readonly conversation: Conversation | null;
  readonly existingTurn: Turn | null;
  readonly orderByName: OrderSnapshot | null;
  /** Orders linked to any of the shopper's lookup keys (email, phone, channel buyer id). */
  readonly shopperOrders: readonly OrderSnapshot[];
  /** The lookup keys linked to the vouched identity so far (R4's confirmed-order rule). */
  readonly linkedKeys?: readonly string[] | undefined;
}

/** Another conversation of the same shopper, as the agent's packet lists it (R4). */
export interface ShopperConversation {
  readonly id: ConversationId;
  readonly channel: string;
  readonly market: MarketCode;
  readonly status: ConversationStatus;
  readonly lastMessageAt: string;
  readonly escalationId: EscalationId | null;
}

export interface TurnContextQuery {
  readonly shopId: ShopId;
  readonly conversationId: ConversationId;
  readonly messageId: string;
  readonly orderName: string | null;
  readonly shopperKeys: readonly string[];
  /**
   * The identity the channel vouches for (`buyer:<channel>:<id>`): the lookup keys linked to it (a checkout email
   * confirmed with its order number) are read too, so its orders are found on every later message (R4).
   */
  readonly identityKey?: string | undefined;
}

export interface ConversationStore {
  loadTurnContext(query: TurnContextQuery): Promise<TurnContext>;
  /**
   * Links the identity the channel vouches for to lookup keys it verifiably shares (never a typed email alone);
   * idempotent. Absent where identities are not kept.
   */
  linkIdentity?(shopId: ShopId, identityKey: string, keys: readonly string[]): Promise<void>;
  /**
   * Files the conversation under each vouched key of its shopper (buyer id, channel phone, linked keys) so their
   * other conversations are found; idempotent. Absent where identities are not kept.
   */
  noteShopperConversation?(
    shopId: ShopId,
    conversationId: ConversationId,
    keys: readonly string[],
  ): Promise<void>;
  /** The shop's other conversations filed under any of these vouched keys or the keys linked to them, newest first. */
  shopperConversations?(
    shopId: ShopId,
    keys: readonly string[],
    except: ConversationId,
  ): Promise<ShopperConversation[]>;
  /**
   * Applies the turn to the conversation; a repeat of the same turn changes nothing. `read` is the conversation the
   * turn was decided on (null when there was none), so a store may write less; left out, the store assumes nothing.
   */
  applyTurn(turn: Turn, next: Conversation, read?: Conversation | null): Promise<void>;
  /** Stores the turn; false if it was already stored. */
  putTurn(turn: Turn, expiresAt?: number): Promise<boolean>;
  getConversation(
    shopId: ShopId,
    id: ConversationId,
  ): Promise<{
    conversation: Conversation;
    messages: Message[];
    events: ConversationEvent[];
    notes: InternalNote[];
    /** Machine translations for agents: locale → message id → text. */
    translations: Readonly<Record<string, Readonly<Record<string, string>>>>;
  } | null>;
  /** Keeps translations of messages for agents reading another language; they expire with the conversation. */
  saveTranslations(
    shopId: ShopId,
    id: ConversationId,
    locale: string,
    texts: Readonly<Record<string, string>>,
  ): Promise<void>;
  /** Stores an agent's internal note once (keyed by its id); it expires with the conversation. */
  addNote(shopId: ShopId, id: ConversationId, note: InternalNote): Promise<void>;
  /** Moves the conversation to `status` if it is in one of `from` and still on this escalation; false otherwise. */
  setStatus(
    shopId: ShopId,
    id: ConversationId,
    status: ConversationStatus,
    guard: { from: readonly ConversationStatus[]; escalationId: string },
  ): Promise<boolean>;
  /**
   * Records an event once (a repeat changes nothing); it expires with the conversation, or at `expiresAt` (epoch
   * seconds) when given, for an event written before the conversation's first turn is stored.
   */
  addEvent(shopId: ShopId, id: ConversationId, event: ConversationEvent, expiresAt?: number): Promise<void>;
  /**
   * Hands a conversation the AI holds to a person under `escalationId` (a marketplace refused the AI's reply);
   * false when it is no longer the AI's.
   */
  escalate(shopId: ShopId, id: ConversationId, escalationId: EscalationId): Promise<boolean>;
  /** Keeps the AI silent until `until` (the seller's own staff is answering in the marketplace app). */
  pause(shopId: ShopId, id: ConversationId, until: string): Promise<void>;
  /** Stores a person's message once (keyed by its id) and shows it in the conversation; false if already stored.
   * It expires with the conversation (the shop's retention period). */
  addAgentMessage(
    shopId: ShopId,
    id: ConversationId,
    message: Message & { agentId: string },
  ): Promise<boolean>;
  /** Every conversation of the shop with a message in [from, to). */
  listActive(shopId: ShopId, from: string, to: string): Promise<Conversation[]>;
  listConversations(
    shopId: ShopId,
    filter: {
      status?: string | undefined;
      market?: string | undefined;
      /** The channel's own thread id (what POST /v1/messages calls conversationId), and its channel. */
      threadId?: string | undefined;
      channel?: string | undefined;
    },
    page: PageRequest,
  ): Promise<Page<Conversation>>;
}

export interface OrderStore {
  putOrder(shopId: ShopId, order: OrderSnapshot, lookupKeys: readonly string[]): Promise<void>;
}

/** Where a seller's own tools hear about escalations in a region: an HTTPS endpoint and the HMAC secret we sign with. */
export interface NotificationTarget {
  readonly url: string;
  /** The HMAC secret, sealed with the shop and region as context (see notificationContext); never stored in the clear. */
  readonly sealedSecret: string;
}

/** What a notification secret is sealed to: a sealed secret copied to another shop or region does not open. */
export const notificationContext = (shopId: string, region: Region) => `notification:${shopId}:${region}`;

export interface ShopRecord {
  readonly id: ShopId;
  readonly name: string;
  readonly markets: readonly string[];
  readonly notifications?: Partial<Record<Region, NotificationTarget>> | undefined;
  /** The seller's per-market settings over docs/requirements.md's defaults (R8). */
  readonly marketOverrides?: Partial<Record<MarketCode, MarketOverride>> | undefined;
  /** Look orders up at the shop on a cache miss (default), or answer from the cache only. */
  readonly orderLookup?: "cache_then_shopify" | "cache_only" | undefined;
  /** Conversations and their messages expire this many days after their last message. */
  readonly retentionDays?: number | undefined;
  /**
   * Bumped by every write to the shop's store knowledge (articles, products, policies): an instance rebuilds its
   * in-memory index only when this changes, so the pipeline learns it from the shop it already read.
   */
  readonly knowledgeVersion?: number | undefined;
  /** The seller's rules for order actions (domain/actions.ts): per action and market, auto, approval or off. */
  readonly actions?: ActionSettings | undefined;
}

export interface ShopStore {
  findByApiKey(apiKey: string): Promise<ShopRecord | null>;
  get(id: ShopId): Promise<ShopRecord | null>;
  putShop(shop: ShopRecord, apiKey: string): Promise<void>;
  /** Replaces the shop's settings, keeping its API key. */
  updateShop(shop: ShopRecord): Promise<void>;
  listShopIds(): Promise<ShopId[]>;
}

export interface InboxFilter {
  readonly shops: readonly ShopId[] | "*";
  readonly regions: readonly Region[];
  readonly status: EscalationStatus;
}

export interface EscalationStore {
  /** Records the packet as an inbox entry; a redelivered packet changes nothing. */
  record(packet: HandoffPacket): Promise<"created" | "exists">;
  listInbox(filter: InboxFilter, page: PageRequest): Promise<Page<Escalation>>;
  /** Every escalation of the shop created in [from, to), whatever its region or status. */
  listCreated(shopId: ShopId, from: string, to: string): Promise<Escalation[]>;
  /** The escalation if it belongs to one of these shops. */
  find(shops: readonly ShopId[] | "*", id: EscalationId): Promise<Escalation | null>;
  /** Writes `next` only if the stored escalation is still `current` (optimistic concurrency); false if it changed. */
  replace(current: Escalation, next: Escalation): Promise<boolean>;
}

export type EscalationEvent = "escalation.created" | "escalation.overdue";

/** Tells a seller's own tools about an escalation; failures are the notifier's to report, never the inbox's. */
export interface Notifier {
  notify(shop: ShopRecord, event: EscalationEvent, escalation: Escalation): Promise<void>;
}

/** An alert about one of the shop's marketplace accounts, for the seller's own endpoint (no secret, no token). */
export interface AccountAlertEvent {
  readonly type: "connection.token_expiring";
  readonly channel: string;
  readonly accountId: string;
  readonly market: MarketCode | null;
  /** When the marketplace says the authorization lapses. */
  readonly expiresAt: string | null;
}

/** Tells the seller's notification endpoint about an account's alert (the region that serves its market). */
export interface AccountAlertNotifier {
  notifyAccount(shop: ShopRecord, event: AccountAlertEvent): Promise<void>;
}

/** Counts and timings for dashboards (R10): EMF on Lambda, nothing locally. */
export interface Metrics {
  count(name: string, dimensions: Readonly<Record<string, string>>, value?: number): void;
  milliseconds(name: string, dimensions: Readonly<Record<string, string>>, value: number): void;
}

/** Delivers a person's reply to the shopper through the conversation's channel. */
export interface ChannelSender {
  deliver(conversation: Conversation, message: Message): Promise<void>;
}

export interface EscalationQueue {
  send(packet: HandoffPacket): Promise<void>;
}

export interface Classification {
  readonly intent: Intent;
  readonly confidence: number;
  /** The engine also reads a request for a person in it, beside the topic it chose ("late parcel, get me someone"). */
  readonly asksForPerson?: boolean;
}

export interface LanguageGuess {
  readonly language: Language;
  readonly confidence: number;
}

/** Language understanding: which language, and what the shopper wants. */
export interface Understanding {
  detectLanguage(text: string, market: Market, hint: Language | undefined): LanguageGuess;
  classify(text: string): Classification;
}

/**
 * The order systems consulted when the cache misses (the shop's Shopify, or the marketplace the conversation is on,
 * chosen by `channel` in the composition root); answers are cached by the adapter.
 */
export interface OrderLookup {
  byName(shopId: ShopId, name: string, channel?: string): Promise<OrderSnapshot | null>;
  byEmail(shopId: ShopId, email: string): Promise<OrderSnapshot[]>;
}

export interface OrderReader {
  getOrder(shopId: ShopId, name: string): Promise<OrderSnapshot | null>;
}

/** A shop's own canned replies (the built-in ones come from locales/). */
export interface CannedReplyStore {
  list(shopId: ShopId): Promise<CannedReply[]>;
  /** Replaces the whole set. */
  replace(shopId: ShopId, replies: readonly CannedReply[]): Promise<void>;
}

/** Machine translation between people (an LLM); null when it failed, so callers show the original. */
export interface MessageTranslator {
  translate(texts: readonly string[], to: string, from?: string): Promise<string[] | null>;
}

/** Writes the gist of a conversation for the person taking it over (an LLM); null when it failed. */
export interface ConversationSummarizer {
  summarise(transcript: readonly TranscriptEntry[], locale: string): Promise<string | null>;
}

/**
 * Turns texts into vectors of one embedding model (an LLM provider's `/embeddings`), so a question finds passages
 * that mean the same in another language; null when the call failed, so callers search by words alone.
 */
export interface Embedder {
  /** The model's name: vectors of different models are never compared. */
  readonly model: string;
  /** One vector per text, in the texts' order, in one request. */
  embed(texts: readonly string[]): Promise<number[][] | null>;
}

/** The conversations the AI is handling, for oversight (R3), and what agents flagged and the AI missed (for sellers). */
export interface OversightStore {
  /**
   * Conversations with status "ai" of these shops, each limited to its markets, newest activity first; the cursor
   * holds each shop's position.
   */
  listLive(
    filter: {
      readonly shops: readonly { readonly shopId: ShopId; readonly markets: readonly MarketCode[] }[];
      readonly language?: Language | undefined;
      readonly channel?: string | undefined;
    },
    page: PageRequest,
  ): Promise<Page<Conversation>>;
  /** The conversation if it belongs to one of these shops. */
  find(shops: readonly ShopId[], id: ConversationId): Promise<Conversation | null>;
  /**
   * Gives the conversation to a person under `escalationId`: only if the AI still has it (status "ai" or "resolved")
   * or it is already this escalation's; false otherwise.
   */
  takeOver(conversation: Conversation, escalationId: EscalationId): Promise<boolean>;
  /** Marks the shopper asked for a rating, once per conversation; false if they already were. */
  markRatingAsked(conversation: Conversation, asked: RatingAsked): Promise<boolean>;
  /** Keeps an agent's flag on an AI answer (a second flag of the same answer replaces the first); it expires with the conversation. */
  flag(flag: AnswerFlag, expiresAt: number | undefined): Promise<void>;
  /** The shop's flags raised in [from, to), newest first. */
  listFlags(shopId: ShopId, from: string, to: string): Promise<AnswerFlag[]>;
  /** The AI's misses (questions it could not answer) of the shop's turns received in [from, to). */
  listMisses(shopId: ShopId, from: string, to: string): Promise<Miss[]>;
}

/** An agent's mark on an AI answer they found wrong, with why. */
export interface AnswerFlag {
  readonly shopId: ShopId;
  readonly conversationId: ConversationId;
  readonly messageId: string;
  readonly market: MarketCode;
  readonly language: Language | null;
  /** The AI's answer as the shopper got it. */
  readonly answer: string;
  /** What the shopper had asked. */
  readonly question: string | null;
  readonly note: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly at: string;
}

/** A question the AI could not answer, as the seller's report groups it. */
export interface Miss {
  readonly conversationId: ConversationId;
  readonly messageId: string;
  readonly at: string;
  readonly question: string;
  readonly language: Language;
  readonly topic: Intent;
  readonly kind: MissKind;
  readonly market: MarketCode;
}

export type { LocaleText } from "./translator";

/** A web inbox sign-in as the server knows it: which credential it was opened with, until when, and whether it ended. */
export interface WebSession {
  readonly kind: "agent" | "seller";
  /** SHA-256 (hex) of the credential the session was opened with; the credential itself is never stored. */
  readonly credentialHash: string;
  /** Epoch seconds after which the session is over, whatever else holds. */
  readonly expiresAt: number;
}

/** Web inbox sessions shared by every instance, so signing out ends a session everywhere at once. */
export interface SessionStore {
  start(id: string, session: WebSession): Promise<void>;
  /** The session, or null if it is unknown, ended (signed out) or past `expiresAt` at `nowSeconds`. */
  find(id: string, nowSeconds: number): Promise<WebSession | null>;
  /** Ends a session for good; an unknown id is ignored. */
  end(id: string, nowSeconds: number): Promise<void>;
}

export type { Reply, Shopper, TranscriptEntry };

/** What the seller side has done in one marketplace conversation since the buyer last wrote. */
export interface ChannelActivity {
  /** When the buyer last wrote; null when no buyer message was recorded (a conversation older than the record). */
  readonly buyerLastAt: string | null;
  /** Seller messages (each part of a split reply counts) since the buyer last wrote. */
  readonly sellerStreak: number;
  /** Parts of the reply being sent that already went out: a retried reply resumes after them. */
  readonly partsSent: number;
}

/** Who wrote a reply that went out on a marketplace: the AI, or a person (an agent or the seller's staff). */
export type ReplyAuthor = "ai" | "human";

export interface ReplyRecord {
  readonly marketplace: Marketplace;
  readonly author: ReplyAuthor;
}

/** The per-conversation record the rules are checked against, and the log of replies sent per marketplace. */
export interface ChannelActivityStore {
  /** The buyer wrote at `at`: the window restarts and the streak is back to zero (an older message changes nothing). */
  buyerWrote(shopId: ShopId, conversationId: ConversationId, at: string): Promise<void>;
  read(shopId: ShopId, conversationId: ConversationId, replyKey: string): Promise<ChannelActivity>;
  /** Part `index` of the reply went out: counted once in the streak, however often this is repeated. */
  partSent(shopId: ShopId, conversationId: ConversationId, replyKey: string, index: number): Promise<void>;
  /** A reply went out (once per reply key). */
  recordReply(shopId: ShopId, replyKey: string, record: ReplyRecord & { readonly at: string }): Promise<void>;
  /** The replies sent in [from, to). */
  replies(shopId: ShopId, from: string, to: string): Promise<ReplyRecord[]>;
}

/** An order as the cache holds it, with every lookup key it was indexed under when it was written. */
export interface CachedOrderRecord {
  readonly order: OrderSnapshot;
  readonly lookupKeys: readonly string[];
}

/** Deletes a customer's or a shop's data; every delete is idempotent. */
export interface ErasureStore {
  /** Every order snapshot held under these lookup keys. */
  ordersOf(shopId: ShopId, lookupKeys: readonly string[]): Promise<OrderSnapshot[]>;
  /** The cached orders with these names (any form "#1001" / "1001"), with the keys they were indexed under. */
  orderRecords(shopId: ShopId, orderNames: readonly string[]): Promise<CachedOrderRecord[]>;
  /** The order items (by name) and their id aliases (by Shopify id). */
  eraseOrders(shopId: ShopId, orders: readonly { id: string; name: string }[]): Promise<number>;
  /** Whole lookup items: every order indexed under these keys goes with them. */
  eraseLookups(shopId: ShopId, lookupKeys: readonly string[]): Promise<number>;
  /** Takes only these orders out of the lookup items (an item left empty is deleted); other orders stay indexed. */
  unindexOrders(
    shopId: ShopId,
    lookupKeys: readonly string[],
    orderNames: readonly string[],
  ): Promise<number>;
  /** The conversation, its turns, messages and events, and every escalation it had. */
  eraseConversation(shopId: ShopId, id: ConversationId): Promise<number>;
  /** Data-request exports about this customer (they hold the same personal data). */
  eraseExportsAbout(
    shopId: ShopId,
    customer: { email: string | null; phone: string | null },
  ): Promise<number>;
  /** Everything the shop owns, found through the owner index. */
  eraseOwned(shopId: ShopId): Promise<number>;
}

/*
 * The ports declared beside the entities they speak of, re-exported so this file lists every port: defining them
 * here would make ports.ts and those modules import each other.
 */
/** Order actions: running them at the shop, storing them, and reading a typed address. */
export type { ActionStore, AddressReader, OrderActions } from "./actions";
/** Chat bursts waiting to be answered together. */
export type { BurstStore } from "./bursts";
/** Store knowledge: the search index and the articles, products and policies it is built from. */
export type { KnowledgeBase, KnowledgeStore } from "./knowledge";
/** Marketplace access tokens, refreshed and stored sealed. */
export type { TokenStore } from "./marketplace-tokens";
/** Marketplace work queues: inbound pushes, burst flushes and outbound replies. */
export type { MarketplaceQueues } from "./marketplace-queues";
/** The language model that writes replies. */
export type { ReplyModel } from "./model";
/** Shopify: the connection and webhook de-duplication, and the queue of verified webhook events. */
export type { ShopifyStore } from "./shopify";
export type { ShopifyEventQueue } from "./shopify-events";
