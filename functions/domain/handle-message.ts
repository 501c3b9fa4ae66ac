/** The reply pipeline for one shopper message: idempotent on the channel's message id, safe to retry after any failure. */
import { renderLines, withDisclosure } from "./render";
import { type Entities, extractEntities } from "./extract";
import {
  type DialogueReading,
  NO_READING,
  orderNumberAskedFor,
  pendingOrderAnswered,
  readMessage,
  topicOf,
} from "./dialogue";
import { detectSignals, type Signal } from "./signals";
import {
  type Conversation,
  type ConversationStatus,
  INITIAL_MEMORY,
  type Memory,
  type Reply,
  type Shopper,
  type Source,
  type TranscriptEntry,
} from "./conversation";
import { AppError } from "./errors";
import { missOf } from "./misses";
import { mayAskRating, parseRating, ratedBy, ratingOpen } from "./rating";
import { buildHandoffPacket, ordersQuotedIn } from "./handoff";
import { conversationIdFor, escalationIdFor } from "./identifiers";
import type { ConversationId, ShopId } from "./ids";
import { type Language, languageOfTag, localeFor } from "./languages";
import { isOpen, nextOpening } from "./business-hours";
import { type Market, type MarketCode, type MarketOverride, marketWith } from "./markets";
import { type Intent, ORDER_INTENTS, STORE_INTENTS } from "./intent";
import { orderKey } from "./order";
import { type OrderResolution, resolveOrder, shopperKeys } from "./order-resolution";
import { shopperLookupKeys } from "./privacy";
import { type Composed, compose } from "./compose";
import { applyPosture, type Decision, decide, effectiveIntent, offersPerson } from "./policy";
import type { KnowledgeBase } from "./knowledge";
import { answerStoreQuestion } from "./store-answer";
import type { HandoffPacket } from "./escalation";
import type { ReplyModel } from "./model";
import type {
  Clock,
  ConversationStore,
  EscalationQueue,
  Metrics,
  OrderLookup,
  OrderReader,
  LocaleText,
  TurnContext,
  Understanding,
} from "./ports";
import type { EscalationRef, Turn, TurnOutcome } from "./conversation";
import {
  type Action,
  type ActionSettings,
  type ActionStore,
  type AddressReader,
  actionRef,
  type OrderActions,
} from "./actions";
import { type ActionTurn, actOnOrder } from "./action-turn";
import type { TurnPart } from "./bursts";
import type { MediaKind } from "./marketplace";

export interface MessageDeps {
  readonly conversations: ConversationStore;
  readonly orders: OrderReader;
  readonly escalations: EscalationQueue;
  readonly understanding: Understanding;
  readonly translator: LocaleText;
  readonly clock: Clock;
  /** An LLM that writes replies, when one is configured; the embedded engine otherwise and as fallback. */
  readonly model?: ReplyModel | undefined;
  readonly metrics?: Metrics | undefined;
  /** The shop's own order system, for orders the cache does not hold yet. */
  readonly orderLookup?: OrderLookup | undefined;
  /** A channel's reply deadline in minutes (functions/channels rules), which caps an escalation's due time. */
  readonly replyDeadlineMinutes?: ((channel: string) => number | null) | undefined;
  /** Whether a channel's rules allow asking shoppers to rate the help (functions/channels rules); never, without it. */
  readonly ratingsAllowed?: ((channel: string) => boolean) | undefined;
  /** Order actions (issue #19): their store, the shop that executes them, and a reader of new addresses (a model). */
  readonly actions?: ActionStore | undefined;
  readonly orderActions?: OrderActions | undefined;
  readonly addressReader?: AddressReader | undefined;
  /** The shop's own knowledge (articles, products, policies) that store questions are answered from, with sources. */
  readonly knowledge?: KnowledgeBase | undefined;
}

