/** GET /health: liveness, and with ?deep=1 a check that the table and every queue answer. */
import type { Hono } from "hono";

export function registerHealthRoutes(
  app: Hono,
  checkDependencies: () => Promise<Record<string, "ok" | "down">>,
) {
  app.get("/health", async (c) => {
    if (c.req.query("deep") !== "1") return c.json({ status: "ok" });
    const checks = await checkDependencies();
    const ok = Object.values(checks).every((v) => v === "ok");
    return c.json({ status: ok ? "ok" : "degraded", checks }, ok ? 200 : 503);
  });
}
