/**
 * The agents' oversight API (R3): the conversations the AI is handling in their regions and shops, one with the why
 * of every AI message, taking one over, and flagging a wrong answer. Another region's or shop's conversation is 404.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { LOCALES } from "../../adapters/i18n/resources";
import type { Conversation } from "../../domain/conversation";
import { summaryOf } from "../../domain/handoff";
import { ConversationId } from "../../domain/ids";
import { INTENTS } from "../../domain/intent";
import { LANGUAGES } from "../../domain/language";
import { MARKET_CODES, REGIONS } from "../../domain/markets";
import {
  findConversationForAgent,
  flagAnswer,
  latestDecision,
  listLive,
  type OversightDeps,
  takeOver,
} from "../../domain/oversight";
import type { AgentClaims, AppEnv } from "../auth";
import {
  ConversationEventSchema,
  errorResponses,
  InboxItemSchema,
  listOf,
  MessageSchema,
  PageQuerySchema,
  ShopperSchema,
} from "../schemas";
import { inboxItem } from "./inbox";

const TranscriptLineSchema = z.object({
  role: z.enum(["shopper", "ai", "agent", "system"]),
  text: z.string(),
  at: z.string(),
});

const DecisionSchema = z
  .object({
    kind: z.enum(["replied", "escalated", "held"]),
    intent: z.enum([...INTENTS, "unknown"]).nullable(),
    confidence: z.number().nullable(),
    engine: z.enum(["embedded", "openai"]).nullable(),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .openapi("AiDecision");

const LiveConversationSchema = z
  .object({
    conversationId: z.string(),
    shopId: z.string(),
    channel: z.string(),
    market: z.string(),
    region: z.enum(REGIONS),
    language: z.enum(LANGUAGES).nullable(),
    status: z.string(),
    shopper: ShopperSchema,
    lastMessageAt: z.string(),
    /** The last few messages. */
    recent: z.array(TranscriptLineSchema),
    /** What the AI last decided. */
    decision: DecisionSchema.nullable(),
  })
  .openapi("LiveConversation");

const LiveDetailSchema = LiveConversationSchema.extend({
  escalationId: z.string().nullable(),
  /** Every message; AI messages carry intent, confidence, signals, engine, model, prompt version and sources. */
  messages: z.array(MessageSchema),
  events: z.array(ConversationEventSchema),
}).openapi("LiveConversationDetail");

/** An agent's flag on an AI answer; the seller's list shows it without the agent's id. */
export const FlagSchema = z
  .object({
    conversationId: z.string(),
    messageId: z.string(),
    market: z.string(),
    language: z.string().nullable(),
    answer: z.string(),
    question: z.string().nullable(),
    note: z.string(),
    agentId: z.string(),
    agentName: z.string(),
    at: z.string(),
  })
  .openapi("AnswerFlag");

const ConversationParam = z.object({
  conversationId: z.string().regex(/^c_[\w-]{10,40}$/, "a conversation id such as c_…"),
});
const RECENT_SHOWN = 3;

const listRoute = createRoute({
  method: "get",
  path: "/v1/inbox/conversations",
  summary: "Conversations the AI is handling in the agent's regions and shops, newest activity first",
  security: [{ agentJwt: [] }],
  request: {
    query: PageQuerySchema.extend({
      region: z.enum(REGIONS).optional(),
      market: z.enum(MARKET_CODES).optional(),
      language: z.enum(LANGUAGES).optional(),
      channel: z
        .string()
        .regex(/^[a-z][a-z0-9_-]{1,31}$/)
        .optional(),
    }),
  },
  responses: {
    200: {
      description: "A page of live conversations",
      content: { "application/json": { schema: listOf(LiveConversationSchema, "LiveConversationList") } },
    },
    ...errorResponses(400, 401, 404),
  },
});

const detailRoute = createRoute({
  method: "get",
  path: "/v1/inbox/conversations/{conversationId}",
  summary:
    "A conversation's whole transcript, with why the AI said what it said (404 outside the agent's scope)",
  security: [{ agentJwt: [] }],
  request: { params: ConversationParam },
  responses: {
    200: { description: "The conversation", content: { "application/json": { schema: LiveDetailSchema } } },
    ...errorResponses(400, 401, 404),
  },
});