export interface IncomingMessage {
  readonly shopId: ShopId;
  readonly channel: string;
  readonly threadId: string;
  readonly messageId: string;
  readonly market: MarketCode;
  /** A channel message that is not text: what it was. */
  readonly media?: MediaKind | null | undefined;
  /** A burst answered as one turn: its messages in order (the turn's `messageId` is the last one's, `text` them joined). */
  readonly parts?: readonly TurnPart[] | undefined;
  /** The shop's retention period: the conversation expires this many days after its last message. */
  readonly retentionDays?: number | undefined;
  /** The seller's policy: look orders up at the shop on a cache miss (default) or answer from the cache only. */
  readonly orderLookup?: "cache_then_shopify" | "cache_only" | undefined;
  /** The shop's per-market settings (posture, region, hours), applied over the defaults. */
  readonly marketOverrides?: Partial<Record<MarketCode, MarketOverride>> | undefined;
  readonly shopper: Shopper;
  readonly text: string;
  readonly sentAt?: string | undefined;
  /** A rating (1–5) an API integrator collected itself: stored once per conversation, like an answered question. */
  readonly rating?: number | undefined;
  /** The same message id with another text is refused (409, the API's contract) rather than answered with the first result. */
  readonly rejectReusedId?: boolean | undefined;
  /** The seller's rules for order actions (API.md "Actions"): per action and market, auto, approval or off. */
  readonly actions?: ActionSettings | undefined;
  /** The version of the shop's knowledge, read with the shop: the search index is rebuilt only when it changes. */
  readonly knowledgeVersion?: number | undefined;
}

export interface MessageResult {
  readonly conversationId: ConversationId;
  readonly status: Turn["statusAfter"];
  readonly reply: Reply | null;
  readonly escalation: EscalationRef | null;
}

/** How many recent messages the conversation keeps at hand for handoffs and model context. */
const RECENT = 12;

/**
 * The reply pipeline for one shopper message, in named stages: load the context, understand the message, resolve
 * the orders it is about, decide by policy, compose the reply, then plan and persist the turn (escalating first).
 */
export async function handleShopperMessage(
  deps: MessageDeps,
  message: IncomingMessage,
): Promise<MessageResult> {
  const loaded = await loadContext(deps, message);
  if ("repeat" in loaded) return loaded.repeat;
  const understood = readRatingAnswer(message, loaded, understand(deps, message, loaded));
  const orders = await resolveOrders(deps, message, loaded, understood);
  const policy = decidePolicy(message, loaded, understood, orders);
  const acted = await decideAction(deps, message, loaded, understood, orders, policy);
  const decided = acted ? { ...policy, decision: acted.decision } : withoutProposal(policy);
  const known = acted ? null : await answerFromStore(deps, message, loaded, understood, decided);
  const composed: Composed = acted
    ? // The exact effect of an action is ours to state: no model rewrites it.
      ({ decision: acted.decision, engine: "embedded", intent: acted.intent, confidence: 1 } as const)
    : known
      ? // The shop's own words (or a model's, citing them, in this turn's one call); product facts rendered from data.
        known
      : await composeReply(deps, message, loaded, understood, orders, decided);
  const planned = planTurn(deps, message, loaded, understood, orders, composed, acted?.action ?? null);
  // Linked before the turn is stored, so a retry after a failure links again (the link is idempotent).
  const link = confirmedLink(message, loaded, orders);
  if (link.length > 0) await deps.conversations.linkIdentity?.(message.shopId, identityKeyOf(message), link);
  // R4, for the agent's packet: a conversation is filed under the keys it shares with the shopper's other channels
  // (a vouched phone or email) when it starts, and under every key when it gains a link. A shopper known by a
  // channel id alone is not filed: that keeps the first message of most conversations within three DynamoDB requests.
  const crossChannel = shopperKeys(message.channel, message.shopper, message.market).filter(
    (key) => !key.startsWith("buyer:"),
  );
  const filing =
    link.length > 0
      ? [
          ...shopperKeys(message.channel, message.shopper, message.market),
          ...(loaded.context.linkedKeys ?? []),
          ...link,
        ]
      : loaded.previous === null
        ? crossChannel
        : [];
  if (filing.length > 0)
    await deps.conversations.noteShopperConversation?.(message.shopId, loaded.conversationId, filing);
  return persistTurn(deps, message, planned);
}

/** The identity the channel vouches for, as the order cache and the identity items name it. */
const identityKeyOf = (message: IncomingMessage) => `buyer:${message.channel}:${message.shopper.id}`;

/**
 * R4: the keys to link to the shopper's vouched identity when this message proved an order theirs by naming its
 * number with its checkout email or phone (Shopify's guest lookup): that order's email and phone, so their orders
 * are found without asking from now on. Nothing is linked from an email or phone typed without the order number,
 * nor from an order the identity already reached.
 */
