/** GET /v1/inbox: escalations an agent may see (their regions and shops only), most urgent first. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../domain/errors";
import type { Escalation } from "../../domain/escalation";
import { REGIONS } from "../../domain/markets";
import type { EscalationStore } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { ErrorSchema, InboxItemSchema, listOf, PageQuerySchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };

const listRoute = createRoute({
  method: "get",
  path: "/v1/inbox",
  summary: "Escalations for the agent's regions and shops, most urgent first",
  security: [{ agentJwt: [] }],
  request: {
    query: PageQuerySchema.extend({
      region: z.enum(REGIONS).optional(),
      status: z.enum(["pending", "claimed", "resolved"]).default("pending"),
    }),
  },
  responses: {
    200: {
      description: "A page of escalations",
      content: { "application/json": { schema: listOf(InboxItemSchema, "InboxList") } },
    },
    400: error,
    401: error,
    404: error,
  },
});

const toInboxItem = (e: Escalation) => ({
  escalationId: e.escalationId,
  shopId: e.shopId,
  conversationId: e.conversationId,
  region: e.region,
  market: e.market,
  language: e.language,
  reason: e.reason,
  priority: e.priority,
  status: e.status,
  summary: e.summary,
  shopper: e.shopper,
  orderName: e.order?.name ?? null,
  createdAt: e.createdAt,
  dueAt: e.dueAt,
});

export function registerInboxRoutes(app: OpenAPIHono<AppEnv>, inbox: EscalationStore) {
  app.openapi(listRoute, async (c) => {
    const agent = c.get("agent");
    const { region, status, limit, cursor } = c.req.valid("query");
    // A region outside the agent's claims is answered as if it did not exist.
    if (region && !agent.regions.includes(region)) throw new AppError("not_found", "No such inbox.");
    const page = await inbox.listInbox(
      { shops: agent.shops, regions: region ? [region] : agent.regions, status },
      { limit, cursor },
    );
    return c.json({ items: page.items.map(toInboxItem), nextCursor: page.nextCursor }, 200);
  });
}
