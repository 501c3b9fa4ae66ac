/**
 * The web inbox's app: the agents' and sellers' pages under /inbox, the Lambda function API Gateway routes /inbox
 * and /inbox/* to (functions/handlers/inbox.ts), so the API's bundle carries none of the pages.
 */
import { Hono } from "hono";
import { accessLog } from "./access-log";
import { type CredentialGuards, credentialGuards, noStoreJson, notFoundJson } from "./app-shell";
import type { AppEnv } from "./auth";
import type { HttpDeps } from "./deps";
import { errorResponder } from "./errors";
import { clientAddress, rateLimit } from "./rate-limit";
import { createInboxPages } from "./web/routes";
import type { SessionAuth } from "./web/session";

/** How the pages check agents' tokens, sellers' keys and session cookies: with the app's own credential guards. */
export function inboxSessionAuth(
  deps: Pick<HttpDeps, "sessions" | "clock">,
  guards: CredentialGuards,
): SessionAuth {
  return {
    verifyAgent: guards.verifyAgent,
    findShop: guards.shopKey.lookup,
    sessions: deps.sessions,
    clock: deps.clock,
    failures: guards.failures,
  };
}

/** The inbox pages alone, with the API's error, not-found, access-log and no-store behaviour. */
export function createInboxApp(deps: HttpDeps) {
  const app = new Hono<AppEnv>();
  app.onError(errorResponder(deps.logger));
  app.notFound(notFoundJson);
  const guards = credentialGuards(deps);
  app.use("*", accessLog(deps.logger));
  app.use("*", noStoreJson());
  mountInboxPages(app, deps, guards);
  return app;
}

/** Mounts the pages under /inbox, sign-in rate-limited: shared by this app and the all-in-one local app. */
export function mountInboxPages(app: Hono<AppEnv>, deps: HttpDeps, guards: CredentialGuards): void {
  // Sign-in takes credentials: limited per address, as the API limits its webhooks.
  app.use("/inbox/sign-in", rateLimit({ perMinute: deps.rateLimits.ipPerMinute, key: clientAddress }));
  app.route(
    "/inbox",
    createInboxPages(deps, inboxSessionAuth(deps, guards), (shopId) =>
      guards.shopKey.forget(shopId),
    ) as unknown as Hono,
  );
}