function confirmedLink(message: IncomingMessage, loaded: Loaded, orders: ResolvedOrders): string[] {
  const order = orders.order;
  if (!loaded.namedOrder || order.kind !== "found") return [];
  if (loaded.context.shopperOrders.some((o) => o.id === order.order.id)) return [];
  if (loaded.entities.emails.length + loaded.entities.phones.length === 0) return [];
  const keys = new Set(shopperKeys(message.channel, message.shopper, message.market));
  return shopperLookupKeys(order.order).filter((k) => !keys.has(k));
}

/** What a turn starts from: the stored context and the conversation's state at this moment. */
interface Loaded {
  readonly conversationId: ConversationId;
  readonly entities: Entities;
  readonly namedOrder: string | null;
  readonly context: TurnContext;
  readonly previous: Conversation | null;
  readonly now: Date;
  readonly market: Market;
  readonly memory: Memory;
  readonly status: ConversationStatus;
}

/** What the message says: its language (and the locale to answer in) and what it asks for. */
interface Understood {
  readonly language: Language;
  readonly locale: string;
  readonly intent: Intent;
  readonly confidence: number;
  /** A picture or video: no words to read. */
  readonly wordless: boolean;
  /** What wins over the topic: a request for a person, frustration, sensitive matters (domain/signals.ts). */
  readonly signals: readonly Signal[];
  /** The message read against what the AI last asked (domain/dialogue.ts). */
  readonly reading: DialogueReading;
  /** The message answers the rating question (1–5): it is thanked, not answered as a question. */
  readonly rating?: number | undefined;
}

/** The order the message is about, as far as the shopper may be told, and whether they gave order details. */
interface ResolvedOrders {
  readonly order: OrderResolution;
  readonly gaveOrderDetails: boolean;
}

/** The policy's decision, and the facts about the conversation it was taken on. */
interface Decided {
  readonly decision: Decision;
  readonly firstReply: boolean;
  readonly shopperName: string | undefined;
}

/** Everything the turn will write, before anything is written. */
interface Planned {
  readonly turn: Turn;
  readonly next: Conversation;
  /** The handoff packet to queue first, when the turn escalates. */
  readonly packet: HandoffPacket | null;
  readonly expiresAt: number | undefined;
  /** The conversation as read before the turn (null: none yet), so the store writes only what it must. */
  readonly previous: Conversation | null;
}

/** Reads everything the message needs in one go, or returns the answer already given to this message id. */
async function loadContext(
  deps: MessageDeps,
  message: IncomingMessage,
): Promise<Loaded | { readonly repeat: MessageResult }> {
  const conversationId = conversationIdFor(message.shopId, message.channel, message.threadId);
  // Phone numbers are read in the market's country, so local formats ("0812-3456-7890") match the order's.
  const entities = extractEntities(message.text, message.market);
  const namedOrder = entities.orderNames[0] ?? null;
  const context = await deps.conversations.loadTurnContext({
    shopId: message.shopId,
    conversationId,
    messageId: message.messageId,
    orderName: namedOrder,
    // Only the identity the channel vouches for: an email or phone typed in the message lists no orders (docs/api.md).
    shopperKeys: shopperKeys(message.channel, message.shopper, message.market),
    identityKey: identityKeyOf(message),
  });
  // A repeat of a message we already handled gets the first answer and changes nothing.
  if (context.existingTurn) return { repeat: resultOf(sameMessage(context.existingTurn, message)) };
  const interrupted = context.conversation?.lastTurn;
  if (interrupted && interrupted.messageId === message.messageId) {
    sameMessage(interrupted, message);
    await deps.conversations.putTurn(interrupted, context.conversation?.expiresAt);
    return { repeat: resultOf(interrupted) };
  }
  const now = deps.clock.now();
  const previous = context.conversation;
  const marketCode = previous?.market ?? message.market;
  const memory = previous?.memory ?? INITIAL_MEMORY;
  // Staff answering in the marketplace app pause the AI like a person holding the conversation.
  const paused = previous?.pausedUntil !== undefined && previous.pausedUntil > now.toISOString();
  const loaded = {
    conversationId,
    entities,
    namedOrder,
    context,
    previous,
    now,
    market: marketWith(marketCode, message.marketOverrides?.[marketCode]),
    memory,
    status: paused ? ("human" as const) : (previous?.status ?? "ai"),
  };
  // "The one from last week, 63077" answers our "which order?": a number only the question makes an order number.
  const asked = orderNumberAskedFor(message.text, entities, memory);
  if (!asked) return loaded;
  return {
    ...loaded,
    entities: { ...entities, orderNames: [asked] },
    namedOrder: asked,
    context: { ...context, orderByName: await deps.orders.getOrder(message.shopId, asked) },
  };
}

