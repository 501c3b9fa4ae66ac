/**
 * What the AI could not answer, for the seller (shop key): the questions that ended in a clarifying question, a
 * not-understood handoff or an answer without a source, grouped by topic and language; and the answers agents flagged.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { MISS_KINDS } from "../../domain/conversation";
import { INTENTS } from "../../domain/intent";
import { LANGUAGES } from "../../domain/language";
import { groupUnanswered } from "../../domain/oversight";
import type { Clock, OversightStore } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { errorResponses } from "../schemas";
import { ReportQuery, reportWindow } from "./analytics";
import { FlagSchema as AgentFlagSchema } from "./oversight";

const GroupSchema = z
  .object({
    topic: z.enum([...INTENTS, "unknown"]),
    language: z.enum(LANGUAGES),
    count: z.number().int(),
    kinds: z.partialRecord(z.enum(MISS_KINDS), z.number().int()),
    examples: z.array(z.string()).readonly(),
  })
  .openapi("UnansweredGroup");

const FlagSchema = AgentFlagSchema.omit({ agentId: true }).openapi("FlaggedAnswer");

const window = { from: z.string(), to: z.string() };

const unansweredRoute = createRoute({
  method: "get",
  path: "/v1/insights/unanswered",
  summary: "Questions the AI could not answer, grouped by topic and language, with counts and examples",
  description:
    "from and to as for GET /v1/analytics: times or plain dates, [from, to), by default the last seven days.",
  security: [{ shopApiKey: [] }],
  request: { query: ReportQuery },
  responses: {
    200: {
      description: "The groups, the largest first",
      content: {
        "application/json": {
          schema: z
            .object({ ...window, total: z.number().int(), groups: z.array(GroupSchema) })
            .openapi("Unanswered"),
        },
      },
    },
    ...errorResponses(400, 401),
  },
});

const flagsRoute = createRoute({
  method: "get",
  path: "/v1/insights/flags",
  summary: "AI answers agents flagged as wrong, with their notes, newest first",
  security: [{ shopApiKey: [] }],
  request: { query: ReportQuery },
  responses: {
    200: {
      description: "The flagged answers",
      content: {
        "application/json": {
          schema: z.object({ ...window, items: z.array(FlagSchema) }).openapi("FlaggedAnswers"),
        },
      },
    },
    ...errorResponses(400, 401),
  },
});

export function registerInsightRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { oversight: OversightStore; clock: Clock },
) {
  app.openapi(unansweredRoute, async (c) => {
    const { from, to } = reportWindow(c.req.valid("query"), deps.clock.now());
    const misses = await deps.oversight.listMisses(c.get("shop").id, from, to);
    return c.json({ from, to, total: misses.length, groups: groupUnanswered(misses) }, 200);
  });

  app.openapi(flagsRoute, async (c) => {
    const { from, to } = reportWindow(c.req.valid("query"), deps.clock.now());
    const flags = await deps.oversight.listFlags(c.get("shop").id, from, to);
    return c.json(
      { from, to, items: flags.map(({ shopId: _shop, agentId: _agent, ...shown }) => shown) },
      200,
    );
  });
}
