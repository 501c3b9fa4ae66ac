/**
 * Authentication declared with the routes it guards: an API route's OpenAPI `security` names its guard, and that
 * guard is installed on the route itself, so no route can exist without one unless it is listed as public.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env, MiddlewareHandler } from "hono";

/** The security schemes the OpenAPI document declares, each enforced by one guard. */
export type SecurityScheme = "shopApiKey" | "agentJwt";

const GUARD = Symbol("guard");

/** Marks a middleware as an authentication guard, so the route table can show which routes it protects. */
export function markGuard<M extends MiddlewareHandler>(name: string, middleware: M): M {
  return Object.assign(middleware, { [GUARD]: name });
}

/** The guard's name if `handler` is an authentication guard (see `markGuard`), looking through Hono's wrappers. */
export function guardName(handler: unknown): string | undefined {
  if (typeof handler !== "function") return undefined;
  const marked = handler as { [GUARD]?: string; __COMPOSED_HANDLER?: unknown };
  // A sub-app with its own error handler is mounted with each handler wrapped; Hono keeps the original here.
  return marked[GUARD] ?? guardName(marked.__COMPOSED_HANDLER);
}

/** `METHOD /path` as Hono spells it (`:param`, not OpenAPI's `{param}`). */
export const routeKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replaceAll(/\/{(.+?)}/g, "/:$1")}`;

/**
 * Makes every route later registered with `app.openapi` run the guard its `security` names (then `afterGuard`'s
 * middleware for that route, such as a per-shop limit that needs the shop); a route that names no scheme is refused
 * at start-up unless it is in `publicRoutes`.
 */
export function enforceDeclaredSecurity<E extends Env>(
  app: OpenAPIHono<E>,
  guards: Readonly<Partial<Record<SecurityScheme, MiddlewareHandler<E>>>>,
  options: {
    readonly publicRoutes: readonly string[];
    readonly afterGuard?: Readonly<Record<string, readonly MiddlewareHandler<E>[]>>;
  },
): void {
  const register = app.openapi;
  app.openapi = ((route, handler, hook) => {
    const key = routeKey(route.method, route.path);
    const schemes = (route.security ?? []).flatMap((requirement) => Object.keys(requirement));
    if (schemes.length > 1)
      throw new Error(`${key} names several security schemes; routes take exactly one.`);
    const scheme = schemes[0] as SecurityScheme | undefined;
    const guard = scheme ? guards[scheme] : undefined;
    if (scheme && !guard)
      throw new Error(`${key} names the security scheme ${scheme}, which this app has no guard for.`);
    if (!scheme && !options.publicRoutes.includes(key))
      throw new Error(`${key} declares no security and is not on the public list.`);
    const own = route.middleware ? [route.middleware].flat() : [];
    const middleware = [...(guard ? [guard] : []), ...(options.afterGuard?.[key] ?? []), ...own];
    return register({ ...route, middleware }, handler, hook);
  }) as typeof app.openapi;
}
