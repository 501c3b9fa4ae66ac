/** The request and response schemas of docs/api.md; they validate requests and generate GET /openapi.json. */
import { z } from "@hono/zod-openapi";
import { ACTION_STATUSES, ACTION_TYPES } from "../domain/actions";
import { LANGUAGES } from "../domain/language";
import { REGIONS } from "../domain/markets";
import {
  ConversationStatusSchema,
  ErrorSchema,
  EscalationRefSchema,
  IntentSchema,
  ShopperSchema,
} from "./message-schemas";

export * from "./message-schemas";

export const MessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(["shopper", "ai", "agent", "system"]),
    text: z.string(),
    at: z.string(),
    language: z.enum(LANGUAGES).optional(),
    intent: IntentSchema.optional(),
    confidence: z.number().optional(),
    engine: z.enum(["embedded", "openai"]).optional(),
    /** A person's reply sent in translation: what they wrote, in their own language. */
    original: z.object({ text: z.string(), language: z.string() }).optional(),
    /** An AI message (R3): signals detected, the model and prompt version that wrote it, the sources it rested on. */
    signals: z.array(z.string()).readonly().optional(),
    model: z.string().nullable().optional(),
    promptVersion: z.string().nullable().optional(),
    sources: z
      .array(z.object({ type: z.string(), id: z.string() }).readonly())
      .readonly()
      .optional(),
  })
  .openapi("Message");

export const OrderSnapshotSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: "#1001" }),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    financialStatus: z.string(),
    fulfillmentStatus: z.string(),
    total: z.object({ amount: z.string(), currency: z.string() }),
    tracking: z
      .array(
        z.object({
          company: z.string().nullable(),
          number: z.string().nullable(),
          url: z.string().nullable(),
        }),
      )
      .readonly(),
    lineItems: z.array(z.object({ title: z.string(), quantity: z.number() })).readonly(),
    shippingCountry: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("OrderSnapshot");

export const ConversationEventSchema = z
  .object({
    escalationId: z.string(),
    kind: z.enum(["escalated", "taken_over", "claimed", "resolved", "released", "action"]),
    agentId: z.string().nullable(),
    agentName: z.string().optional(),
    at: z.string(),
    note: z.string().nullable().optional(),
    action: z
      .object({
        id: z.string(),
        type: z.enum(ACTION_TYPES),
        order: z.string(),
        status: z.enum(ACTION_STATUSES),
      })
      .optional(),
  })
  .openapi("ConversationEvent");

export const InternalNoteSchema = z
  .object({
    id: z.string(),
    escalationId: z.string(),
    agentId: z.string(),
    agentName: z.string(),
    text: z.string(),
    at: z.string(),
  })
  .openapi("InternalNote");

/** The error responses of a route, by status. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: "Error", content: { "application/json": { schema: ErrorSchema } } },
    ]),
  );

export const ConversationSchema = z
  .object({
    conversationId: z.string(),
    channel: z.string(),
    threadId: z.string(),
    status: ConversationStatusSchema,
    market: z.string(),
    language: z.enum(LANGUAGES).nullable(),
    shopper: ShopperSchema,
    orderReferences: z.array(z.string()),
    escalationId: z.string().nullable(),
    createdAt: z.string(),
    lastMessageAt: z.string(),
  })
  .openapi("Conversation");

export const ConversationDetailSchema = ConversationSchema.extend({
  messages: z.array(MessageSchema),
  /** Its audit trail: handoffs and every step of its order actions, oldest first. */
  events: z.array(ConversationEventSchema),
}).openapi("ConversationDetail");

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(4096).optional(),
});

export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

export const InboxItemSchema = z
  .object({
    escalationId: z.string(),
    shopId: z.string(),
    conversationId: z.string(),
    region: z.enum(REGIONS),
    market: z.string(),
    language: z.enum(LANGUAGES),
    reason: EscalationRefSchema.shape.reason,
    priority: z.number(),
    status: z.enum(["pending", "claimed", "resolved"]),
    summary: z.string(),
    shopper: z.object({ id: z.string(), name: z.string().nullable() }),
    orderName: z.string().nullable(),
    claimedBy: z.string().nullable(),
    overdue: z.boolean(),
    createdAt: z.string(),
    dueAt: z.string(),
  })
  .openapi("InboxItem");