const takeoverRoute = createRoute({
  method: "post",
  path: "/v1/inbox/conversations/{conversationId}/takeover",
  summary:
    "Take the conversation over from the AI: an escalation (reason agent_takeover) claimed by the agent; the shopper is told a person joined",
  security: [{ agentJwt: [] }],
  request: { params: ConversationParam },
  responses: {
    200: {
      description: "The escalation, claimed by the agent (a repeat answers the same)",
      content: { "application/json": { schema: InboxItemSchema } },
    },
    ...errorResponses(400, 401, 404, 409, 413, 415),
  },
});

const flagRoute = createRoute({
  method: "post",
  path: "/v1/inbox/conversations/{conversationId}/messages/{messageId}/flag",
  summary: "Flag an AI answer as wrong, with a note the seller reads (a second flag replaces the first)",
  security: [{ agentJwt: [] }],
  request: {
    params: ConversationParam.extend({ messageId: z.string().min(1).max(300) }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ note: z.string().trim().min(1).max(2000) }).openapi("FlagRequest"),
        },
      },
    },
  },
  responses: {
    200: { description: "The flag", content: { "application/json": { schema: FlagSchema } } },
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

const agentOf = (claims: AgentClaims) => ({
  id: claims.id,
  name: claims.name,
  regions: claims.regions,
  shops: claims.shops,
});

/** A conversation's list entry: who, where, the last few messages and the AI's latest decision. */
export const liveItem = (c: Conversation, region: (typeof REGIONS)[number]) => ({
  conversationId: c.id,
  shopId: c.shopId,
  channel: c.channel,
  market: c.market,
  region,
  language: c.memory.language ?? null,
  status: c.status,
  shopper: c.shopper,
  lastMessageAt: c.lastMessageAt,
  recent: c.recent.slice(-RECENT_SHOWN).map(({ role, text, at }) => ({ role, text, at })),
  decision: latestDecision(c),
});

/** Registered before the escalation routes: `/v1/inbox/conversations` would otherwise read as an escalation id. */
export function registerOversightRoutes(app: OpenAPIHono<AppEnv>, deps: OversightDeps) {
  app.openapi(listRoute, async (c) => {
    const { limit, cursor, ...query } = c.req.valid("query");
    const page = await listLive(deps, agentOf(c.get("agent")), query, { limit, cursor });
    return c.json(
      {
        items: page.items.map(({ conversation, region }) => liveItem(conversation, region)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(detailRoute, async (c) => {
    const id = ConversationId(c.req.valid("param").conversationId);
    const { conversation, market } = await findConversationForAgent(deps, agentOf(c.get("agent")), id);
    const found = await deps.conversations.getConversation(conversation.shopId, conversation.id);
    return c.json(
      {
        ...liveItem(conversation, market.region),
        escalationId: conversation.escalationId,
        messages: found?.messages ?? [],
        events: found?.events ?? [],
      },
      200,
    );
  });

  app.openapi(takeoverRoute, async (c) => {
    const claims = c.get("agent");
    const id = ConversationId(c.req.valid("param").conversationId);
    const escalation = await takeOver(deps, agentOf(claims), id);
    // The summary in the first of the agent's languages we ship, else the packet's own (English).
    const locale = claims.languages.find((l) => LOCALES.includes(l));
    const summary = locale ? summaryOf(deps.translator, locale, escalation) : escalation.summary;
    return c.json(inboxItem(escalation, summary), 200);
  });

  app.openapi(flagRoute, async (c) => {
    const { conversationId, messageId } = c.req.valid("param");
    const { note } = c.req.valid("json");
    const flag = await flagAnswer(deps, agentOf(c.get("agent")), ConversationId(conversationId), {
      messageId,
      note,
    });
    const { shopId: _shop, ...shown } = flag;
    return c.json(shown, 200);
  });
}
