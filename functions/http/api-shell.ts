/**
 * The behaviour every function serving API routes shares (create-api-app.ts, create-messages-app.ts): a body that
 * fails its schema is 400 invalid_request, errors and unknown routes are JSON, each route runs the guard its
 * `security` declares, every request is logged and no JSON answer is cached.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/errors";
import { accessLog } from "./access-log";
import { noStoreJson, notFoundJson } from "./app-shell";
import type { AppEnv } from "./auth";
import type { HttpDeps } from "./deps";
import { errorResponder, zodDetails } from "./errors";
import { enforceDeclaredSecurity, type SecurityScheme } from "./guards";
import { rateLimit } from "./rate-limit";

export interface ShellSecurity {
  /** The guard of each security scheme this app's routes declare. */
  readonly guards: Readonly<Partial<Record<SecurityScheme, MiddlewareHandler<AppEnv>>>>;
  /** The routes that run without a guard, on purpose (create-api-app.ts's PUBLIC_ROUTES). */
  readonly publicRoutes: readonly string[];
  /** Middleware run right after a route's guard, by `METHOD /path` (a per-shop limit needs the shop). */
  readonly afterGuard?: Readonly<Record<string, readonly MiddlewareHandler<AppEnv>[]>>;
}

/** An OpenAPI app with the API's error, security, access-log and no-store behaviour, before any route. */
export function createApiShell(deps: Pick<HttpDeps, "logger">, security: ShellSecurity) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success)
        throw new AppError(
          "invalid_request",
          "The request does not match the schema; see details.",
          zodDetails(result.error),
        );
    },
  });
  app.onError(errorResponder(deps.logger));
  app.notFound(notFoundJson);
  enforceDeclaredSecurity(app, security.guards, {
    publicRoutes: security.publicRoutes,
    ...(security.afterGuard ? { afterGuard: security.afterGuard } : {}),
  });
  app.use("*", accessLog(deps.logger));
  app.use("*", noStoreJson());
  return app;
}

/** Shopper messages per shop and minute, counted after the shop's key is checked (both apps put it on the route). */
export const perShopLimit = (deps: Pick<HttpDeps, "rateLimits">) =>
  rateLimit({
    perMinute: deps.rateLimits.shopPerMinute,
    key: (c) => (c.get("shop") as { id: string } | undefined)?.id ?? null,
  });
