/** The schemas of POST /v1/messages (docs/api.md), apart so the shopper-message function builds only these. */
import { z } from "@hono/zod-openapi";
import { ACTION_STATUSES, ACTION_TYPES } from "../domain/actions";
import { ESCALATION_REASONS } from "../domain/conversation";
import { INTENTS } from "../domain/intent";
import { LANGUAGES } from "../domain/language";
import { REGIONS } from "../domain/markets";

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .openapi("Error");

export const ShopperSchema = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .regex(/^\+?[\d\s().-]{6,20}$/, "a phone number such as +6281234567890")
      .optional(),
    locale: z.string().max(35).optional(),
  })
  .openapi("Shopper");

export const MessageRequestSchema = z
  .object({
    channel: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{1,31}$/, "lower-case letters, digits, - or _")
      .openapi({ example: "api" }),
    conversationId: z.string().min(1).max(200).openapi({ example: "thread-123" }),
    messageId: z.string().min(1).max(200).openapi({ example: "m-1" }),
    // Checked against the market table after validation, so an unknown market gets the list of valid ones.
    market: z.string().length(2).optional().openapi({
      example: "ID",
      description:
        "ISO 3166-1 alpha-2 of the storefront; may be left out only when the shop has one market enabled (else 400 market_required)",
    }),
    shopper: ShopperSchema,
    text: z.string().trim().min(1).max(4000).openapi({ example: "Pesanan saya sudah sampai mana?" }),
    sentAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "When the shopper sent it; a time in the future is taken as now" }),
    rating: z.number().int().min(1).max(5).optional().openapi({
      description:
        "The shopper's rating of the help (1 poor – 5 great), collected by the integrator: stored once per conversation and thanked",
    }),
  })
  .openapi("MessageRequest");

export const IntentSchema = z.enum([...INTENTS, "unknown"]);

/** An order action as replies and the inbox show it (domain/actions.ts). */
export const ActionRefSchema = z
  .object({
    id: z.string(),
    type: z.enum(ACTION_TYPES),
    order: z.string(),
    status: z.enum(ACTION_STATUSES),
  })
  .openapi("ActionRef");
export const ReplySchema = z
  .object({
    text: z.string(),
    language: z.enum(LANGUAGES),
    intent: IntentSchema,
    confidence: z.number(),
    engine: z.enum(["embedded", "openai"]),
    aiGenerated: z.literal(true),
    action: ActionRefSchema.nullable()
      .optional()
      .openapi({ description: 'The order action this reply proposes or reports on (API.md "Actions")' }),
  })
  .openapi("Reply");

export const ConversationStatusSchema = z.enum(["ai", "pending_human", "human", "resolved"]);

export const EscalationRefSchema = z
  .object({
    id: z.string(),
    region: z.enum(REGIONS),
    reason: z.enum(ESCALATION_REASONS),
    status: z.enum(["pending", "claimed", "resolved"]),
  })
  .openapi("EscalationRef");

export const MessageResponseSchema = z
  .object({
    conversationId: z.string(),
    status: ConversationStatusSchema,
    reply: ReplySchema.nullable(),
    escalation: EscalationRefSchema.nullable(),
  })
  .openapi("MessageResponse");