/**
 * Detects the message's language (the conversation's, for a picture), reads it as the answer to what we asked, detects
 * the signals that win, and only then takes the classifier's topic.
 */
function understand(deps: MessageDeps, message: IncomingMessage, loaded: Loaded): Understood {
  const { market, memory } = loaded;
  const hint = memory.language ?? localeHint(message.shopper.locale);
  // A picture, video, voice note or location has no words to read: the conversation's language and no intent.
  const wordless =
    message.media === "image" ||
    message.media === "video" ||
    message.media === "audio" ||
    message.media === "location";
  const { language } = wordless
    ? { language: hint ?? market.languages[0] }
    : deps.understanding.detectLanguage(message.text, market, hint);
  if (wordless)
    return {
      language,
      locale: localeFor(language, market.code),
      intent: "unknown",
      confidence: 0,
      wordless,
      signals: [],
      reading: NO_READING,
    };
  const reading = readMessage(message.text, loaded.entities, memory);
  const classified = deps.understanding.classify(message.text);
  const signals = detectSignals(message.text, classified.intent);
  const topic = topicOf({ classified, reading, memory, signals });
  const { intent, confidence } = loaded.entities.orderNames.length > 0 ? aboutTheNamedOrder(topic) : topic;
  return {
    language,
    locale: localeFor(language, market.code),
    intent,
    confidence,
    wordless,
    signals,
    reading,
  };
}

/**
 * A message that names one of the shop's orders asks about that order, not about the shop's rules in general:
 * "where is #1001?" is never a store question, and a return or payment question about it is that order's.
 */
const ORDER_TOPIC_OF: Partial<Record<Intent, Intent>> = {
  store_info: "order_status",
  shipping_info: "order_status",
  return_policy: "refund_return",
  payment_methods: "payment_issue",
};
function aboutTheNamedOrder(topic: { intent: Intent; confidence: number }) {
  const intent = ORDER_TOPIC_OF[topic.intent];
  return intent ? { intent, confidence: topic.confidence } : topic;
}

/** Finds the order the message is about (named, remembered or the shopper's own), never another shopper's. */
async function resolveOrders(
  deps: MessageDeps,
  message: IncomingMessage,
  loaded: Loaded,
  understood: Understood,
): Promise<ResolvedOrders> {
  const { memory, entities, market } = loaded;
  // The checkout email or phone we asked for, given on its own: it goes with the order number we asked it for.
  const pendingOrder = loaded.namedOrder ? null : pendingOrderAnswered(understood.reading, entities, memory);
  const namedOrder = loaded.namedOrder ?? pendingOrder;
  const context = pendingOrder
    ? { ...loaded.context, orderByName: await deps.orders.getOrder(message.shopId, pendingOrder) }
    : loaded.context;
  const rememberedOrder =
    !namedOrder && memory.orderName
      ? (context.shopperOrders.find((o) => orderKey(o.name) === orderKey(memory.orderName as string)) ??
        (await deps.orders.getOrder(message.shopId, memory.orderName)))
      : null;
  const gaveOrderDetails = entities.orderNames.length + entities.emails.length + entities.phones.length > 0;
  const fetched = await fetchOnCacheMiss(deps, message, {
    namedOrder,
    // A bare order number (a marketplace's order card) is an order question too.
    intent: effectiveIntent({ intent: understood.intent, memory, gaveOrderDetails }),
    remembered: rememberedOrder !== null,
    context,
  });
  const order = resolveOrder({
    namedOrder,
    orderByName: fetched.orderByName,
    shopperOrders: fetched.shopperOrders,
    shopper: message.shopper,
    claimedEmails: entities.emails,
    claimedPhones: entities.phones,
    region: market.code,
    intent: effectiveIntent({ intent: understood.intent, memory, gaveOrderDetails }),
    rememberedOrder,
    channel: message.channel,
  });
  return { order, gaveOrderDetails };
}

