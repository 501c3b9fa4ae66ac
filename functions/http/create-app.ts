/**
 * The one Hono app that serves every route, in the local stack and in tests: the API (create-api-app.ts) with the
 * web inbox's pages mounted beside it. On AWS the two are separate Lambda functions behind the same HTTP API.
 */
import type { Hono } from "hono";
import { rateLimit, clientAddress } from "./rate-limit";
import type { HttpDeps } from "./deps";
import { createApiApp } from "./create-api-app";
import { inboxSessionAuth } from "./create-inbox-app";
import { createInboxPages } from "./web/routes";

export { PUBLIC_ROUTES } from "./create-api-app";

export function createApp(deps: HttpDeps) {
  return createApiApp(deps, (app, guards) => {
    // Sign-in takes credentials: limited per address like the webhooks (its own buckets).
    app.use("/inbox/sign-in", rateLimit({ perMinute: deps.rateLimits.ipPerMinute, key: clientAddress }));
    app.route(
      "/inbox",
      createInboxPages(deps, inboxSessionAuth(deps, guards), (shopId) =>
        guards.shopKey.forget(shopId),
      ) as unknown as Hono,
    );
  });
}
