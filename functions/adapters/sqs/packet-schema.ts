/** Validates a handoff packet read from a queue: queue bodies are input like any other. */
import { z } from "zod";
import { ESCALATION_REASONS } from "../../domain/conversation";
import type { HandoffPacket } from "../../domain/escalation";
import { INTENTS } from "../../domain/intent";
import { LANGUAGES } from "../../domain/language";
import { MARKET_CODES, REGIONS } from "../../domain/markets";

const Tracking = z.object({
  company: z.string().nullable(),
  number: z.string().nullable(),
  url: z.string().nullable(),
});
const Order = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  financialStatus: z.string(),
  fulfillmentStatus: z.string(),
  total: z.object({ amount: z.string(), currency: z.string() }),
  tracking: z.array(Tracking),
  lineItems: z.array(z.object({ title: z.string(), quantity: z.number() })),
  shippingCountry: z.string().nullable(),
  updatedAt: z.string(),
});

export const HandoffPacketSchema = z.object({
  escalationId: z.string().min(1),
  shopId: z.string().min(1),
  conversationId: z.string().min(1),
  channel: z.string(),
  region: z.enum(REGIONS),
  market: z.enum(MARKET_CODES),
  language: z.enum(LANGUAGES),
  posture: z.enum(["ai-first", "hybrid", "cautious"]),
  reason: z.enum(ESCALATION_REASONS),
  intent: z.enum([...INTENTS, "unknown"]).default("unknown"),
  priority: z.number().int(),
  summary: z.string(),
  shopper: z.object({ id: z.string(), name: z.string().nullable() }),
  order: Order.nullable(),
  draft: z.string().nullable(),
  transcript: z.array(
    z.object({
      role: z.enum(["shopper", "ai", "agent", "system"]),
      text: z.string(),
      at: z.string(),
      // Older packets have neither: the summary then falls back to the packet's intent and order.
      intent: z.enum([...INTENTS, "unknown"]).optional(),
      orders: z.array(z.string()).optional(),
    }),
  ),
  createdAt: z.string(),
  dueAt: z.string(),
});

export const parsePacket = (body: string): HandoffPacket =>
  HandoffPacketSchema.parse(JSON.parse(body)) as unknown as HandoffPacket;