/** Lets the policy decide: reply, escalate (with its reason) or stay silent. */
function decidePolicy(
  message: IncomingMessage,
  loaded: Loaded,
  understood: Understood,
  orders: ResolvedOrders,
): Decided {
  const { previous } = loaded;
  const firstReply = !previous?.recent.some((entry) => entry.role === "ai");
  const shopperName = message.shopper.name ?? previous?.shopper.name;
  if (understood.rating)
    return {
      decision: { kind: "reply", lines: [{ key: "rating.thanks" }], memory: loaded.memory },
      firstReply,
      shopperName,
    };
  const decision = decide({
    status: loaded.status,
    memory: loaded.memory,
    language: understood.language,
    intent: understood.intent,
    gaveOrderDetails: orders.gaveOrderDetails,
    order: orders.order,
    shopperName,
    posture: loaded.market.posture,
    firstReply,
    media: understood.wordless,
    signals: understood.signals,
    answer: understood.reading.yesNo,
  });
  return { decision, firstReply, shopperName };
}

/**
 * The action stage (domain/action-turn.ts): a request to cancel, change the address or return, or the shopper's yes
 * or no to a proposal, replaces the policy's decision; null leaves the turn to the policy.
 */
async function decideAction(
  deps: MessageDeps,
  message: IncomingMessage,
  loaded: Loaded,
  understood: Understood,
  orders: ResolvedOrders,
  decided: Decided,
): Promise<ActionTurn | null> {
  if (understood.rating || understood.wordless) return null;
  let order = orders.order;
  // The address we asked for may hold digits read as an order number: the order is the one we asked it for.
  const remembered = loaded.memory.orderName;
  if (loaded.memory.awaiting === "address" && order.kind !== "found" && remembered) {
    const found =
      loaded.context.shopperOrders.find((o) => orderKey(o.name) === orderKey(remembered)) ??
      (await deps.orders.getOrder(message.shopId, remembered));
    if (found) order = { kind: "found", order: found };
  }
  return actOnOrder(deps, {
    shopId: message.shopId,
    conversationId: loaded.conversationId,
    messageId: message.messageId,
    market: loaded.market,
    language: understood.language,
    locale: understood.locale,
    intent: understood.intent,
    signals: understood.signals,
    yesNo: understood.reading.yesNo,
    memory: loaded.memory,
    order,
    text: message.text,
    settings: message.actions,
    now: loaded.now,
    policy: decided.decision,
    expiresAt: message.retentionDays
      ? Math.floor(loaded.now.getTime() / 1000) + message.retentionDays * 86_400
      : undefined,
  });
}

/**
 * Store questions (shipping, payment methods, returns, the shop, products) answered from the shop's own knowledge,
 * naming the sources (R3); with no source that answers, one clarifying question, then a person (R5). Posture holds:
 * in cautious markets the answer is the AI's draft for a person. Null leaves the turn to the policy's decision.
 */
async function answerFromStore(
  deps: MessageDeps,
  message: IncomingMessage,
  loaded: Loaded,
  understood: Understood,
  decided: Decided,
): Promise<Composed | null> {
  const decision = decided.decision;
  if (!deps.knowledge || decision.kind !== "escalate" || decision.reason !== "action_required") return null;
  if (!STORE_INTENTS.has(understood.intent) || understood.signals.length > 0) return null;
  const request = {
    question: message.text,
    market: loaded.market.code,
    language: understood.language,
    locale: understood.locale,
    intent: understood.intent,
  };
  const memory = decision.memory;
  // With a model, it writes the answer from the passages in this turn's one call; a rejected answer falls back to ours.
  const found = await answerStoreQuestion(
    { knowledge: deps.knowledge, translator: deps.translator, model: deps.model, metrics: deps.metrics },
    { id: message.shopId, knowledgeVersion: message.knowledgeVersion },
    {
      request,
      market: loaded.market,
      memory,
      shopperName: decided.shopperName,
      transcript: loaded.previous?.recent ?? [],
      firstReply: decided.firstReply,
    },
  );
  if (found.kind === "model") return found.composed;
  const answer = found.kind === "embedded" ? found.answer : { answered: false, text: "", sources: [] };
  const base = { engine: "embedded", intent: understood.intent, confidence: understood.confidence } as const;
  if (!answer.answered) {
    // R5: a second store question nothing answers goes to a person; the first gets one clarifying question.
    if (loaded.memory.misunderstandings >= 1) return { ...base, decision, sources: [] };
    return {
      ...base,
      decision: {
        kind: "reply",
        lines: [{ key: "clarify" }],
        memory: {
          ...memory,
          misunderstandings: loaded.memory.misunderstandings + 1,
          lastIntent: understood.intent,
        },
      },
      sources: [],
    };
  }
  const replied: Decision = {
    kind: "reply",
    lines: [{ text: answer.text, statusAnswer: false }],
    memory: { ...memory, misunderstandings: 0, lastIntent: understood.intent },
  };
  return {
    ...base,
    decision: applyPosture(replied, { posture: loaded.market.posture, firstReply: decided.firstReply }),
    sources: answer.sources,
  };
}

