/**
 * What the API app (create-api-app.ts) and the inbox pages' app (create-inbox-app.ts) share: the credential checks,
 * the not-found answer and the no-store rule for JSON, so the two Lambda functions behave as one API.
 */
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../domain/errors";
import { agentAuth, createAgentVerifier, shopAuth } from "./auth";
import type { HttpDeps } from "./deps";
import { markGuard } from "./guards";
import { failedAuthLimit } from "./rate-limit";

/** The shop API key's guard (cached keys) and the failed-attempt limit it counts towards. */
export function shopKeyGuards(deps: Pick<HttpDeps, "rateLimits" | "clock" | "shops">) {
  // Guessing keys, tokens or session cookies: an address past its failed attempts is refused before any check.
  const failures = failedAuthLimit({
    perMinute: deps.rateLimits.authFailuresPerMinute,
    now: () => deps.clock.now().getTime(),
  });
  const onFailure = (c: Context) => {
    // Only a credential that was presented and refused counts; a missing one is not a guess.
    if (c.req.header("authorization")) failures.fail(c);
  };
  const shopKey = markGuard("shop-api-key", shopAuth(deps.shops, { onFailure }));
  return { failures, onFailure, shopKey };
}

/** The guards built once per app: failed-attempt limits, shop API keys (cached) and agent tokens. */
export function credentialGuards(deps: Pick<HttpDeps, "rateLimits" | "clock" | "shops" | "agentTokens">) {
  const { failures, onFailure, shopKey } = shopKeyGuards(deps);
  const verifyAgent = createAgentVerifier(deps.agentTokens);
  const agentToken = markGuard("agent-jwt", agentAuth(verifyAgent, onFailure));
  return { failures, shopKey, verifyAgent, agentToken };
}

export type CredentialGuards = ReturnType<typeof credentialGuards>;

/** The JSON 404 every unknown route gets. */
export const notFoundJson = (c: Context) =>
  c.json(new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`).toJSON(), 404);

/** API answers carry account data: no JSON response may be kept by a browser or a shared cache. */
export function noStoreJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control") && /json/i.test(c.res.headers.get("content-type") ?? ""))
      c.res.headers.set("cache-control", "no-store");
  };
}
