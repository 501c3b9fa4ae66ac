import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTable } from "../../functions/adapters/dynamodb/table";
import { webhookHmac } from "../../functions/adapters/shopify/hmac";
import { createShopifyEventQueue } from "../../functions/adapters/sqs/shopify-event-queue";
import { type LocalStack, LOCAL_DEFAULTS } from "../../functions/local/stack";
import { officiallyValidWebhook, signedQuery, webhookRequest } from "../support/shopify-signing";
import { startStackWithShopify } from "../support/shopify-stack";

const SECRET = LOCAL_DEFAULTS.shopifyApiSecret;
const VICTIM = "victim-batik.myshopify.com";
const ATTACKER = "mallory-goods.myshopify.com";

/** One of Shopify's documented example payloads, for `shop` ("{shop}.myshopify.com" in Shopify's examples). */
const fixture = (name: string, shop: string, replace: Record<string, string> = {}) => {
  let text = readFileSync(join(__dirname, "../fixtures/shopify", `${name}.json`), "utf8").replaceAll(
    "{shop}.myshopify.com",
    shop,
  );
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return text;
};

/** Shopify's example order, as another order of another shopper. */
const order = (o: { id: string; name: string; email: string; phone: string | null; updatedAt?: string }) =>
  fixture("orders-create", VICTIM, {
    "299938": o.id,
    "#9001": o.name,
    '"email": "john@example.com",\n  "phone": "+16135550135"': `"email": "${o.email}",\n  "phone": ${o.phone ? `"${o.phone}"` : "null"}`,
    "2026-11-19T10:00:00-05:00": o.updatedAt ?? "2026-11-19T10:00:00-05:00",
  });

