/** GET /health: liveness, and with ?deep=1 a check that the table and every queue answer. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "hono";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    /** With deep=1: each dependency (the table, each queue) and whether it answered. */
    checks: z.record(z.string(), z.enum(["ok", "down"])).optional(),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/health",
  summary: "Liveness; with deep=1 also whether the table and the queues answer",
  request: { query: z.object({ deep: z.string().optional().openapi({ example: "1" }) }) },
  responses: {
    200: { description: "Up", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "A dependency is down", content: { "application/json": { schema: HealthSchema } } },
  },
});

export function registerHealthRoutes<E extends Env>(
  app: OpenAPIHono<E>,
  checkDependencies: () => Promise<Record<string, "ok" | "down">>,
) {
  app.openapi(route, async (c) => {
    if (c.req.valid("query").deep !== "1") return c.json({ status: "ok" as const }, 200);
    const checks = await checkDependencies();
    if (Object.values(checks).every((v) => v === "ok")) return c.json({ status: "ok" as const, checks }, 200);
    return c.json({ status: "degraded" as const, checks }, 503);
  });
}
