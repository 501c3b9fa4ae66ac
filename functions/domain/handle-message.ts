/** The reply pipeline for one shopper message: idempotent on the channel's message id, safe to retry after any failure. */
import { renderLines, withDisclosure } from "./render";
import { extractEntities } from "./extract";
import {
  type Conversation,
  INITIAL_MEMORY,
  type Reply,
  type Shopper,
  type TranscriptEntry,
} from "./conversation";
import { AppError } from "./errors";
import { buildHandoffPacket, ordersQuotedIn } from "./handoff";
import { conversationIdFor, escalationIdFor } from "./identifiers";
import type { ConversationId, ShopId } from "./ids";
import { isLanguage, type Language, localeFor } from "./language";
import { isOpen, nextOpening } from "./business-hours";
import { type Market, type MarketCode, type MarketOverride, marketWith } from "./markets";
import { ORDER_INTENTS } from "./intent";
import { orderKey } from "./order";
import { resolveOrder, shopperKeys } from "./order-resolution";
import { compose } from "./compose";
import { decide, effectiveIntent, offersPerson } from "./policy";
import type { ReplyModel } from "./model";
import type {
  Clock,
  ConversationStore,
  EscalationQueue,
  Metrics,
  OrderLookup,
  OrderReader,
  Translator,
  TurnContext,
  Understanding,
} from "./ports";
import type { EscalationRef, Turn, TurnOutcome } from "./conversation";

export interface MessageDeps {
  readonly conversations: ConversationStore;
  readonly orders: OrderReader;
  readonly escalations: EscalationQueue;
  readonly understanding: Understanding;
  readonly translator: Translator;
  readonly clock: Clock;
  /** An LLM that writes replies, when one is configured; the embedded engine otherwise and as fallback. */
  readonly model?: ReplyModel | undefined;
  readonly metrics?: Metrics | undefined;
  /** The shop's own order system, for orders the cache does not hold yet. */
  readonly orderLookup?: OrderLookup | undefined;
}

export interface IncomingMessage {
  readonly shopId: ShopId;
  readonly channel: string;
  readonly threadId: string;
  readonly messageId: string;
  readonly market: MarketCode;
  /** A marketplace message that is not text: what it was. */
  readonly media?: "sticker" | "image" | "video" | "order" | "product" | null | undefined;
  /** The shop's retention period: the conversation expires this many days after its last message. */
  readonly retentionDays?: number | undefined;
  /** The seller's policy: look orders up at the shop on a cache miss (default) or answer from the cache only. */
  readonly orderLookup?: "cache_then_shopify" | "cache_only" | undefined;
  /** The shop's per-market settings (posture, region, hours), applied over the defaults. */
  readonly marketOverrides?: Partial<Record<MarketCode, MarketOverride>> | undefined;
  readonly shopper: Shopper;
  readonly text: string;
  readonly sentAt?: string | undefined;
  /** The same message id with another text is refused (409, the API's contract) rather than answered with the first result. */
  readonly rejectReusedId?: boolean | undefined;
}

export interface MessageResult {
  readonly conversationId: ConversationId;
  readonly status: Turn["statusAfter"];
  readonly reply: Reply | null;
  readonly escalation: EscalationRef | null;
}

/** How many recent messages the conversation keeps at hand for handoffs and model context. */
const RECENT = 12;

