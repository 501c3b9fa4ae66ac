/** Builds the one Hono app that serves every route, in Lambda, in the local stack and in tests. */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { HttpDeps } from "./deps";
import { AppError } from "../domain/errors";
import { accessLog } from "./access-log";
import { type AppEnv, agentAuth, createAgentVerifier, shopAuth } from "./auth";
import { CHANNEL_NAMES, CHANNELS } from "../channels";
import { enforceDeclaredSecurity, markGuard } from "./guards";
import { createInboxPages } from "./web/routes";
import { registerCannedReplyRoutes } from "./routes/canned-replies";
import { registerKnowledgeRoutes } from "./routes/knowledge";
import { errorResponder, zodDetails } from "./errors";
import { jsonBody, limitBody } from "./json-body";
import { clientAddress, failedAuthLimit, rateLimit } from "./rate-limit";
import { registerAnalyticsRoutes } from "./routes/analytics";
import { registerConversationRoutes } from "./routes/conversations";
import { registerHealthRoutes } from "./routes/health";
import { registerInboxRoutes } from "./routes/inbox";
import { registerInsightRoutes } from "./routes/insights";
import { registerOversightRoutes } from "./routes/oversight";
import { registerMessageRoutes } from "./routes/messages";
import { registerShopifyRoutes, SHOPIFY_WEBHOOK_MAX_BYTES } from "./routes/shopify";
import { registerSettingsRoutes } from "./routes/settings";
import { registerPrivacyRoutes } from "./routes/privacy";
import { registerConnectionRoutes } from "./routes/connections";
import { registerMarketplaceWebhooks } from "./routes/marketplace-webhooks";
import { registerConnectRoutes } from "./routes/connect";

/**
 * Every route that runs without an authentication guard, on purpose: health and the API document, the Shopify and
 * marketplace routes (their signatures are checked by the routes), and the inbox's assets and sign-in pages.
 * `test/integration/auth-matrix.test.ts` checks every other route has a guard.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  "GET /health",
  "GET /openapi.json",
  "GET /shopify/install",
  "GET /shopify/callback",
  "POST /webhooks/shopify",
  // One webhook per channel in the catalogue, each verifying its channel's signature.
  ...CHANNEL_NAMES.map((name) => `POST ${CHANNELS[name].webhookPath}`),
  // Meta's subscription handshake on the same path, answered only for a connected account's verify token.
  ...CHANNEL_NAMES.filter((name) => CHANNELS[name].handshake).map(
    (name) => `GET ${CHANNELS[name].webhookPath}`,
  ),
  "GET /inbox/assets/inbox.css",
  "GET /inbox/assets/inbox.js",
  "GET /inbox/sign-in",
  "POST /inbox/sign-in",
  "GET /inbox/sign-in/cognito",
  "GET /inbox/auth/callback",
  "POST /inbox/sign-out",
  "POST /inbox/language",
  // The marketplace's redirect back from shop authorization: the single-use state bound to the browser decides.
  "GET /connect/:marketplace/callback",
];

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
  const perShop = rateLimit({
    perMinute: deps.rateLimits.shopPerMinute,
    key: (c) => (c.get("shop") as { id: string } | undefined)?.id ?? null,
  });
  const verifyAgent = createAgentVerifier(deps.agentTokens);
  const agentToken = markGuard("agent-jwt", agentAuth(verifyAgent, onFailure));
  // Each API route's declared `security` installs its guard on that route; one that declares none must be public.
  enforceDeclaredSecurity(
    app,
    { shopApiKey: shopKey, agentJwt: agentToken },
    { publicRoutes: PUBLIC_ROUTES, afterGuard: { "POST /v1/messages": [perShop] } },
  );

  app.use("*", accessLog(deps.logger));
  app.use("*", noStoreJson());
  registerHealthRoutes(app, deps.checkDependencies);
  const perAddress = () => rateLimit({ perMinute: deps.rateLimits.ipPerMinute, key: clientAddress });
  app.use("/webhooks/*", perAddress());
  // Sign-in takes credentials: limited per address like the webhooks (its own buckets).
  app.use("/inbox/sign-in", perAddress());
  app.on("POST", "/webhooks/shopify", limitBody(SHOPIFY_WEBHOOK_MAX_BYTES, "Webhook bodies"));
  // Signed by Shopify or the marketplace, verified by the routes themselves: public, listed in PUBLIC_ROUTES.
  registerShopifyRoutes(app as unknown as Hono, deps);
  registerMarketplaceWebhooks(app as unknown as Hono, deps);
  app.use("/connect/*", perAddress());
  registerConnectRoutes(app as unknown as Hono, deps, shopKey as unknown as MiddlewareHandler);
  app.use("/v1/*", failures.guard);
  app.use("/v1/*", jsonBody());
  registerMessageRoutes(app, deps);
  registerConversationRoutes(app, deps.conversations);
  // Before the escalation routes, whose /v1/inbox/{escalationId} would also match /v1/inbox/conversations.
  registerOversightRoutes(app, deps);
  registerInboxRoutes(app, deps);
  registerInsightRoutes(app, deps);
  registerAnalyticsRoutes(app, deps);
  registerSettingsRoutes(app, deps.shops, deps.secrets, (shopId) => shopKey.forget(shopId));
  registerPrivacyRoutes(app, deps.shopifyStore);
  registerConnectionRoutes(app, deps);
  registerCannedReplyRoutes(app, deps.cannedReplies);
  registerKnowledgeRoutes(app, deps, (shopId) => shopKey.forget(shopId));
  app.route(
    "/inbox",
    createInboxPages(
      deps,
      {
        verifyAgent,
        findShop: shopKey.lookup,
        sessions: deps.sessions,
        clock: deps.clock,
        failures,
      },
      (shopId) => shopKey.forget(shopId),
    ) as unknown as Hono,
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
