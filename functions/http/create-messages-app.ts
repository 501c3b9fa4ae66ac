/**
 * The shopper-message function's app: POST /v1/messages alone, the route a shopper waits on, which API Gateway sends
 * to its own Lambda function (functions/handlers/messages.ts) so its cold start loads the reply pipeline and nothing
 * the other routes need. The route, its guard, limits and errors are the API app's own (create-api-app.ts).
 */
import type { MessageDeps } from "../domain/handle-message";
import { createApiShell, perShopLimit } from "./api-shell";
import { shopKeyGuards } from "./app-shell";
import type { HttpDeps } from "./deps";
import { jsonBody } from "./json-body";
import { registerMessageRoutes } from "./routes/messages";

/** What the app needs: the reply pipeline, the shop-key check's stores and limits, the logger and a health probe. */
export interface MessageAppDeps
  extends MessageDeps,
    Pick<HttpDeps, "logger" | "shops" | "clock" | "rateLimits" | "checkDependencies"> {}

/** POST /v1/messages with the API's shop-key guard, per-shop limit, body checks and error answers. */
export function createMessagesApp(deps: MessageAppDeps) {
  const { failures, shopKey } = shopKeyGuards(deps);
  const app = createApiShell(deps, {
    guards: { shopApiKey: shopKey },
    publicRoutes: [],
    afterGuard: { "POST /v1/messages": [perShopLimit(deps)] },
  });
  app.use("/v1/*", failures.guard);
  app.use("/v1/*", jsonBody());
  registerMessageRoutes(app, deps);
  return app;
}
