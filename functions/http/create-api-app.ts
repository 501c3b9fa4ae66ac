/**
 * The API's Hono app: every route but the web inbox's pages, which are a Lambda function of their own behind the
 * same HTTP API (create-inbox-app.ts), so this bundle does not carry them. create-app.ts joins the two for the local
 * stack and the tests.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Hono, MiddlewareHandler } from "hono";
import type { HttpDeps } from "./deps";
import type { AppEnv } from "./auth";
import { createApiShell, perShopLimit } from "./api-shell";
import { credentialGuards, type CredentialGuards } from "./app-shell";
import { CHANNEL_NAMES, CHANNELS } from "../channels";
import { registerCannedReplyRoutes } from "./routes/canned-replies";
import { registerKnowledgeRoutes } from "./routes/knowledge";
import { jsonBody, limitBody } from "./json-body";
import { clientAddress, rateLimit } from "./rate-limit";
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

/** What the API app lends the routes mounted beside it (the inbox pages, locally): the same credential checks. */
export type MountBeside = (app: OpenAPIHono<AppEnv>, guards: CredentialGuards) => void;

/** The API app; `mountBeside` adds routes after the API's own (create-app.ts mounts the inbox pages there). */
export function createApiApp(deps: HttpDeps, mountBeside?: MountBeside) {
  const guards = credentialGuards(deps);
  const { shopKey, agentToken } = guards;
  // Each API route's declared `security` installs its guard on that route; one that declares none must be public.
  const app = createApiShell(deps, {
    guards: { shopApiKey: shopKey, agentJwt: agentToken },
    publicRoutes: PUBLIC_ROUTES,
    afterGuard: { "POST /v1/messages": [perShopLimit(deps)] },
  });

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

  registerHealthRoutes(app, deps.checkDependencies);
  const perAddress = () => rateLimit({ perMinute: deps.rateLimits.ipPerMinute, key: clientAddress });
  app.use("/webhooks/*", perAddress());
  app.on("POST", "/webhooks/shopify", limitBody(SHOPIFY_WEBHOOK_MAX_BYTES, "Webhook bodies"));
  // Signed by Shopify or the marketplace, verified by the routes themselves: public, listed in PUBLIC_ROUTES.
  registerShopifyRoutes(app as unknown as Hono, deps);
  registerMarketplaceWebhooks(app as unknown as Hono, deps);
  app.use("/connect/*", perAddress());
  registerConnectRoutes(app as unknown as Hono, deps, shopKey as unknown as MiddlewareHandler);
  app.use("/v1/*", guards.failures.guard);
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
  mountBeside?.(app, guards);

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
