/**
 * Oversight of the AI (R3) and what it teaches the seller: agents list and read the conversations the AI is handling
 * in their regions and shops, take any of them over (the escalation state machine and audit trail of a claimed
 * escalation, recorded as an agent-initiated takeover), and flag wrong answers; sellers see what the AI could not
 * answer, grouped by topic and language.
 */
import { type Agent, type AgentActionDeps, transition } from "./agent-actions";
import type { Conversation, Message, MissKind } from "./conversation";
import { AppError, notFound } from "./errors";
import { applyTransition, type Escalation } from "./escalation";
import { buildHandoffPacket } from "./handoff";
import { escalationIdFor } from "./identifiers";
import type { ConversationId, EscalationId, ShopId } from "./ids";
import type { Intent } from "./intent";
import type { Language } from "./languages";
import { localeFor } from "./languages";
import { MARKET_CODES, type Market, type MarketCode, marketWith, type Region } from "./markets";
import type {
  AnswerFlag,
  LocaleText,
  Miss,
  OrderReader,
  OversightStore,
  Page,
  PageRequest,
  ShopRecord,
  ShopStore,
} from "./ports";

export interface OversightDeps extends AgentActionDeps {
  readonly oversight: OversightStore;
  readonly shops: Pick<ShopStore, "get" | "listShopIds">;
  readonly orders: OrderReader;
  readonly translator: LocaleText;
}

/** The market as the shop runs it: its own region, posture and hours over the defaults. */
const marketOf = (shop: ShopRecord | null, code: MarketCode): Market =>
  marketWith(code, shop?.marketOverrides?.[code]);

/** The shop's markets whose agent region is one of `regions` (a seller may move a market to another team). */
export const marketsInRegions = (shop: ShopRecord | null, regions: readonly Region[]): MarketCode[] =>
  MARKET_CODES.filter((code) => regions.includes(marketOf(shop, code).region));

const shopsOf = async (deps: Pick<OversightDeps, "shops">, agent: Agent): Promise<readonly ShopId[]> =>
  agent.shops === "*" ? deps.shops.listShopIds() : agent.shops;

export interface LiveQuery {
  readonly region?: Region | undefined;
  readonly market?: MarketCode | undefined;
  readonly language?: Language | undefined;
  readonly channel?: string | undefined;
}

/** A live conversation with the agent region that serves it (the shop's own, where the seller moved the market). */
export interface LiveConversation {
  readonly conversation: Conversation;
  readonly region: Region;
}

/** The conversations the AI is handling in the agent's regions and shops, newest activity first. */
export async function listLive(
  deps: Pick<OversightDeps, "oversight" | "shops">,
  agent: Agent,
  query: LiveQuery,
  page: PageRequest,
): Promise<Page<LiveConversation>> {
  // A region outside the agent's claims is answered as if it did not exist.
  if (query.region && !agent.regions.includes(query.region)) throw notFound("Region");
  const regions = query.region ? [query.region] : agent.regions;
  const shopIds = await shopsOf(deps, agent);
  const records = new Map(
    await Promise.all(shopIds.map(async (id) => [id, await deps.shops.get(id)] as const)),
  );
  const shops = shopIds.map((shopId) => {
    const markets = marketsInRegions(records.get(shopId) ?? null, regions);
    return { shopId, markets: query.market ? markets.filter((m) => m === query.market) : markets };
  });
  const found = await deps.oversight.listLive(
    {
      shops: shops.filter((s) => s.markets.length > 0),
      language: query.language,
      channel: query.channel,
    },
    page,
  );
  return {
    items: found.items.map((conversation) => ({
      conversation,
      region: marketOf(records.get(conversation.shopId) ?? null, conversation.market).region,
    })),
    nextCursor: found.nextCursor,
  };
}

