/** GET /v1/conversations and /v1/conversations/{id}: a shop reads its own conversations, and only its own. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Conversation } from "../../domain/conversation";
import { notFound } from "../../domain/errors";
import { conversationIdFor } from "../../domain/identifiers";
import { ConversationId } from "../../domain/ids";
import { MARKET_CODES } from "../../domain/markets";
import type { ConversationStore } from "../../domain/ports";
import type { AppEnv } from "../auth";
import {
  ConversationDetailSchema,
  ConversationSchema,
  ConversationStatusSchema,
  errorResponses,
  listOf,
  MessageRequestSchema,
  PageQuerySchema,
} from "../schemas";

const getRoute = createRoute({
  method: "get",
  path: "/v1/conversations/{conversationId}",
  summary: "A conversation and its messages",
  security: [{ shopApiKey: [] }],
  request: { params: z.object({ conversationId: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: "The conversation",
      content: { "application/json": { schema: ConversationDetailSchema } },
    },
    ...errorResponses(401, 404),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/conversations",
  summary:
    "The shop's conversations, newest first; channel and threadId find one by the channel's own thread id",
  security: [{ shopApiKey: [] }],
  request: {
    query: PageQuerySchema.extend({
      status: ConversationStatusSchema.optional(),
      market: z.enum(MARKET_CODES).optional(),
      channel: MessageRequestSchema.shape.channel.optional(),
      threadId: z.string().min(1).max(200).optional().openapi({
        description:
          "The channel's own thread id (the conversationId sent to POST /v1/messages); with channel, an exact lookup",
        example: "thread-123",
      }),
    }),
  },
  responses: {
    200: {
      description: "A page of conversations",
      content: { "application/json": { schema: listOf(ConversationSchema, "ConversationList") } },
    },
    ...errorResponses(400, 401),
  },
});

export function toConversationView(conversation: Conversation) {
  return {
    conversationId: conversation.id,
    channel: conversation.channel,
    threadId: conversation.threadId,
    status: conversation.status,
    market: conversation.market,
    language: conversation.memory.language ?? null,
    shopper: conversation.shopper,
    orderReferences: conversation.memory.orderName ? [conversation.memory.orderName] : [],
    escalationId: conversation.escalationId,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
  };
}

export function registerConversationRoutes(app: OpenAPIHono<AppEnv>, conversations: ConversationStore) {
  app.openapi(getRoute, async (c) => {
    const { conversationId } = c.req.valid("param");
    // Looked up under the caller's shop only: another shop's conversation is simply not found (docs/api.md).
    const found = await conversations.getConversation(c.get("shop").id, ConversationId(conversationId));
    if (!found) throw notFound("Conversation");
    return c.json(
      { ...toConversationView(found.conversation), messages: found.messages, events: found.events },
      200,
    );
  });

  app.openapi(listRoute, async (c) => {
    const { limit, cursor, status, market, channel, threadId } = c.req.valid("query");
    const shopId = c.get("shop").id;
    if (channel && threadId) {
      // Our id is derived from (shop, channel, thread), so the seller's own thread id is one direct read.
      const found = await conversations.getConversation(shopId, conversationIdFor(shopId, channel, threadId));
      const match =
        found &&
        (!status || found.conversation.status === status) &&
        (!market || found.conversation.market === market);
      return c.json({ items: match ? [toConversationView(found.conversation)] : [], nextCursor: null }, 200);
    }
    const page = await conversations.listConversations(
      shopId,
      { status, market, channel, threadId },
      { limit, cursor },
    );
    return c.json({ items: page.items.map(toConversationView), nextCursor: page.nextCursor }, 200);
  });
}
