/** One structured line per request: method, route, status and duration, never bodies, keys or contact details. */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../domain/ports";

export function accessLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info("request", {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  };
}
