import { describe, expect, it } from "vitest";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { CHANNEL_NAMES, CHANNELS } from "../../functions/channels";
import { ShopId } from "../../functions/domain/ids";
import { createApp, PUBLIC_ROUTES } from "../../functions/http/create-app";
import { enforceDeclaredSecurity, guardName, markGuard } from "../../functions/http/guards";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

const OTHER_KEY = "sk_test_auth_matrix_other_shop_00";

/** Every shop-API route, with a body where it takes one. */
const SHOP_ROUTES: { method: string; path: string; body?: unknown }[] = [
  {
    method: "POST",
    path: "/v1/messages",
    body: {
      channel: "api",
      conversationId: "m",
      messageId: "1",
      market: "SG",
      shopper: { id: "x" },
      text: "hi",
    },
  },
  { method: "GET", path: "/v1/conversations" },
  { method: "GET", path: "/v1/conversations/c_aaaaaaaaaaaaaaaaaaaaaa" },
  { method: "GET", path: "/v1/analytics" },
  { method: "GET", path: "/v1/settings" },
  { method: "PUT", path: "/v1/settings", body: { markets: ["SG"] } },
  { method: "PATCH", path: "/v1/settings", body: { retentionDays: 30 } },
  { method: "GET", path: "/v1/connections" },
  ...CHANNEL_NAMES.map((name) => ({ method: "PUT", path: `/v1/connections/${name}`, body: {} })),
  ...CHANNEL_NAMES.map((name) => ({ method: "PUT", path: `/v1/connections/${name}/1`, body: {} })),
  ...CHANNEL_NAMES.map((name) => ({ method: "DELETE", path: `/v1/connections/${name}/1` })),
  { method: "GET", path: "/v1/privacy/exports/1" },
  { method: "GET", path: "/v1/canned-replies" },
  { method: "PUT", path: "/v1/canned-replies", body: { items: [] } },
];