/** A conversation the agent may see (their shops, a market of their regions); any other is "not found". */
export async function findConversationForAgent(
  deps: Pick<OversightDeps, "oversight" | "shops">,
  agent: Agent,
  id: ConversationId,
): Promise<{ conversation: Conversation; market: Market }> {
  const conversation = await deps.oversight.find(await shopsOf(deps, agent), id);
  if (!conversation) throw notFound("Conversation");
  const market = marketOf(await deps.shops.get(conversation.shopId), conversation.market);
  if (!agent.regions.includes(market.region)) throw notFound("Conversation");
  return { conversation, market };
}

/**
 * Takes a conversation over from the AI: an escalation (reason `agent_takeover`) recorded and claimed by the agent,
 * the conversation given to a person, the takeover in the audit trail, and the shopper told in their language that
 * a person has joined. Each step is a conditional or keyed write, so a retried takeover finishes the first one.
 */
export async function takeOver(deps: OversightDeps, agent: Agent, id: ConversationId): Promise<Escalation> {
  const { conversation, market } = await findConversationForAgent(deps, agent, id);
  const at = deps.clock.now().toISOString();
  const held = conversation.escalationId
    ? await deps.inbox.find([conversation.shopId], conversation.escalationId)
    : null;
  // This agent's own takeover, interrupted or repeated: finish it rather than refuse it.
  const repeat =
    held?.reason === "agent_takeover" &&
    held.status !== "resolved" &&
    (held.claimedBy ?? agent.id) === agent.id;
  let escalationId: EscalationId;
  if (repeat && held) {
    escalationId = held.escalationId;
  } else {
    if (conversation.status !== "ai" && conversation.status !== "resolved")
      throw new AppError(
        "conflict",
        "A person already holds this conversation; open its escalation instead.",
        {
          status: conversation.status,
          escalationId: conversation.escalationId,
        },
      );
    escalationId = escalationIdFor(
      conversation.id,
      `takeover:${agent.id}:${conversation.lastTurn?.messageId ?? conversation.lastMessageAt}`,
    );
    await deps.inbox.record(await takeoverPacket(deps, conversation, market, escalationId));
    if (!(await deps.oversight.takeOver(conversation, escalationId))) {
      // Someone escalated or took it first: the record just made must not wait in the region's queue.
      const orphan = await deps.inbox.find([conversation.shopId], escalationId);
      if (orphan?.status === "pending")
        await deps.inbox.replace(orphan, applyTransition(orphan, { kind: "release", agentId: agent.id, at }));
      throw new AppError("conflict", "The conversation changed while we took it over; reload and try again.");
    }
  }
  const claimed = await transition(deps, agent, escalationId, { kind: "claim", agentId: agent.id, at });
  await deps.conversations.addEvent(conversation.shopId, conversation.id, {
    escalationId,
    kind: "taken_over",
    agentId: agent.id,
    agentName: agent.name || undefined,
    at,
  });
  await tellShopperPersonJoined(deps, conversation, escalationId, at);
  return claimed;
}

async function takeoverPacket(
  deps: OversightDeps,
  conversation: Conversation,
  market: Market,
  escalationId: EscalationId,
) {
  const { memory } = conversation;
  const order = memory.orderName ? await deps.orders.getOrder(conversation.shopId, memory.orderName) : null;
  return buildHandoffPacket(deps.translator, {
    escalationId,
    conversation: { ...conversation, escalationId },
    market,
    language: memory.language ?? market.languages[0],
    intent: memory.lastIntent ?? "unknown",
    reason: "agent_takeover",
    order,
    draft: null,
    transcript: conversation.recent,
    now: deps.clock.now(),
  });
}

