import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTable } from "../../functions/adapters/dynamodb/table";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { type LocalStack, LOCAL_DEFAULTS } from "../../functions/local/stack";
import { fakeOrder } from "../support/fake-shopify";
import { http } from "../support/local-stack";
import { orderPayload, signedQuery, webhookRequest } from "../support/shopify-signing";
import { startStackWithShopify } from "../support/shopify-stack";

const SHOP = "siam-silk.myshopify.com";
const SECRET = LOCAL_DEFAULTS.shopifyApiSecret;
const ORDER_ID = "5730000000000002001"; // beyond 2^53, as Shopify's ids are

describe("the Shopify app", () => {
  let fake: Awaited<ReturnType<typeof startStackWithShopify>>["fake"];
  let stack: LocalStack;
  let apiKey = "";

  beforeAll(async () => {
    // The tests drain the queues themselves, so "nothing happened" is checked after everything queued was processed.
    ({ fake, stack } = await startStackWithShopify());
  });
  afterAll(async () => {
    await stack.stop();
    await fake.stop();
  });

  const url = (path: string) => `${stack.url}${path}`;
  /** Lets the workers handle everything queued (and what that queued), then checks: no timer decides the outcome. */
  const settled = async <T>(check: () => Promise<T | undefined | null | false>): Promise<T> => {
    await stack.poller.drain();
    const value = await check();
    if (!value) throw new Error("not so once every queued event was processed");
    return value;
  };
  const deliver = (topic: string, body: string, extra: { eventId?: string; triggeredAt?: string } = {}) => {
    const request = webhookRequest(SECRET, { topic, shop: SHOP, body, ...extra });
    return fetch(url("/webhooks/shopify"), { method: "POST", headers: request.headers, body: request.body });
  };
  const scan = async () => {
    const table = createTable(
      {
        region: "ap-southeast-1",
        endpoint: stack.env.DYNAMODB_ENDPOINT,
        credentials: { accessKeyId: "l", secretAccessKey: "l" },
      },
      stack.env.TABLE_NAME,
    );
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new ScanCommand({ TableName: table.name, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return JSON.stringify(items);
  };
  const ask = (text: string, shopper: Record<string, string>, thread: string) =>
    http<{ reply: { text: string; language: string } }>(url("/v1/messages"), {
      token: apiKey,
      body: {
        channel: "api",
        conversationId: thread,
        messageId: `${thread}-${Date.now()}`,
        market: "TH",
        shopper,
        text,
      },
    });

  describe("install", () => {
    it("rejects a shop domain that is not *.myshopify.com", async () => {
      const res = await fetch(url(`/shopify/install?${signedQuery(SECRET, { shop: "evil.example.com" })}`), {
        redirect: "manual",
      });
      expect(res.status).toBe(400);
    });

    it("rejects an install link with a bad or stale signature", async () => {
      const forged = await fetch(url(`/shopify/install?${signedQuery("not-the-secret", { shop: SHOP })}`), {
        redirect: "manual",
      });
      expect(forged.status).toBe(401);
      const stale = await fetch(
        url(
          `/shopify/install?${signedQuery(SECRET, { shop: SHOP, timestamp: String(Math.floor(Date.now() / 1000) - 600) })}`,
        ),
        { redirect: "manual" },
      );
      expect(stale.status).toBe(401);
    });

    it("redirects to the shop's authorize page, binds the state to the browser, and refuses a callback without it", async () => {
      const res = await fetch(url(`/shopify/install?${signedQuery(SECRET, { shop: SHOP })}`), {
        redirect: "manual",
      });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location") ?? "");
      expect(location.pathname).toBe(`/${SHOP}/admin/oauth/authorize`);
      expect(location.searchParams.get("client_id")).toBe(LOCAL_DEFAULTS.shopifyApiKey);
      expect(location.searchParams.get("redirect_uri")).toBe(`${stack.url}/shopify/callback`);
      const state = location.searchParams.get("state") ?? "";
      const callback = signedQuery(SECRET, { shop: SHOP, code: fake.issueCode(SHOP), state });
      const withoutCookie = await fetch(url(`/shopify/callback?${callback}`));
      expect(withoutCookie.status).toBe(401);
    });

    it("exchanges the code for an offline token, stores it sealed, registers the webhooks and issues an API key once", async () => {
      const install = await fetch(url(`/shopify/install?${signedQuery(SECRET, { shop: SHOP })}`), {
        redirect: "manual",
      });
      const cookie = install.headers.get("set-cookie")?.split(";")[0] ?? "";
      const state = new URL(install.headers.get("location") ?? "").searchParams.get("state") ?? "";
      const res = await fetch(
        url(`/shopify/callback?${signedQuery(SECRET, { shop: SHOP, code: fake.issueCode(SHOP), state })}`),
        { headers: { cookie } },
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { installed: boolean; apiKey: string; webhooks: number };
      expect(body).toMatchObject({ installed: true, webhooks: 11 });
      apiKey = body.apiKey;
      expect(apiKey).toMatch(/^sk_/);
      expect(fake.subscriptions.map((s) => s.topic)).toEqual(
        expect.arrayContaining(["ORDERS_CREATE", "FULFILLMENTS_CREATE", "APP_UNINSTALLED"]),
      );
      expect(fake.subscriptions[0]?.uri).toBe(`${stack.url}/webhooks/shopify`);
      expect(await scan()).not.toContain("shpat_");
    });
  });

  describe("webhooks", () => {
    it("answers 401 to a wrong secret, a tampered body or a missing signature, and stores nothing", async () => {
      const body = orderPayload({
        id: "1",
        name: "#9999",
        email: "x@example.com",
        updatedAt: "2026-11-19T10:00:00Z",
      });
      const wrong = webhookRequest("wrong-secret", { topic: "orders/create", shop: SHOP, body });
      expect(
        (await fetch(url("/webhooks/shopify"), { method: "POST", headers: wrong.headers, body })).status,
      ).toBe(401);
      const good = webhookRequest(SECRET, { topic: "orders/create", shop: SHOP, body });
      expect(
        (
          await fetch(url("/webhooks/shopify"), {
            method: "POST",
            headers: good.headers,
            body: body.replace("9999", "9998"),
          })
        ).status,
      ).toBe(401);
      const { "x-shopify-hmac-sha256": _, ...unsigned } = good.headers;
      expect(
        (await fetch(url("/webhooks/shopify"), { method: "POST", headers: unsigned, body })).status,
      ).toBe(401);
      expect(await scan()).not.toContain("#9999");
    });

    it("answers 413 to a 10 MB body", async () => {
      const body = `{"pad": "${"x".repeat(10 * 1024 * 1024)}"}`;
      const request = webhookRequest(SECRET, { topic: "orders/create", shop: SHOP, body });
      const res = await fetch(url("/webhooks/shopify"), { method: "POST", headers: request.headers, body });
      expect(res.status).toBe(413);
    });

    it("caches orders/create and then fulfillments/create, and a Thai shopper gets the tracking number in Thai", async () => {
      const created = await deliver(
        "orders/create",
        orderPayload({
          id: ORDER_ID,
          name: "#2001",
          email: "somchai@example.com",
          updatedAt: "2026-11-19T10:00:00+07:00",
        }),
      );
      expect(created.status).toBe(200);
      fake.setOrders(SHOP, [
        fakeOrder({
          id: `gid://shopify/Order/${ORDER_ID}`,
          name: "#2001",
          displayFulfillmentStatus: "FULFILLED",
          updatedAt: "2026-11-20T02:00:00Z",
          fulfillments: [
            {
              status: "SUCCESS",
              trackingInfo: [
                {
                  company: "Kerry Express",
                  number: "KEX123456789",
                  url: "https://th.kerryexpress.com/track/?track=KEX123456789",
                },
              ],
            },
          ],
        }),
      ]);
      const fulfilled = await deliver(
        "fulfillments/create",
        `{"id": 4440000000000000001, "order_id": ${ORDER_ID}, "status": "success", "tracking_company": "Kerry Express", "tracking_number": "KEX123456789"}`,
      );
      expect(fulfilled.status).toBe(200);
      const answer = await settled(async () => {
        const res = await ask(
          "ออเดอร์ #2001 ของฉันถึงไหนแล้วคะ",
          { id: "line-88", email: "somchai@example.com" },
          `th-${Date.now()}`,
        );
        return res.body.reply.text.includes("KEX123456789") ? res : undefined;
      });
      expect(answer.body.reply.language).toBe("th");
      expect(answer.body.reply.text).toContain("Kerry Express");
    });

    it("never lets an older event overwrite newer data", async () => {
      const newer = orderPayload({
        id: "5730000000000002003",
        name: "#2003",
        email: "order@example.com",
        updatedAt: "2026-11-20T10:00:00Z",
        fulfillment: {
          company: "Flash Express",
          number: "TH0123456789",
          url: "https://flashexpress.co.th/t/TH0123456789",
        },
      });
      const older = orderPayload({
        id: "5730000000000002003",
        name: "#2003",
        email: "order@example.com",
        updatedAt: "2026-11-19T10:00:00Z",
      });
      // Both are queued before either is processed, so the worker meets the newer body first and the older one after.
      await deliver("orders/updated", newer, { triggeredAt: "2026-11-20T10:00:00Z" });
      await deliver("orders/updated", older, { triggeredAt: "2026-11-19T10:00:00Z" });
      expect(await stack.poller.drain()).toBe(2);
      const order = await stack.deps.orders.getOrder(SHOP as never, "#2003");
      expect(order?.tracking[0]?.number).toBe("TH0123456789");
    });
  });

  describe("settings", () => {
    it("lets the seller set markets, posture, hours, retention, lookups and notifications, and never shows the secret", async () => {
      const settings = {
        markets: ["TH", "MY"],
        marketOverrides: {
          MY: {
            posture: "hybrid",
            businessHours: { days: [1, 2, 3, 4, 5, 6], open: "08:00", close: "20:00" },
          },
        },
        orderLookup: "cache_then_shopify",
        retentionDays: 180,
        notifications: {
          sea: { url: "https://tools.siam-silk.example/hooks", secret: "a-long-enough-secret" },
        },
      };
      const put = await http<Record<string, unknown>>(url("/v1/settings"), {
        method: "PUT",
        token: apiKey,
        body: settings,
      });
      expect(put.status).toBe(200);
      const got = await http<Record<string, unknown>>(url("/v1/settings"), { token: apiKey });
      expect(got.body).toMatchObject({
        markets: ["TH", "MY"],
        retentionDays: 180,
        notifications: { sea: { url: "https://tools.siam-silk.example/hooks" } },
      });
      expect(JSON.stringify(got.body)).not.toContain("a-long-enough-secret");
      // Sealed at rest, like shop tokens.
      expect(await scan()).not.toContain("a-long-enough-secret");
    });

    it("rejects settings that do not validate, naming the fields", async () => {
      const res = await http<{ error: { details: { path: string }[] } }>(url("/v1/settings"), {
        method: "PUT",
        token: apiKey,
        body: { markets: ["XX"], marketOverrides: { TH: { posture: "reckless" } }, retentionDays: 0 },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d) => d.path)).toEqual(
        expect.arrayContaining(["markets.0", "retentionDays"]),
      );
    });

    it("answers with the enabled markets only", async () => {
      const res = await http<{ error: { code: string } }>(url("/v1/messages"), {
        token: apiKey,
        body: {
          channel: "api",
          conversationId: "t",
          messageId: "m",
          market: "JP",
          shopper: { id: "x" },
          text: "hello",
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("unknown_market");
      // Restore every market for the tests that follow.
      await http(url("/v1/settings"), {
        method: "PATCH",
        token: apiKey,
        body: { markets: ["TH", "MY", "SG", "ID"] },
      });
    });
  });

  describe("order context on a cache miss", () => {
    it("looks the order up in Shopify, waits out THROTTLED as the cost figures say, and caches it", async () => {
      fake.setOrders(SHOP, [
        fakeOrder({
          id: "gid://shopify/Order/5730000000000002004",
          name: "#2004",
          email: "malee@example.com",
          // Malee's own phone: an order carrying another customer's phone is that customer's data too.
          phone: "+66898765432",
          displayFulfillmentStatus: "FULFILLED",
          fulfillments: [
            {
              status: "SUCCESS",
              trackingInfo: [{ company: "Thailand Post", number: "EB123456789TH", url: null }],
            },
          ],
        }),
      ]);
      fake.fail("throttled");
      const calls = fake.graphqlCalls.length;
      const res = await ask(
        "where is my order #2004?",
        { id: "web-5", email: "malee@example.com" },
        `miss-${Date.now()}`,
      );
      expect(res.body.reply.text).toContain("EB123456789TH");
      const made = fake.graphqlCalls.slice(calls);
      expect(made).toHaveLength(2);
      // 50 points wanted, 10 available, 100 restored per second: at least 400 ms between the two calls.
      expect((made[1]?.at ?? 0) - (made[0]?.at ?? 0)).toBeGreaterThanOrEqual(390);
      const again = await ask(
        "where is my order #2004?",
        { id: "web-5", email: "malee@example.com" },
        `miss2-${Date.now()}`,
      );
      expect(again.body.reply.text).toContain("EB123456789TH");
      expect(fake.graphqlCalls.length).toBe(calls + 2);
    });

    it("retries Shopify's 5xx with backoff", async () => {
      fake.setOrders(SHOP, [
        fakeOrder({
          id: "gid://shopify/Order/5730000000000002005",
          name: "#2005",
          email: "niran@example.com",
        }),
      ]);
      fake.fail("server_error");
      const res = await ask(
        "where is my order #2005?",
        { id: "web-6", email: "niran@example.com" },
        `retry-${Date.now()}`,
      );
      expect(res.body.reply.text).toContain("#2005");
    });
  });

  describe("privacy duties", () => {
    it("exports everything held on a customer for customers/data_request, agents' notes included", async () => {
      const asked = await ask(
        "ขอคุยกับพนักงานค่ะ",
        { id: "line-88", email: "somchai@example.com" },
        `th-note-${Date.now()}`,
      );
      const escalationId = (asked.body as unknown as { escalation: { id: string } }).escalation.id;
      const token = await signAgentToken(stack.deps.agentJwtSecret, {
        sub: "agent-privacy",
        name: "A",
        regions: ["sea"],
        shops: [SHOP],
        languages: ["en"],
      });
      await settled(
        async () =>
          (
            await http(url(`/v1/inbox/${escalationId}/notes`), {
              token,
              body: { text: "Prefers calls after 6pm" },
            })
          ).status === 200,
      );
      await deliver(
        "customers/data_request",
        `{"shop_id": 954889, "shop_domain": "${SHOP}", "orders_requested": [${ORDER_ID}], "customer": {"id": 191167, "email": "somchai@example.com", "phone": null}, "data_request": {"id": 9999}}`,
      );
      const exported = await settled(async () => {
        const res = await http<{ data: { orders: { name: string }[]; conversations: unknown[] } }>(
          url("/v1/privacy/exports/9999"),
          { token: apiKey },
        );
        return res.status === 200 ? res : undefined;
      });
      expect(exported.body.data.orders.map((o) => o.name)).toContain("#2001");
      expect(exported.body.data.conversations.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(exported.body.data.conversations)).toContain("Prefers calls after 6pm");
    });

    it("leaves nothing of a customer after customers/redact", async () => {
      expect(await scan()).toContain("somchai@example.com");
      await deliver(
        "customers/redact",
        `{"shop_id": 954889, "shop_domain": "${SHOP}", "customer": {"id": 191167, "email": "somchai@example.com", "phone": "+66812345678"}, "orders_to_redact": [${ORDER_ID}]}`,
      );
      await settled(async () => !(await scan()).includes("KEX123456789"));
      const all = await scan();
      expect(all).not.toContain("somchai@example.com");
      expect(all).not.toContain("#2001");
      expect(all).not.toContain("ออเดอร์ #2001");
      expect(all).not.toContain("Prefers calls after 6pm");
      expect(all).toContain("malee@example.com");
    });

    it("revokes the token at once on app/uninstalled", async () => {
      // Shopify revokes the app's tokens, then tells us.
      fake.uninstall(SHOP);
      await deliver(
        "app/uninstalled",
        `{"id": 954889, "name": "Siam Silk", "domain": "siamsilk.example", "myshopify_domain": "${SHOP}"}`,
      );
      await settled(
        async () => (await stack.deps.shopifyStore.getConnection(SHOP as never))?.sealedToken === null,
      );
      const calls = fake.graphqlCalls.length;
      fake.setOrders(SHOP, [
        fakeOrder({
          id: "gid://shopify/Order/5730000000000002006",
          name: "#2006",
          email: "after@example.com",
        }),
      ]);
      await ask(
        "where is my order #2006?",
        { id: "web-7", email: "after@example.com" },
        `after-${Date.now()}`,
      );
      expect(fake.graphqlCalls.length).toBe(calls);
    });

    it("deletes everything of the shop on shop/redact, and audits every duty", async () => {
      await deliver("shop/redact", `{"shop_id": 954889, "shop_domain": "${SHOP}"}`);
      await settled(async () => !(await scan()).includes(`SHOP#${SHOP}`));
      const all = await scan();
      expect(all).not.toContain("malee@example.com");
      expect(all).not.toContain(`"owner":"${SHOP}"`);
      const audit = await stack.deps.shopifyStore.auditTrail(SHOP as never);
      expect(audit.map((a) => a.topic)).toEqual(
        expect.arrayContaining([
          "customers/data_request",
          "customers/redact",
          "app/uninstalled",
          "shop/redact",
        ]),
      );
      // The shop's API key is gone with it (instances that cached it forget it within a minute).
      expect(await stack.deps.shops.findByApiKey(apiKey)).toBeNull();
    });
  });
});