export async function handleShopperMessage(
  deps: MessageDeps,
  message: IncomingMessage,
): Promise<MessageResult> {
  const conversationId = conversationIdFor(message.shopId, message.channel, message.threadId);
  const entities = extractEntities(message.text);
  const namedOrder = entities.orderNames[0] ?? null;
  const context = await deps.conversations.loadTurnContext({
    shopId: message.shopId,
    conversationId,
    messageId: message.messageId,
    orderName: namedOrder,
    // Only the identity the channel vouches for: an email or phone typed in the message lists no orders (docs/api.md).
    shopperKeys: shopperKeys(message.channel, message.shopper, message.market),
  });
  // A repeat of a message we already handled gets the first answer and changes nothing.
  if (context.existingTurn) return resultOf(sameMessage(context.existingTurn, message));
  const interrupted = context.conversation?.lastTurn;
  if (interrupted && interrupted.messageId === message.messageId) {
    sameMessage(interrupted, message);
    await deps.conversations.putTurn(interrupted, context.conversation?.expiresAt);
    return resultOf(interrupted);
  }

  const now = deps.clock.now();
  const previous = context.conversation;
  const marketCode = previous?.market ?? message.market;
  const market = marketWith(marketCode, message.marketOverrides?.[marketCode]);
  const memory = previous?.memory ?? INITIAL_MEMORY;
  // Staff answering in the marketplace app pause the AI like a person holding the conversation.
  const paused = previous?.pausedUntil !== undefined && previous.pausedUntil > now.toISOString();
  const status = paused ? "human" : (previous?.status ?? "ai");

  const hint = memory.language ?? localeHint(message.shopper.locale);
  // A picture or video has no words to read: the conversation's language (or the market's) and no intent.
  const wordless = message.media === "image" || message.media === "video";
  const { language } = wordless
    ? { language: hint ?? market.languages[0] }
    : deps.understanding.detectLanguage(message.text, market, hint);
  const { intent, confidence } = wordless
    ? { intent: "unknown" as const, confidence: 0 }
    : deps.understanding.classify(message.text);

  const rememberedOrder =
    !namedOrder && memory.orderName
      ? (context.shopperOrders.find((o) => orderKey(o.name) === orderKey(memory.orderName as string)) ??
        (await deps.orders.getOrder(message.shopId, memory.orderName)))
      : null;
  const fetched = await fetchOnCacheMiss(deps, message, {
    namedOrder,
    intent,
    remembered: rememberedOrder !== null,
    context,
  });
  const gaveOrderDetails = entities.orderNames.length + entities.emails.length + entities.phones.length > 0;
  const order = resolveOrder({
    namedOrder,
    orderByName: fetched.orderByName,
    shopperOrders: fetched.shopperOrders,
    shopper: message.shopper,
    claimedEmails: entities.emails,
    claimedPhones: entities.phones,
    region: market.code,
    intent: effectiveIntent({ intent, memory, gaveOrderDetails }),
    rememberedOrder,
  });
  const firstReply = !previous?.recent.some((entry) => entry.role === "ai");
  const shopperName = message.shopper.name ?? previous?.shopper.name;
  const locale = localeFor(language, market.code);
  const policyDecision = decide({
    status,
    memory,
    language,
    intent,
    gaveOrderDetails,
    order,
    shopperName,
    posture: market.posture,
    firstReply,
    media: message.media === "image" || message.media === "video",
  });
  const composed = await compose(deps.model, deps.translator, {
    decision: policyDecision,
    intent,
    confidence,
    market,
    language,
    locale,
    shopperName,
    orders: order.kind === "found" ? [order.order] : order.kind === "several" ? order.orders : [],
    transcript: previous?.recent ?? [],
    message: message.text,
    firstReply,
  });
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
  const shopperEntry: TranscriptEntry = {
    role: "shopper",
    text: message.text,
    at: receivedAt,
    intent: composed.intent,
  };

  let outcome: TurnOutcome;
  let next: Conversation;
  if (decision.kind === "held") {
    outcome = { kind: "held" };
    next = {
      ...base,
      shopper: { ...base.shopper, ...message.shopper },
      lastMessageAt: receivedAt,
      recent: keepRecent(base.recent, [shopperEntry]),
    };
  } else {
    const escalating = decision.kind === "escalate";
    const body = renderLines(deps.translator, decision.lines, {
      locale,
      market,
      eta: escalating ? availability(market, now) : undefined,
    });
    const reply: Reply = {
      text: withDisclosure(deps.translator, locale, body, { personOffered: offersPerson(decision.lines) }),
      language,
      intent: composed.intent,
      confidence: composed.confidence,
      engine: composed.engine,
      aiGenerated: true,
    };
    const aiEntry: TranscriptEntry = {
      role: "ai",
      text: reply.text,
      at: now.toISOString(),
      orders: ordersQuotedIn(reply.text, order),
    };
    const recent = keepRecent(base.recent, [shopperEntry, aiEntry]);
    const updated: Conversation = {
      ...base,
      shopper: { ...base.shopper, ...message.shopper },
      memory: decision.memory,
      lastMessageAt: receivedAt,
      recent,
      status: escalating ? "pending_human" : "ai",
    };
    if (decision.kind === "escalate") {
      const escalationId = escalationIdFor(conversationId, message.messageId);
      const packet = buildHandoffPacket(deps.translator, {
        escalationId,
        conversation: updated,
        market,
        language,
        intent: composed.intent,
        reason: decision.reason,
        order: order.kind === "found" ? order.order : null,
        draft: decision.draft ? renderLines(deps.translator, decision.draft, { locale, market }) : null,
        transcript: recent,
        now,
      });
      // Sent before anything is written: if the queue is down the request fails and nothing is half-stored.
      await deps.escalations.send(packet);
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
  };
  const expiresAt = message.retentionDays
    ? Math.floor(Date.parse(next.lastMessageAt) / 1000) + message.retentionDays * 86_400
    : undefined;
  await deps.conversations.applyTurn(turn, { ...next, lastTurn: turn, expiresAt });
  if (outcome.kind !== "held")
    deps.metrics?.count("AiReplies", { market: market.code, engine: outcome.reply.engine });
  // The turn is written last: its existence means every step before it is done.
  const stored = await deps.conversations.putTurn(turn, expiresAt);
  if (!stored) {
    const again = await deps.conversations.loadTurnContext({
      shopId: message.shopId,
      conversationId,
      messageId: message.messageId,
      orderName: null,
      shopperKeys: [],
    });
    if (again.existingTurn) return resultOf(sameMessage(again.existingTurn, message));
  }
  return resultOf(turn);
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
    return { ...context, orderByName: await lookup.byName(message.shopId, input.namedOrder) };
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

function localeHint(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const [lang, script, region] = locale.split(/[-_]/);
  if (lang === "zh") {
    const traditional =
      script === "Hant" || ["TW", "HK", "MO"].includes((script ?? region ?? "").toUpperCase());
    return traditional ? "zh-Hant" : "zh-Hans";
  }
  if (lang === "tl") return "fil";
  return lang && isLanguage(lang) ? lang : undefined;
}