/** "A person has joined", in the shopper's language, stored once and sent through the conversation's channel. */
async function tellShopperPersonJoined(
  deps: OversightDeps,
  conversation: Conversation,
  escalationId: EscalationId,
  at: string,
) {
  const language = conversation.memory.language;
  const locale = language ? localeFor(language, conversation.market) : "en";
  const message: Message = {
    id: `joined:${escalationId}`,
    role: "system",
    text: deps.translator.t(locale, "shopper:person_joined"),
    at,
    ...(language ? { language } : {}),
  };
  const stored = await deps.conversations.addAgentMessage(conversation.shopId, conversation.id, {
    ...message,
    agentId: "system",
  });
  if (stored) await deps.channels.deliver(conversation, message);
}

/** An agent marks an AI answer as wrong, with a note; the seller sees it with the question it answered. */
export async function flagAnswer(
  deps: OversightDeps,
  agent: Agent,
  id: ConversationId,
  input: { messageId: string; note: string },
): Promise<AnswerFlag> {
  const { conversation } = await findConversationForAgent(deps, agent, id);
  const found = await deps.conversations.getConversation(conversation.shopId, conversation.id);
  const messages = found?.messages ?? [];
  const index = messages.findIndex((m) => m.id === input.messageId && m.role === "ai");
  const answer = messages[index];
  if (!answer) throw notFound("AI message");
  const question = messages.slice(0, index).findLast((m) => m.role === "shopper");
  const flag: AnswerFlag = {
    shopId: conversation.shopId,
    conversationId: conversation.id,
    messageId: answer.id,
    market: conversation.market,
    language: answer.language ?? conversation.memory.language ?? null,
    answer: answer.text,
    question: question?.text ?? null,
    note: input.note,
    agentId: agent.id,
    agentName: agent.name || agent.id,
    at: deps.clock.now().toISOString(),
  };
  await deps.oversight.flag(flag, conversation.expiresAt);
  return flag;
}

/** One line of the unanswered-questions report: a topic in a language, how often, why, and a few examples. */
export interface UnansweredGroup {
  readonly topic: Intent;
  readonly language: Language;
  readonly count: number;
  readonly kinds: Partial<Record<MissKind, number>>;
  /** A few distinct questions as shoppers asked them, the latest first. */
  readonly examples: readonly string[];
}

const EXAMPLES = 3;

/** The misses grouped by topic and language, the largest groups first. */
export function groupUnanswered(misses: readonly Miss[]): UnansweredGroup[] {
  const groups = new Map<string, { topic: Intent; language: Language; misses: Miss[] }>();
  for (const miss of misses) {
    const key = `${miss.topic}\u0000${miss.language}`;
    const group = groups.get(key) ?? { topic: miss.topic, language: miss.language, misses: [] };
    group.misses.push(miss);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ topic, language, misses: list }) => {
      const kinds: Partial<Record<MissKind, number>> = {};
      for (const m of list) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
      const latest = [...list].sort((a, b) => b.at.localeCompare(a.at));
      const examples = [...new Set(latest.map((m) => m.question.trim()))].slice(0, EXAMPLES);
      return { topic, language, count: list.length, kinds, examples };
    })
    .sort(
      (a, b) => b.count - a.count || a.topic.localeCompare(b.topic) || a.language.localeCompare(b.language),
    );
}

/** What the AI last decided in a conversation, for the live list (R3). */
export interface LatestDecision {
  readonly kind: "replied" | "escalated" | "held";
  readonly intent: Intent | null;
  readonly confidence: number | null;
  readonly engine: "embedded" | "openai" | null;
  readonly reason: string | null;
  readonly at: string;
}

export function latestDecision(conversation: Conversation): LatestDecision | null {
  const turn = conversation.lastTurn;
  if (!turn) return null;
  const outcome = turn.outcome;
  if (outcome.kind === "held")
    return { kind: "held", intent: null, confidence: null, engine: null, reason: null, at: turn.repliedAt };
  return {
    kind: outcome.kind,
    intent: outcome.reply.intent,
    confidence: outcome.reply.confidence,
    engine: outcome.reply.engine,
    reason: outcome.kind === "escalated" ? outcome.escalation.reason : null,
    at: turn.repliedAt,
  };
}