describe("attacks on the Shopify app", () => {
  let fake: Awaited<ReturnType<typeof startStackWithShopify>>["fake"];
  let stack: LocalStack;
  const apiKeys: Record<string, string> = {};
  let queueDown = false;

  beforeAll(async () => {
    // Polled by hand: each test decides when the worker runs, so nothing waits on a timer.
    ({ fake, stack } = await startStackWithShopify({
      // The real queue, which a test can take down as an SQS outage would.
      overrides: {
        shopifyEvents: {
          send: (event) =>
            queueDown
              ? Promise.reject(new Error("SQS is unavailable"))
              : createShopifyEventQueue(stack.sqs, stack.queues.shopifyEvents).send(event),
        },
      },
    }));
    for (const shop of [VICTIM, ATTACKER]) {
      const started = await startInstall(shop);
      const res = await fetch(
        url(
          `/shopify/callback?${signedQuery(SECRET, { shop, code: fake.issueCode(shop), state: started.state })}`,
        ),
        { headers: { cookie: started.cookie } },
      );
      expect(res.status).toBe(200);
      apiKeys[shop] = ((await res.json()) as { apiKey: string }).apiKey;
    }
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
  });

  const url = (path: string) => `${stack.url}${path}`;
  const startInstall = async (shop: string) => {
    const res = await fetch(url(`/shopify/install?${signedQuery(SECRET, { shop })}`), { redirect: "manual" });
    expect(res.status).toBe(302);
    return {
      cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "",
      state: new URL(res.headers.get("location") ?? "").searchParams.get("state") ?? "",
    };
  };
  const post = (headers: Record<string, string>, body: string) =>
    fetch(url("/webhooks/shopify"), { method: "POST", headers, body });
  const deliver = (topic: string, shop: string, body: string, triggeredAt?: string) => {
    const request = webhookRequest(SECRET, { topic, shop, body, ...(triggeredAt ? { triggeredAt } : {}) });
    return post(request.headers, request.body);
  };
  /** Runs the workers until the queues have nothing left to hand out (a message held back in flight counts as none). */
  const drain = async () => {
    for (let round = 0; round < 20; round++) if ((await stack.poller.pollOnce()) === 0) return;
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
    table.client.destroy();
    return items;
  };
  const cached = (shop: string, name: string) => stack.deps.orders.getOrder(shop as never, name);
  const audit = async (shop: string) => stack.deps.shopifyStore.auditTrail(shop as never);

  describe("webhook headers are believed only as far as the signed body agrees (#2)", () => {
    it("refuses a signed order body re-sent as shop/redact for another shop, which keeps its data and key", async () => {
      expect(
        (
          await deliver(
            "orders/create",
            VICTIM,
            order({ id: "411001", name: "#5001", email: "ayu@example.com", phone: null }),
          )
        ).status,
      ).toBe(200);
      await drain();
      expect(await cached(VICTIM, "#5001")).not.toBeNull();
      const captured = webhookRequest(SECRET, {
        topic: "orders/create",
        shop: ATTACKER,
        body: order({ id: "411002", name: "#7001", email: "mallory@example.com", phone: null }),
      });
      const replayed = await post(
        { ...captured.headers, "x-shopify-topic": "shop/redact", "x-shopify-shop-domain": VICTIM },
        captured.body,
      );
      expect(replayed.status).toBe(400);
      expect(await replayed.json()).toMatchObject({
        error: { code: "invalid_request", details: { reason: "shape_mismatch" } },
      });
      await drain();
      expect(await cached(VICTIM, "#5001")).not.toBeNull();
      expect(await stack.deps.shops.findByApiKey(apiKeys[VICTIM] ?? "")).not.toBeNull();
      expect((await stack.deps.shopifyStore.getConnection(VICTIM as never))?.sealedToken).not.toBeNull();
    });

    it("refuses a compliance body that names another shop than the header, or another topic's shape", async () => {
      const forOtherShop = await deliver("shop/redact", VICTIM, fixture("shop-redact", ATTACKER));
      expect(forOtherShop.status).toBe(400);
      expect(await forOtherShop.json()).toMatchObject({ error: { details: { reason: "shop_mismatch" } } });
      const customerAsShop = await deliver("shop/redact", ATTACKER, fixture("customers-redact", ATTACKER));
      expect(customerAsShop.status).toBe(400);
      const requestAsRedact = await deliver(
        "customers/redact",
        ATTACKER,
        fixture("customers-data-request", ATTACKER),
      );
      expect(requestAsRedact.status).toBe(400);
      const orderAsUninstall = await deliver(
        "app/uninstalled",
        VICTIM,
        order({ id: "411003", name: "#7002", email: "mallory@example.com", phone: null }),
      );
      expect(orderAsUninstall.status).toBe(400);
    });

    it("carries out a genuine shop/redact only once the shop is uninstalled: a replay to an installed shop erases nothing", async () => {
      expect((await deliver("shop/redact", VICTIM, fixture("shop-redact", VICTIM))).status).toBe(200);
      await drain();
      expect(await cached(VICTIM, "#5001")).not.toBeNull();
      expect(await stack.deps.shops.findByApiKey(apiKeys[VICTIM] ?? "")).not.toBeNull();
      expect(await audit(VICTIM)).toContainEqual(
        expect.objectContaining({ topic: "shop/redact", summary: { refusedStillInstalled: 1 } }),
      );
    });

    it("revokes nothing on an app/uninstalled while Shopify still accepts the shop's token", async () => {
      expect((await deliver("app/uninstalled", VICTIM, fixture("app-uninstalled", VICTIM))).status).toBe(200);
      await drain();
      const connection = await stack.deps.shopifyStore.getConnection(VICTIM as never);
      expect(connection?.sealedToken).not.toBeNull();
      expect(connection?.uninstalledAt).toBeNull();
      expect(await audit(VICTIM)).toContainEqual(
        expect.objectContaining({ topic: "app/uninstalled", summary: { refusedStillInstalled: 1 } }),
      );
    });

    it("never lets a future X-Shopify-Triggered-At make an old order body overwrite newer data", async () => {
      const newer = order({
        id: "411004",
        name: "#5004",
        email: "ayu@example.com",
        phone: null,
        updatedAt: "2026-11-21T10:00:00+07:00",
      }).replace('"fulfillment_status": null', '"fulfillment_status": "fulfilled"');
      await deliver("orders/updated", VICTIM, newer);
      await drain();
      expect((await cached(VICTIM, "#5004"))?.fulfillmentStatus).toBe("FULFILLED");
      const older = order({ id: "411004", name: "#5004", email: "ayu@example.com", phone: null });
      expect((await deliver("orders/updated", VICTIM, older, "2099-01-01T00:00:00Z")).status).toBe(200);
      await drain();
      expect((await cached(VICTIM, "#5004"))?.fulfillmentStatus).toBe("FULFILLED");
    });
  });

  describe("a signed body belongs to the first shop it arrived for", () => {
    /** Runs the workers until the queues are empty, and answers how many messages they handled. */
    const processed = async () => {
      let handled = 0;
      for (let round = 0; round < 20; round++) {
        const n = await stack.poller.pollOnce();
        if (n === 0) break;
        handled += n;
      }
      return handled;
    };
    beforeEach(drain);

    it("refuses a signed order body of one shop re-sent for another shop, and caches nothing there", async () => {
      // Every shop's first order is #1001: the re-sent body would replace the other shop's own order of that name.
      const genuine = webhookRequest(SECRET, {
        topic: "orders/create",
        shop: VICTIM,
        body: order({ id: "412001", name: "#1001", email: "ayu@example.com", phone: null }),
      });
      expect((await post(genuine.headers, genuine.body)).status).toBe(200);
      expect(await processed()).toBe(1);

      const resent = await post(
        {
          ...genuine.headers,
          "x-shopify-shop-domain": ATTACKER,
          "x-shopify-event-id": randomUUID(),
          "x-shopify-webhook-id": randomUUID(),
        },
        genuine.body,
      );
      const forged = await post(
        { ...genuine.headers, "x-shopify-hmac-sha256": webhookHmac("not-the-secret", genuine.body) },
        genuine.body,
      );
      expect(resent.status).toBe(401);
      const answer = async (res: Response) => {
        const { error } = (await res.json()) as { error: { code: string; message: string } };
        return [error.code, error.message];
      };
      expect(await answer(resent)).toEqual(await answer(forged));
      expect(await processed()).toBe(0);
      expect(await cached(ATTACKER, "#1001")).toBeNull();
      expect(await cached(VICTIM, "#1001")).not.toBeNull();
    });

    it("acknowledges a new delivery after one DynamoDB write and one SQS send", async () => {
      const delivery = webhookRequest(SECRET, {
        topic: "orders/create",
        shop: VICTIM,
        body: order({ id: "412002", name: "#5102", email: "ayu@example.com", phone: null }),
      });
      const before = stack.requestCounts();
      expect((await post(delivery.headers, delivery.body)).status).toBe(200);
      const after = stack.requestCounts();
      expect({ dynamodb: after.dynamodb - before.dynamodb, sqs: after.sqs - before.sqs }).toEqual({
        dynamodb: 1,
        sqs: 1,
      });
    });

    it("acknowledges Shopify's retry of a delivery and processes the delivery once", async () => {
      const delivery = webhookRequest(SECRET, {
        topic: "orders/create",
        shop: VICTIM,
        body: order({ id: "412003", name: "#5103", email: "ayu@example.com", phone: null }),
      });
      expect((await post(delivery.headers, delivery.body)).status).toBe(200);
      const before = stack.requestCounts();
      expect((await post(delivery.headers, delivery.body)).status).toBe(200);
      const after = stack.requestCounts();
      // The retry is recognised by the route itself, not left to SQS's five-minute de-duplication window.
      expect(after.sqs - before.sqs).toBe(0);
      expect(await processed()).toBe(1);
      expect(await cached(VICTIM, "#5103")).not.toBeNull();
    });

    it("keeps a body bound to its shop while Shopify retries a delivery that could not be queued", async () => {
      const genuine = webhookRequest(SECRET, {
        topic: "orders/create",
        shop: VICTIM,
        body: order({ id: "412005", name: "#5105", email: "ayu@example.com", phone: null }),
      });
      queueDown = true;
      try {
        expect((await post(genuine.headers, genuine.body)).status).toBeGreaterThanOrEqual(500);
      } finally {
        queueDown = false;
      }
      expect(
        (await post({ ...genuine.headers, "x-shopify-shop-domain": ATTACKER }, genuine.body)).status,
      ).toBe(401);
      expect((await post(genuine.headers, genuine.body)).status).toBe(200);
      expect(await processed()).toBe(1);
      expect(await cached(VICTIM, "#5105")).not.toBeNull();
      expect(await cached(ATTACKER, "#5105")).toBeNull();
    });

    it("processes orders/create and orders/updated of one change even with byte-identical bodies and one event id", async () => {
      const body = order({ id: "412004", name: "#5104", email: "ayu@example.com", phone: null });
      const eventId = randomUUID();
      for (const topic of ["orders/create", "orders/updated"]) {
        const delivery = webhookRequest(SECRET, { topic, shop: VICTIM, body, eventId });
        expect((await post(delivery.headers, delivery.body)).status).toBe(200);
      }
      expect(await processed()).toBe(2);
      expect(await cached(VICTIM, "#5104")).not.toBeNull();
    });
  });

  describe("our cookie key is not Shopify's webhook key (#3)", () => {
    it("does not accept the install flow's signed state cookie as a webhook signature", async () => {
      const { cookie } = await startInstall(ATTACKER);
      const signed = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
      const dot = signed.lastIndexOf(".");
      const body = signed.slice(0, dot);
      const headers = {
        ...webhookRequest(SECRET, { topic: "orders/create", shop: VICTIM, body }).headers,
        "x-shopify-hmac-sha256": signed.slice(dot + 1),
      };
      expect(await officiallyValidWebhook(SECRET, headers, body)).toBe(false);
      expect((await post(headers, body)).status).toBe(401);
    });

    it("drops an unprocessable queued event with an audit record, and the shop's later events still run", async () => {
      // As if queued by an earlier release: the route now refuses such a body before it is ever queued.
      await stack.sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queues.shopifyEvents,
          MessageBody: JSON.stringify({
            topic: "orders/create",
            shopId: VICTIM,
            eventId: "poison-1",
            webhookId: null,
            triggeredAt: null,
            body: "b7d3c0de:victim-batik.myshopify.com",
          }),
          MessageGroupId: VICTIM,
          MessageDeduplicationId: "poison-1",
        }),
      );
      await deliver(
        "orders/create",
        VICTIM,
        order({ id: "411005", name: "#5005", email: "ayu@example.com", phone: null }),
      );
      await drain();
      expect(await cached(VICTIM, "#5005")).not.toBeNull();
      expect(await audit(VICTIM)).toContainEqual(
        expect.objectContaining({ requestId: "poison-1", summary: { droppedUnprocessable: 1 } }),
      );
      const dead = await stack.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.queues.shopifyEventsDeadLetters,
          MaxNumberOfMessages: 10,
        }),
      );
      expect(dead.Messages ?? []).toEqual([]);
    });
  });

  describe("customers/redact with Shopify's example payloads (#5)", () => {
    it("leaves no item holding the customer's email, phones or orders, and keeps another shopper's order indexed", async () => {
      // Shopify's example customer (phone 555-625-1199) and their three orders, each with its own contact phone.
      const orders = [
        order({ id: "299938", name: "#9001", email: "john@example.com", phone: "+16135550135" }),
        order({ id: "280263", name: "#9002", email: "john@example.com", phone: null }),
        order({ id: "220458", name: "#9003", email: "john@example.com", phone: "+16135550177" }),
        // Another shopper in the same household: the same contact phone as order #9001.
        order({ id: "411100", name: "#9100", email: "jane@example.com", phone: "+16135550135" }),
      ];
      for (const body of orders) expect((await deliver("orders/create", VICTIM, body)).status).toBe(200);
      await drain();
      expect((await cached(VICTIM, "#9003"))?.phone).toBe("+16135550177");

      expect((await deliver("customers/redact", VICTIM, fixture("customers-redact", VICTIM))).status).toBe(
        200,
      );
      await drain();

      const items = await scan();
      const text = JSON.stringify(items);
      for (const trace of [
        "john@example.com",
        "555-625-1199",
        "5556251199",
        "+16135550177",
        "gid://shopify/Order/299938",
        "gid://shopify/Order/280263",
        "gid://shopify/Order/220458",
        '"#9001"',
        '"#9002"',
        '"#9003"',
      ])
        expect(text, trace).not.toContain(trace);
      const household = items.find((i) => i.pk === `SHOP#${VICTIM}#LOOKUP#phone:+16135550135`);
      expect(Object.keys((household?.orders ?? {}) as object)).toEqual(["9100"]);
      expect(await cached(VICTIM, "#9100")).not.toBeNull();
    });
  });

  describe("order data is validated on the way in (#10)", () => {
    it("refuses an order whose currency is not ISO 4217, and caches nothing of it", async () => {
      const body = order({ id: "411006", name: "#5006", email: "ayu@example.com", phone: null }).replace(
        '"currency": "USD"',
        '"currency": "US$"',
      );
      const res = await deliver("orders/create", VICTIM, body);
      expect(res.status).toBe(400);
      await drain();
      expect(await cached(VICTIM, "#5006")).toBeNull();
    });
  });
});
