/**
 * The one Hono app that serves every route, in the local stack and in tests: the API (create-api-app.ts) with the
 * web inbox's pages mounted beside it. On AWS the two are separate Lambda functions behind the same HTTP API.
 */
import type { HttpDeps } from "./deps";
import { createApiApp } from "./create-api-app";
import { mountInboxPages } from "./create-inbox-app";

export { PUBLIC_ROUTES } from "./create-api-app";

/** Every route in one app (local stack, tests): the API with the inbox pages mounted beside it. */
export function createApp(deps: HttpDeps) {
  return createApiApp(deps, (app, guards) => mountInboxPages(app, deps, guards));
}
