/** GET /v1/privacy/exports/{requestId}: the seller fetches what a customers/data_request export produced. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { notFound } from "../../domain/errors";
import type { ShopifyStore } from "../../domain/shopify";
import type { AppEnv } from "../auth";
import {
  ConversationEventSchema,
  ConversationStatusSchema,
  errorResponses,
  InternalNoteSchema,
  MessageSchema,
  OrderSnapshotSchema,
  ShopperSchema,
} from "../schemas";

/** The conversation as it was stored when the export ran (its main fields; the export may carry more). */
const ExportedConversationSchema = z
  .object({
    shopId: z.string(),
    id: z.string(),
    channel: z.string(),
    threadId: z.string(),
    market: z.string(),
    shopper: ShopperSchema,
    status: ConversationStatusSchema,
    escalationId: z.string().nullable(),
    createdAt: z.string(),
    lastMessageAt: z.string(),
  })
  .openapi("ExportedConversation");

const PrivacyExportSchema = z
  .object({
    requestId: z.string(),
    generatedAt: z.string(),
    data: z.object({
      requestId: z.string(),
      generatedAt: z.string(),
      customer: z.object({
        email: z.string().nullable().optional(),
        phone: z.string().nullable().optional(),
      }),
      orders: z.array(OrderSnapshotSchema),
      conversations: z.array(
        z.object({
          conversation: ExportedConversationSchema,
          messages: z.array(MessageSchema),
          events: z.array(ConversationEventSchema),
          notes: z.array(InternalNoteSchema),
        }),
      ),
    }),
  })
  .openapi("PrivacyExport");

const route = createRoute({
  method: "get",
  path: "/v1/privacy/exports/{requestId}",
  summary: "Everything we hold on a customer, exported for a Shopify data request",
  security: [{ shopApiKey: [] }],
  request: { params: z.object({ requestId: z.string().min(1).max(100) }) },
  responses: {
    200: {
      description: "The export",
      content: { "application/json": { schema: PrivacyExportSchema } },
    },
    ...errorResponses(401, 404),
  },
});

export function registerPrivacyRoutes(app: OpenAPIHono<AppEnv>, shopify: ShopifyStore) {
  app.openapi(route, async (c) => {
    const found = await shopify.getExport(c.get("shop").id, c.req.valid("param").requestId);
    if (!found) throw notFound("Export");
    const data = found.data as z.infer<typeof PrivacyExportSchema>["data"];
    return c.json({ requestId: c.req.valid("param").requestId, generatedAt: found.at, data }, 200);
  });
}
