/** Builds the one Hono app that serves every route, in Lambda, in the local stack and in tests. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { HttpDeps } from "./deps";
import { AppError } from "../domain/errors";
import { accessLog } from "./access-log";
import { type AppEnv, agentAuth, createAgentVerifier, shopAuth } from "./auth";
import { createInboxPages } from "./web/routes";
import { registerCannedReplyRoutes } from "./routes/canned-replies";
import { errorResponder, zodDetails } from "./errors";
import { jsonBody, limitBody } from "./json-body";
import { clientAddress, failedAuthLimit, rateLimit } from "./rate-limit";
import { registerAnalyticsRoutes } from "./routes/analytics";
import { registerConversationRoutes } from "./routes/conversations";
import { registerHealthRoutes } from "./routes/health";
import { registerInboxRoutes } from "./routes/inbox";
import { registerMessageRoutes } from "./routes/messages";
import { registerShopifyRoutes, SHOPIFY_WEBHOOK_MAX_BYTES } from "./routes/shopify";
import { registerSettingsRoutes } from "./routes/settings";
import { registerPrivacyRoutes } from "./routes/privacy";
import { registerConnectionRoutes } from "./routes/connections";
import { registerMarketplaceWebhooks } from "./routes/marketplace-webhooks";

export function createApp(deps: HttpDeps) {
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
  app.notFound((c) =>
    c.json(new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`).toJSON(), 404),
  );

  app.openAPIRegistry.registerComponent("securitySchemes", "shopApiKey", {
    type: "http",
    scheme: "bearer",
    description: "The shop's API key",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "agentJwt", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });

  app.use("*", accessLog(deps.logger));
  app.use("*", noStoreJson());
  registerHealthRoutes(app, deps.checkDependencies);
  const perAddress = () => rateLimit({ perMinute: deps.rateLimits.ipPerMinute, key: clientAddress });
  app.use("/webhooks/*", perAddress());
  // Sign-in takes credentials: limited per address like the webhooks (its own buckets).
  app.use("/inbox/sign-in", perAddress());
  app.on("POST", "/webhooks/shopify", limitBody(SHOPIFY_WEBHOOK_MAX_BYTES, "Webhook bodies"));
  registerShopifyRoutes(app as unknown as Hono, deps);
  registerMarketplaceWebhooks(app as unknown as Hono, deps);
  // Guessing keys, tokens or session cookies: an address past its failed attempts is refused before any check.
  const failures = failedAuthLimit({
    perMinute: deps.rateLimits.authFailuresPerMinute,
    now: () => deps.clock.now().getTime(),
  });
  const onFailure = (c: Context) => {
    // Only a credential that was presented and refused counts; a missing one is not a guess.
    if (c.req.header("authorization")) failures.fail(c);
  };
  app.use("/v1/*", failures.guard);
  app.use("/v1/*", jsonBody());
  const shopKey = shopAuth(deps.shops, { onFailure });
  const perShop = rateLimit({
    perMinute: deps.rateLimits.shopPerMinute,
    key: (c) => (c.get("shop") as { id: string } | undefined)?.id ?? null,
  });
  app.use("/v1/messages", shopKey, perShop);
  app.use("/v1/conversations", shopKey);
  app.use("/v1/conversations/*", shopKey);
  app.use("/v1/analytics", shopKey);
  app.use("/v1/settings", shopKey);
  app.use("/v1/canned-replies", shopKey);
  app.use("/v1/privacy/*", shopKey);
  app.use("/v1/connections", shopKey);
  app.use("/v1/connections/*", shopKey);
  const verifyAgent = createAgentVerifier(deps.agentTokens);
  const agentToken = agentAuth(verifyAgent, onFailure);
  app.use("/v1/inbox", agentToken);
  app.use("/v1/inbox/*", agentToken);
  registerMessageRoutes(app, deps);
  registerConversationRoutes(app, deps.conversations);
  registerInboxRoutes(app, deps);
  registerAnalyticsRoutes(app, deps);
  registerSettingsRoutes(app, deps.shops, deps.secrets, (shopId) => shopKey.forget(shopId));
  registerPrivacyRoutes(app, deps.shopifyStore);
  registerConnectionRoutes(app, deps);
  registerCannedReplyRoutes(app, deps.cannedReplies);
  app.route(
    "/inbox",
    createInboxPages(deps, {
      verifyAgent,
      findShop: shopKey.lookup,
      sessions: deps.sessions,
      now: () => deps.clock.now(),
      failures,
    }) as unknown as Hono,
  );

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "AI-first support backend for sellers in Asia",
      version: "0.1.0",
      description: "The HTTP contract of docs/api.md.",
    },
  });
  return app;
}

/** API answers carry account data: no JSON response may be kept by a browser or a shared cache. */
function noStoreJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control") && /json/i.test(c.res.headers.get("content-type") ?? ""))
      c.res.headers.set("cache-control", "no-store");
  };
}
