/** GET /v1/analytics: the shop's R10 figures per market over a time window (default: the last seven days). */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { analytics } from "../../domain/analytics";
import { AppError } from "../../domain/errors";
import type { Clock, ConversationStore, EscalationStore } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { ErrorSchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };
const MAX_DAYS = 92;

const route = createRoute({
  method: "get",
  path: "/v1/analytics",
  summary: "AI containment, escalations by reason and first-response times, per market",
  security: [{ shopApiKey: [] }],
  request: {
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
  },
  responses: {
    200: {
      description: "The figures",
      content: {
        "application/json": { schema: z.object({ from: z.string(), to: z.string() }).passthrough() },
      },
    },
    400: error,
    401: error,
  },
});

export function registerAnalyticsRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { conversations: ConversationStore; inbox: EscalationStore; clock: Clock },
) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const to = query.to ? new Date(query.to) : deps.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to || to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) {
      throw new AppError("invalid_request", `"from" must be before "to", at most ${MAX_DAYS} days apart.`, [
        { path: "from" },
      ]);
    }
    const [f, t] = [from.toISOString(), to.toISOString()];
    const shopId = c.get("shop").id;
    const [conversations, escalations] = await Promise.all([
      deps.conversations.listActive(shopId, f, t),
      deps.inbox.listCreated(shopId, f, t),
    ]);
    return c.json({ from: f, to: t, ...analytics(conversations, escalations) }, 200);
  });
}