/** A proposal the shopper answered with something else is superseded: it is left to expire, out of the memory. */
function withoutProposal(decided: Decided): Decided {
  const decision = decided.decision;
  if (decision.kind === "held" || !decision.memory.action) return decided;
  return { ...decided, decision: { ...decision, memory: { ...decision.memory, action: undefined } } };
}

/** Lets a configured model write the decided reply, the policy re-applied to its answer. */
function composeReply(
  deps: MessageDeps,
  message: IncomingMessage,
  loaded: Loaded,
  understood: Understood,
  orders: ResolvedOrders,
  decided: Decided,
): Promise<Composed> {
  const { order } = orders;
  // Thanks for a rating is ours to say: no model rewrites it.
  if (understood.rating)
    return Promise.resolve({
      decision: decided.decision,
      engine: "embedded",
      intent: "thanks",
      confidence: 1,
    });
  return compose(deps.model, deps.translator, {
    decision: decided.decision,
    intent: understood.intent,
    confidence: understood.confidence,
    market: loaded.market,
    language: understood.language,
    locale: understood.locale,
    shopperName: decided.shopperName,
    orders: order.kind === "found" ? [order.order] : order.kind === "several" ? order.orders : [],
    transcript: loaded.previous?.recent ?? [],
    message: message.text,
    firstReply: decided.firstReply,
    dialogue: {
      awaiting: loaded.memory.awaiting ?? null,
      pendingIntent: loaded.memory.pendingIntent ?? null,
      pendingOrder: loaded.memory.pendingOrder ?? null,
      answered: understood.reading.answers,
    },
    signals: understood.signals,
  });
}