describe("authentication and tenant isolation on every route", () => {
  const stack = useLocalStack({ autoPoll: false });
  const url = (p: string) => `${stack().url}${p}`;

  for (const route of SHOP_ROUTES) {
    it(`${route.method} ${route.path}: 401 without a key or with a wrong key`, async () => {
      const none = await http(url(route.path), {
        method: route.method,
        ...(route.body ? { body: route.body } : {}),
      });
      expect(none.status).toBe(401);
      const wrong = await http(url(route.path), {
        method: route.method,
        token: "sk_not_a_real_key_000000",
        ...(route.body ? { body: route.body } : {}),
      });
      expect(wrong.status).toBe(401);
    });
  }

  it("never shows one shop's conversation, settings changes or exports to another shop", async () => {
    await stack().deps.shops.putShop(
      { id: ShopId("other-matrix.myshopify.com"), name: "Other", markets: ["SG"] },
      OTHER_KEY,
    );
    const { body } = await http<{ conversationId: string }>(url("/v1/messages"), {
      token: stack().apiKey,
      body: shopperMessage("hello", { market: "SG" }),
    });
    expect((await http(url(`/v1/conversations/${body.conversationId}`), { token: OTHER_KEY })).status).toBe(
      404,
    );
    const list = await http<{ items: { conversationId: string }[] }>(url("/v1/conversations?limit=100"), {
      token: OTHER_KEY,
    });
    expect(list.body.items.map((c) => c.conversationId)).not.toContain(body.conversationId);
    const analytics = await http<{ shop: { conversations: number } }>(url("/v1/analytics"), {
      token: OTHER_KEY,
    });
    expect(analytics.body.shop.conversations).toBe(0);
    const mine = await http<{ markets: string[] }>(url("/v1/settings"), { token: OTHER_KEY });
    expect(mine.body.markets).toEqual(["SG"]);
  });

  describe("agent routes", () => {
    const agentRoutes = (id: string) => [
      { method: "GET", path: "/v1/inbox" },
      { method: "GET", path: `/v1/inbox/${id}` },
      { method: "POST", path: `/v1/inbox/${id}/claim`, body: {} },
      { method: "POST", path: `/v1/inbox/${id}/messages`, body: { text: "hi" } },
      { method: "POST", path: `/v1/inbox/${id}/resolve`, body: {} },
      { method: "POST", path: `/v1/inbox/${id}/release`, body: {} },
      { method: "POST", path: `/v1/inbox/${id}/notes`, body: { text: "hi" } },
    ];

    it("refuse no token, a shop key, a forged, an expired and another region's token", async () => {
      const { body } = await http<{ escalation: { id: string } }>(url("/v1/messages"), {
        token: stack().apiKey,
        body: shopperMessage("I want to talk to a human", { market: "SG" }),
      });
      await stack().poller.pollOnce();
      const id = body.escalation.id;
      await eventually(
        async () => (await http(url(`/v1/inbox/${id}`), { token: stack().agentTokens.sea })).status === 200,
      );
      const claims = {
        sub: "a",
        name: "A",
        regions: ["sea" as const],
        shops: [DEMO_SHOP_ID],
        languages: ["en"],
      };
      const forged = await signAgentToken(
        new TextEncoder().encode("a-different-secret-of-enough-length-000"),
        claims,
      );
      const expired = await signAgentToken(
        stack().deps.agentJwtSecret,
        claims,
        Math.floor(Date.now() / 1000) - 10,
      );
      const otherRegion = stack().agentTokens["north-asia"];
      const otherShop = await signAgentToken(stack().deps.agentJwtSecret, {
        ...claims,
        shops: ["other-matrix.myshopify.com"],
      });
      for (const route of agentRoutes(id)) {
        const call = (token?: string) =>
          http(url(route.path), {
            method: route.method,
            ...(token ? { token } : {}),
            ...(route.body ? { body: route.body } : {}),
          });
        expect((await call()).status, `${route.path} without a token`).toBe(401);
        expect((await call(stack().apiKey)).status, `${route.path} with a shop key`).toBe(401);
        expect((await call(forged)).status, `${route.path} forged`).toBe(401);
        expect((await call(expired)).status, `${route.path} expired`).toBe(401);
        const elsewhere = [(await call(otherRegion)).status, (await call(otherShop)).status];
        // The list answers an empty inbox; every escalation route answers "not found".
        expect(elsewhere, `${route.path} for another region or shop`).toEqual(
          route.path === "/v1/inbox" ? [200, 200] : [404, 404],
        );
      }
    });
  });

  it("leaves webhooks and health open, each checking its own signature", async () => {
    expect((await http(url("/health"))).status).toBe(200);
    expect((await fetch(url("/webhooks/shopify"), { method: "POST", body: "{}" })).status).toBe(401);
    for (const { webhookPath } of Object.values(CHANNELS))
      expect((await fetch(url(webhookPath), { method: "POST", body: "{}" })).status).toBe(401);
  });

  describe("the route table", () => {
    type Entry = { method: string; path: string; handler: unknown };
    const covers = (pattern: string, path: string) =>
      pattern === "*" ||
      pattern === "/*" ||
      pattern === path ||
      (pattern.endsWith("/*") && (path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1))));
    /** Each route (`METHOD /path`) and the guards that run before its handler (the last entry for that route). */
    const guardsOf = (entries: readonly Entry[]) => {
      const routes = new Map<string, string[]>();
      entries.forEach((entry, index) => {
        if (entry.method === "ALL" || entry.path.includes("*")) return;
        const guards = entries
          .slice(0, index)
          .filter((e) => (e.method === "ALL" || e.method === entry.method) && covers(e.path, entry.path))
          .flatMap((e) => guardName(e.handler) ?? []);
        routes.set(`${entry.method} ${entry.path}`, guards);
      });
      return routes;
    };

    it("gives every route an authentication guard unless it is on the explicit public list", () => {
      const routes = guardsOf(createApp(stack().deps).routes);
      const unguarded = [...routes].filter(([, guards]) => guards.length === 0).map(([key]) => key);
      expect(unguarded.sort()).toEqual([...PUBLIC_ROUTES].sort());
      expect(routes.get("POST /v1/messages")).toEqual(["shop-api-key"]);
      expect(routes.get("POST /v1/inbox/:escalationId/claim")).toEqual(["agent-jwt"]);
      expect(routes.get("POST /inbox/e/:id/reply")).toEqual(["inbox-session"]);
      expect(routes.get("GET /connect/:marketplace")).toEqual(["shop-api-key-or-inbox"]);
      expect(routes.get("POST /inbox/connections/:marketplace/:accountId/disconnect")).toEqual([
        "inbox-session",
      ]);
    });

    it("refuses to start with an API route that declares no security and is not public", () => {
      const app = new OpenAPIHono();
      const guard = markGuard("test", async (_c, next) => next());
      enforceDeclaredSecurity(app, { shopApiKey: guard, agentJwt: guard }, { publicRoutes: ["GET /open"] });
      const route = (path: string) =>
        createRoute({ method: "get", path, responses: { 200: { description: "ok" } } });
      expect(() => app.openapi(route("/forgotten"), (c) => c.text("x", 200))).toThrow(
        /GET \/forgotten declares no security/,
      );
      expect(() => app.openapi(route("/open"), (c) => c.text("x", 200))).not.toThrow();
    });
  });
});
