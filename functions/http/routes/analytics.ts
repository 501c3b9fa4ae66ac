/** GET /v1/analytics: the shop's R10 figures per market over a time window (default: the last seven days). */
import { actionAnalytics, type ActionStore } from "../../domain/actions";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { CHANNELS, isChannelName } from "../../channels";
import { analytics, marketplaceReplies } from "../../domain/analytics";
import { type ChannelActivityStore, repliesByMarketplace } from "../../domain/channel-rules";
import { MARKETPLACES } from "../../domain/marketplace";
import { ESCALATION_REASONS } from "../../domain/conversation";
import { MARKET_CODES } from "../../domain/markets";
import { AppError } from "../../domain/errors";
import type { Clock, ConversationStore, EscalationStore } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { errorResponses } from "../schemas";

const MAX_DAYS = 92;
const DAY_MS = 86_400_000;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A time (ISO 8601 with an offset) or a plain date (a whole UTC day). */
const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .optional()
  .openapi({ examples: ["2026-11-01", "2026-11-01T00:00:00Z"] });

const TimingSchema = z
  .object({ count: z.number().int(), p50: z.number().nullable(), mean: z.number().nullable() })
  .openapi("Timing");

const RatingSchema = z
  .object({ count: z.number().int(), mean: z.number().nullable() })
  .openapi("RatingFigures");

const FiguresSchema = z
  .object({
    conversations: z.number().int(),
    aiContained: z.number().int(),
    containmentRate: z.number().nullable(),
    escalations: z.number().int(),
    escalationsByReason: z.partialRecord(z.enum(ESCALATION_REASONS), z.number().int()),
    firstAiReplyMs: TimingSchema,
    firstHumanReplyMinutes: TimingSchema,
    resolvedAfterHandoffRate: z.number().nullable(),
    overdue: z.number().int(),
    unresolved: z.number().int(),
    /** Shoppers' ratings (1–5): of the AI's help alone, and of a person's after a handoff. */
    ratings: z.object({ ai: RatingSchema, person: RatingSchema }),
  })
  .openapi("AnalyticsFigures");

const MarketplaceRepliesSchema = z
  .object({
    aiReplies: z.number().int().openapi({ description: "Replies the AI sent there." }),
    humanReplies: z.number().int().openapi({
      description: "Replies people sent: agents from the inbox, the seller's staff in the marketplace app.",
    }),
    aiRepliesCountTowardsResponseRate: z.boolean().openapi({
      description: "Whether the marketplace counts automated replies towards the chat response rate.",
    }),
    repliesCountingTowardsResponseRate: z.number().int(),
  })
  .openapi("MarketplaceReplies");

const ActionFiguresSchema = z
  .object({
    proposed: z.number().int(),
    confirmed: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    declined: z.number().int(),
    expired: z.number().int(),
  })
  .openapi("ActionFigures", {
    description:
      "Order actions created in the window: proposed, confirmed (by the shopper), done, failed, declined, expired",
  });

const AnalyticsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    shop: FiguresSchema,
    markets: z.partialRecord(z.enum(MARKET_CODES), FiguresSchema),
    /** Per marketplace: AI and people's replies, and what its response rate counts. */
    marketplaces: z.partialRecord(z.enum(MARKETPLACES), MarketplaceRepliesSchema),
    /** Order actions (R3): for the shop and per market. */
    actions: z.object({
      shop: ActionFiguresSchema,
      markets: z.partialRecord(z.enum(MARKET_CODES), ActionFiguresSchema),
    }),
  })
  .openapi("Analytics");

const route = createRoute({
  method: "get",
  path: "/v1/analytics",
  summary:
    "AI containment, escalations by reason and first-response times per market; AI and people's replies per marketplace",
  description:
    "from and to are times or plain dates (UTC days; a plain `to` includes that day); the window is [from, to), by default the last seven days.",
  security: [{ shopApiKey: [] }],
  request: { query: z.object({ from: Instant, to: Instant }) },
  responses: {
    200: { description: "The figures", content: { "application/json": { schema: AnalyticsSchema } } },
    ...errorResponses(400, 401),
  },
});

/** A plain `from` starts its day; a plain `to` ends its day, so `?from=2026-11-01&to=2026-11-07` covers seven days. */
const instant = (value: string, end: boolean) =>
  PLAIN_DATE.test(value) ? new Date(Date.parse(`${value}T00:00:00Z`) + (end ? DAY_MS : 0)) : new Date(value);

/** The window a report's `from` and `to` name: [from, to), by default the last seven days, at most MAX_DAYS long. */
export function reportWindow(query: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = query.to ? instant(query.to, true) : now;
  const from = query.from ? instant(query.from, false) : new Date(to.getTime() - 7 * DAY_MS);
  if (from >= to || to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
    throw new AppError("invalid_request", `"from" must be before "to", at most ${MAX_DAYS} days apart.`, [
      { path: "from" },
    ]);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}

/** A report's time query: times or plain dates. */
export const ReportQuery = z.object({ from: Instant, to: Instant });

export function registerAnalyticsRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: {
    conversations: ConversationStore;
    inbox: EscalationStore;
    clock: Clock;
    /** The replies sent per marketplace; without it the per-marketplace figures are empty. */
    channelActivity?: Pick<ChannelActivityStore, "replies"> | undefined;
    /** Order actions; without them the action figures are zero. */
    actions?: Pick<ActionStore, "listCreated"> | undefined;
  },
) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const to = query.to ? instant(query.to, true) : deps.clock.now();
    const from = query.from ? instant(query.from, false) : new Date(to.getTime() - 7 * DAY_MS);
    if (from >= to || to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
      throw new AppError("invalid_request", `"from" must be before "to", at most ${MAX_DAYS} days apart.`, [
        { path: "from" },
      ]);
    }
    const [f, t] = [from.toISOString(), to.toISOString()];
    const shopId = c.get("shop").id;
    const [conversations, escalations, replies, actions] = await Promise.all([
      deps.conversations.listActive(shopId, f, t),
      deps.inbox.listCreated(shopId, f, t),
      deps.channelActivity?.replies(shopId, f, t) ?? [],
      deps.actions?.listCreated(shopId, f, t) ?? [],
    ]);
    const marketplaces = marketplaceReplies(
      repliesByMarketplace(replies),
      (m) => isChannelName(m) && CHANNELS[m].rules.automatedRepliesCountTowardsResponseRate === true,
    );
    return c.json(
      {
        from: f,
        to: t,
        ...analytics(conversations, escalations),
        marketplaces,
        actions: actionAnalytics(actions, deps.clock.now()),
      },
      200,
    );
  });
}