/** Renders the reply and builds the turn, the conversation after it and any handoff packet; writes nothing. */
function planTurn(
  deps: MessageDeps,
  message: IncomingMessage,
  loaded: Loaded,
  understood: Understood,
  orders: ResolvedOrders,
  composed: Composed,
  action: Action | null = null,
): Planned {
  const { conversationId, market, now, previous } = loaded;
  const { language, locale } = understood;
  const decision = composed.decision;
  // A channel clock ahead of ours must not reorder the transcript or pin the conversation on top: a future sentAt is now.
  const receivedAt =
    message.sentAt && Date.parse(message.sentAt) < now.getTime() ? message.sentAt : now.toISOString();
  const base: Conversation = previous ?? {
    shopId: message.shopId,
    id: conversationId,
    channel: message.channel,
    threadId: message.threadId,
    market: market.code,
    shopper: message.shopper,
    status: "ai",
    memory: INITIAL_MEMORY,
    escalationId: null,
    createdAt: now.toISOString(),
    lastMessageAt: receivedAt,
    recent: [],
    lastTurn: null,
  };
  // The intent and the orders quoted travel with the transcript, for the inbox's summary and order panel.
  // A burst keeps each of its messages in the transcript, at the time the channel gives (never after receipt).
  const parts = message.parts?.map((part) => ({
    ...part,
    at: part.at.localeCompare(receivedAt) < 0 ? part.at : receivedAt,
  }));
  const shopperEntries: TranscriptEntry[] = parts?.length
    ? parts.map((part) => ({
        role: "shopper" as const,
        text: part.text,
        at: part.at,
        intent: composed.intent,
      }))
    : [{ role: "shopper", text: message.text, at: receivedAt, intent: composed.intent }];

  let outcome: TurnOutcome;
  let next: Conversation;
  let packet: HandoffPacket | null = null;
  if (decision.kind === "held") {
    outcome = { kind: "held" };
    next = {
      ...base,
      shopper: { ...base.shopper, ...message.shopper },
      lastMessageAt: receivedAt,
      recent: keepRecent(base.recent, shopperEntries),
    };
  } else {
    const escalating = decision.kind === "escalate";
    // R10: at the end of an AI conversation (the shopper thanks us), one rating question where the channel allows it.
    const askRating =
      decision.kind === "reply" &&
      composed.intent === "thanks" &&
      !understood.rating &&
      loaded.status === "ai" &&
      mayAskRating(previous, deps.ratingsAllowed?.(message.channel) ?? false);
    const lines = askRating ? [...decision.lines, { key: "rating.ask" }] : decision.lines;
    const body = renderLines(deps.translator, lines, {
      locale,
      market,
      eta: escalating ? availability(market, now) : undefined,
    });
    const text = withDisclosure(deps.translator, locale, body, {
      personOffered: offersPerson(decision.lines),
    });
    const quoted = ordersQuotedIn(text, orders.order);
    // R3: why the AI said it — what it rested on (the orders it described), which engine, model and prompt wrote it.
    const sources: Source[] = [
      ...(composed.sources ?? []),
      ...quoted.map((name) => ({ type: "order" as const, id: name })),
    ];
    const byModel = composed.engine === "openai";
    const miss = missOf(decision, composed.intent, sources);
    const reply: Reply = {
      text,
      language,
      intent: composed.intent,
      confidence: composed.confidence,
      engine: composed.engine,
      aiGenerated: true,
      // R3: what won over the topic, for the oversight pages.
      signals: understood.signals,
      model: byModel ? (deps.model?.name ?? null) : null,
      promptVersion: byModel ? (deps.model?.promptVersion ?? null) : null,
      sources,
      ...(miss ? { miss } : {}),
      ...(action ? { action: actionRef(action) } : {}),
    };
    const aiEntry: TranscriptEntry = {
      role: "ai",
      text: reply.text,
      at: now.toISOString(),
      orders: quoted,
    };
    const recent = keepRecent(base.recent, [...shopperEntries, aiEntry]);
    const updated: Conversation = {
      ...base,
      shopper: { ...base.shopper, ...message.shopper },
      memory: decision.memory,
      lastMessageAt: receivedAt,
      recent,
      status: escalating ? "pending_human" : "ai",
      ...(askRating ? { ratingAsked: { at: now.toISOString(), by: "ai" as const } } : {}),
      ...(understood.rating
        ? { rating: { score: understood.rating, at: now.toISOString(), by: ratedBy(previous) } }
        : {}),
    };
    if (decision.kind === "escalate") {
      const escalationId = escalationIdFor(conversationId, message.messageId);
      packet = buildHandoffPacket(deps.translator, {
        escalationId,
        conversation: updated,
        market,
        language,
        intent: composed.intent,
        reason: decision.reason,
        order: orders.order.kind === "found" ? orders.order.order : null,
        draft: decision.draft ? renderLines(deps.translator, decision.draft, { locale, market }) : null,
        transcript: recent,
        now,
        replyDeadlineMinutes: deps.replyDeadlineMinutes?.(message.channel) ?? null,
        action,
      });
      const escalation: EscalationRef = {
        id: escalationId,
        region: market.region,
        reason: decision.reason,
        status: "pending",
      };
      outcome = { kind: "escalated", reply, memory: decision.memory, escalation };
      next = { ...updated, escalationId };
    } else {
      outcome = { kind: "replied", reply, memory: decision.memory };
      next = updated;
    }
  }

  const turn: Turn = {
    shopId: message.shopId,
    conversationId,
    messageId: message.messageId,
    channel: message.channel,
    threadId: message.threadId,
    market: market.code,
    shopper: message.shopper,
    text: message.text,
    receivedAt,
    repliedAt: now.toISOString(),
    statusAfter: next.status,
    outcome,
    ...(parts?.length ? { parts } : {}),
  };
  const expiresAt = message.retentionDays
    ? Math.floor(Date.parse(next.lastMessageAt) / 1000) + message.retentionDays * 86_400
    : undefined;
  return { turn, next: { ...next, lastTurn: turn, expiresAt }, packet, expiresAt, previous };
}

/** Queues the handoff packet first, then updates the conversation, then stores the turn (the commit point). */
async function persistTurn(
  deps: MessageDeps,
  message: IncomingMessage,
  { turn, next, packet, expiresAt, previous }: Planned,
): Promise<MessageResult> {
  // Sent before anything is written: if the queue is down the request fails and nothing is half-stored.
  if (packet) await deps.escalations.send(packet);
  await deps.conversations.applyTurn(turn, next, previous);
  if (turn.outcome.kind !== "held")
    deps.metrics?.count("AiReplies", { market: turn.market, engine: turn.outcome.reply.engine });
  // The turn is written last: its existence means every step before it is done.
  const stored = await deps.conversations.putTurn(turn, expiresAt);
  if (!stored) {
    const again = await deps.conversations.loadTurnContext({
      shopId: message.shopId,
      conversationId: turn.conversationId,
      messageId: message.messageId,
      orderName: null,
      shopperKeys: [],
    });
    if (again.existingTurn) return resultOf(sameMessage(again.existingTurn, message));
  }
  return resultOf(turn);
}

/**
 * Reads the message as the answer to the rating question, when one is open (or the integrator sent a rating): a
 * score the shopper gives is thanked and stored once; anything else is an ordinary message.
 */
function readRatingAnswer(message: IncomingMessage, loaded: Loaded, understood: Understood): Understood {
  if (loaded.status !== "ai" && loaded.status !== "resolved") return understood;
  const given =
    message.rating ?? (ratingOpen(loaded.previous) ? parseRating(message.text, understood.language) : null);
  return given && !loaded.previous?.rating ? { ...understood, rating: given } : understood;
}

/** The stored turn of a repeated message id; a different text under the same id is a client bug (docs/api.md: 409). */
function sameMessage(turn: Turn, message: IncomingMessage): Turn {
  if (message.rejectReusedId && turn.text !== message.text)
    throw new AppError(
      "message_id_reused",
      `messageId "${message.messageId}" was already used for a different text in this conversation; give each message its own id.`,
      { field: "messageId" },
    );
  return turn;
}

export function resultOf(turn: Turn): MessageResult {
  const outcome = turn.outcome;
  return {
    conversationId: turn.conversationId,
    status: turn.statusAfter,
    reply: outcome.kind === "held" ? null : outcome.reply,
    escalation: outcome.kind === "escalated" ? outcome.escalation : null,
  };
}

/**
 * R4: an order the cache does not hold yet is looked up at the shop (Shopify) by the number the shopper gave, or by
 * the email the channel vouches for, and cached, so the shopper is never asked for what the shop already knows. Only
 * for order questions, only where the seller allows it, and a failure there leaves the answer to what the cache knows.
 * An email typed in the message is never looked up: it would list someone else's orders.
 */
async function fetchOnCacheMiss(
  deps: MessageDeps,
  message: IncomingMessage,
  input: {
    namedOrder: string | null;
    intent: string;
    remembered: boolean;
    context: TurnContext;
  },
): Promise<Pick<TurnContext, "orderByName" | "shopperOrders">> {
  const { context } = input;
  const lookup = deps.orderLookup;
  if (!lookup || message.orderLookup === "cache_only" || !ORDER_INTENTS.has(input.intent as never))
    return context;
  if (input.namedOrder && !context.orderByName) {
    return {
      ...context,
      orderByName: await lookup.byName(message.shopId, input.namedOrder, message.channel),
    };
  }
  const email = message.shopper.email;
  if (!input.namedOrder && !input.remembered && context.shopperOrders.length === 0 && email) {
    return { ...context, shopperOrders: await lookup.byEmail(message.shopId, email) };
  }
  return context;
}

/** R7: a person answers within the market's target while the team is at work; otherwise say when it opens. */
function availability(market: Market, now: Date) {
  return isOpen(market.businessHours, market.timeZone, now)
    ? { minutes: market.firstResponseMinutes }
    : { opensAt: nextOpening(market.businessHours, market.timeZone, now) };
}

function keepRecent(
  recent: readonly TranscriptEntry[],
  added: readonly TranscriptEntry[],
): TranscriptEntry[] {
  return [...recent, ...added].slice(-RECENT);
}

/** The language a shopper's locale names (tl-PH → fil, zh-TW → zh-Hant), by the language catalogue. */
function localeHint(locale: string | undefined): Language | undefined {
  return locale ? languageOfTag(locale) : undefined;
}
