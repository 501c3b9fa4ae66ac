/** docs/api.md, clause by clause: the behaviours integrators rely on, each checked over real HTTP. */
import { describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import type { ShopRecord } from "../../functions/domain/ports";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };
type Conversation = { conversationId: string; threadId: string; market: string; lastMessageAt: string };
type Detail = Conversation & { messages: { role: string; text: string; at: string }[] };
type Settings = {
  markets: string[];
  marketOverrides: Record<
    string,
    {
      posture: string;
      region: string;
      firstResponseMinutes: number;
      businessHours: { days: number[]; open: string; close: string };
    }
  >;
  orderLookup: string;
  retentionDays: number | null;
  notifications: Record<string, { url: string; secret?: string }>;
};

let shops = 0;

describe("the HTTP contract of docs/api.md", () => {
  const stack = useLocalStack();
  const url = (path: string) => `${stack().url}${path}`;
  const send = (body: unknown, token = stack().apiKey) =>
    http<{ conversationId: string; status: string; escalation: { id: string; region: string } | null }>(
      url("/v1/messages"),
      { token, body },
    );
  const conversation = async (id: string) =>
    (await http<Detail>(url(`/v1/conversations/${id}`), { token: stack().apiKey })).body;
  /** A shop of its own, so a test's settings never leak into another's. */
  const newShop = async (markets: string[], extra: Partial<ShopRecord> = {}) => {
    shops++;
    const key = `sk_test_contract_${shops}_${Date.now()}`;
    const id = ShopId(`contract-${shops}-${Date.now()}.myshopify.com`);
    await stack().deps.shops.putShop({ id, name: "Contract", markets, ...extra }, key);
    return { id, key };
  };
  /** A POST with no body and no Content-Type, as `curl -X POST` sends it. */
  const bodiless = (path: string, token: string, headers: Record<string, string> = {}) =>
    fetch(url(path), { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers } });

  describe("agent action routes", () => {
    async function escalated() {
      const { body } = await send(shopperMessage("I want to talk to a human", { market: "SG" }));
      const id = body.escalation?.id as string;
      await eventually(
        async () => (await http(url(`/v1/inbox/${id}`), { token: stack().agentTokens.sea })).status === 200,
      );
      return id;
    }

    it("claims, resolves and releases on a bodiless POST (no 415)", async () => {
      const token = stack().agentTokens.sea;
      const first = await escalated();
      const claim = await bodiless(`/v1/inbox/${first}/claim`, token);
      expect(claim.status).toBe(200);
      expect(((await claim.json()) as { status: string }).status).toBe("claimed");
      const resolve = await bodiless(`/v1/inbox/${first}/resolve`, token);
      expect(resolve.status).toBe(200);
      expect(((await resolve.json()) as { status: string }).status).toBe("resolved");

      const second = await escalated();
      expect((await bodiless(`/v1/inbox/${second}/claim`, token)).status).toBe(200);
      expect((await bodiless(`/v1/inbox/${second}/release`, token)).status).toBe(200);
    });

    it("takes an empty body sent as JSON like no body at all", async () => {
      const id = await escalated();
      const res = await bodiless(`/v1/inbox/${id}/claim`, stack().agentTokens.sea, {
        "content-type": "application/json",
        "content-length": "0",
      });
      expect(res.status).toBe(200);
    });

    it("still refuses a body that is not JSON with 415", async () => {
      const id = await escalated();
      const res = await http<ErrorBody>(url(`/v1/inbox/${id}/claim`), {
        token: stack().agentTokens.sea,
        rawBody: "note=hi",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
    });
  });

  describe("POST /v1/messages", () => {
    it("answers 409 message_id_reused when a messageId comes back with another text, and changes nothing", async () => {
      const message = shopperMessage("where is my order #1001?", { market: "SG" });
      const first = await send(message);
      expect(first.status).toBe(200);
      const reused = await http<ErrorBody>(url("/v1/messages"), {
        token: stack().apiKey,
        body: { ...message, text: "cancel everything please" },
      });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe("message_id_reused");
      const shopperTexts = (await conversation(first.body.conversationId)).messages
        .filter((m) => m.role === "shopper")
        .map((m) => m.text);
      expect(shopperTexts).toEqual(["where is my order #1001?"]);
    });

    it("takes a sentAt in the future as now: the transcript keeps its order and the conversation is not pinned on top", async () => {
      const future = await send(shopperMessage("hello", { market: "SG", sentAt: "2099-01-01T00:00:00Z" }));
      const later = await send(shopperMessage("hello again", { market: "SG" }));
      const detail = await conversation(future.body.conversationId);
      expect(Date.parse(detail.lastMessageAt)).toBeLessThanOrEqual(Date.now());
      expect(detail.messages.every((m) => Date.parse(m.at) <= Date.now())).toBe(true);
      const list = await http<{ items: Conversation[] }>(url("/v1/conversations?limit=1"), {
        token: stack().apiKey,
      });
      expect(list.body.items[0]?.conversationId).toBe(later.body.conversationId);
    });

    it("refuses a message without market from a shop selling in several markets (400 market_required)", async () => {
      const { market: _left, ...withoutMarket } = shopperMessage("人と話したいです");
      const res = await http<ErrorBody>(url("/v1/messages"), { token: stack().apiKey, body: withoutMarket });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("market_required");
      expect(res.body.error.details).toMatchObject({ field: "market" });
    });

    it("derives the market of a shop that sells in one market only", async () => {
      const { key } = await newShop(["JP"]);
      const { market: _left, ...withoutMarket } = shopperMessage("担当者と話したいです");
      const res = await send(withoutMarket, key);
      expect(res.status).toBe(200);
      expect(res.body.escalation?.region).toBe("north-asia");
    });
  });

  describe("GET /v1/conversations by the channel's own thread id", () => {
    it("finds the conversation from channel and threadId, and from threadId alone", async () => {
      const threadId = `seller-thread-${Date.now()}`;
      // Another conversation on the same channel, newer, so only a real lookup finds the one asked for.
      const sent = await send(
        shopperMessage("hello", { market: "SG", channel: "web", conversationId: threadId }),
      );
      await send(
        shopperMessage("hello", { market: "SG", channel: "web", conversationId: `${threadId}-other` }),
      );
      const exact = await http<{ items: Conversation[]; nextCursor: string | null }>(
        url(`/v1/conversations?channel=web&threadId=${threadId}`),
        { token: stack().apiKey },
      );
      expect(exact.body.items.map((c) => c.conversationId)).toEqual([sent.body.conversationId]);
      expect(exact.body.nextCursor).toBeNull();
      const byThread = await http<{ items: Conversation[] }>(
        url(`/v1/conversations?threadId=${threadId}&limit=100`),
        { token: stack().apiKey },
      );
      expect(byThread.body.items.map((c) => c.threadId)).toEqual([threadId]);
    });

    it("does not find another shop's thread", async () => {
      const threadId = `private-thread-${Date.now()}`;
      await send(shopperMessage("hello", { market: "SG", conversationId: threadId }));
      const other = await newShop(["SG"]);
      const res = await http<{ items: Conversation[] }>(
        url(`/v1/conversations?channel=api&threadId=${threadId}`),
        {
          token: other.key,
        },
      );
      expect(res.body.items).toEqual([]);
    });
  });

  describe("settings", () => {
    const settings = (key: string) => http<Settings>(url("/v1/settings"), { token: key });
    const put = (key: string, body: unknown) =>
      http<Settings & ErrorBody>(url("/v1/settings"), { method: "PUT", token: key, body });
    const patch = (key: string, body: unknown) =>
      http<Settings & ErrorBody>(url("/v1/settings"), {
        method: "PATCH",
        token: key,
        body,
        headers: { "content-type": "application/merge-patch+json" },
      });
    const paths = (body: ErrorBody) => (body.error.details as { path: string }[]).map((d) => d.path);

    it("returns the settings in force, defaults included, without the shop id", async () => {
      const { key } = await newShop(["JP", "KR"]);
      const { status, body } = await settings(key);
      expect(status).toBe(200);
      expect(body).toEqual({
        markets: ["JP", "KR"],
        marketOverrides: {
          JP: {
            posture: "cautious",
            region: "north-asia",
            firstResponseMinutes: 60,
            businessHours: { days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" },
          },
          KR: {
            posture: "hybrid",
            region: "north-asia",
            firstResponseMinutes: 60,
            businessHours: { days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" },
          },
        },
        orderLookup: "cache_then_shopify",
        retentionDays: null,
        notifications: {},
        // Order actions: the posture decides until the seller does (cautious Japan: approval).
        actions: {
          cancel_order: null,
          change_address: null,
          return_request: null,
          resend_tracking: null,
          refundMethod: "original_payment_method",
          restock: true,
          proposalMinutes: 30,
          markets: {
            JP: {
              cancel_order: "approval",
              change_address: "approval",
              return_request: "approval",
              resend_tracking: "auto",
            },
            KR: {
              cancel_order: "auto",
              change_address: "auto",
              return_request: "auto",
              resend_tracking: "auto",
            },
          },
        },
      });
    });

    it("round-trips GET → edit one field → PUT → GET", async () => {
      const { key } = await newShop(["JP", "KR"]);
      const read = (await settings(key)).body;
      const edited = structuredClone(read);
      (edited.marketOverrides.JP as Settings["marketOverrides"][string]).posture = "hybrid";
      const written = await put(key, edited);
      expect(written.status).toBe(200);
      expect(written.body).toEqual(edited);
      expect((await settings(key)).body).toEqual(edited);
    });

    it("keeps a write-only notification secret that a PUT leaves out", async () => {
      const { id, key } = await newShop(["SG"]);
      const withSecret = {
        ...(await settings(key)).body,
        notifications: { sea: { url: "https://hooks.example/sea", secret: "a-long-enough-secret" } },
      };
      expect((await put(key, withSecret)).status).toBe(200);
      const sealed = (await stack().deps.shops.get(id))?.notifications?.sea?.sealedSecret;
      const read = (await settings(key)).body;
      expect(read.notifications).toEqual({ sea: { url: "https://hooks.example/sea" } });
      const again = await put(key, { ...read, retentionDays: 30 });
      expect(again.status).toBe(200);
      const stored = await stack().deps.shops.get(id);
      expect(stored?.retentionDays).toBe(30);
      expect(stored?.notifications?.sea?.sealedSecret).toBe(sealed);
    });

    it("refuses a new notification endpoint without its secret, naming the field", async () => {
      const { key } = await newShop(["SG"]);
      const res = await put(key, {
        ...(await settings(key)).body,
        notifications: { sea: { url: "https://hooks.example/sea" } },
      });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(["notifications.sea.secret"]);
    });

    it("refuses a partial PUT, naming the missing settings, and changes nothing", async () => {
      const { key } = await newShop(["SG"], { retentionDays: 90 });
      const res = await put(key, { markets: ["SG", "MY"] });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(
        expect.arrayContaining(["marketOverrides", "orderLookup", "retentionDays", "notifications"]),
      );
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining("PATCH") })]),
      );
      const read = (await settings(key)).body;
      expect(read.markets).toEqual(["SG"]);
      expect(read.retentionDays).toBe(90);
    });

    it("merges a PATCH (JSON merge patch) into the settings in force", async () => {
      const { key } = await newShop(["JP"], {
        notifications: { "north-asia": { url: "https://hooks.example/na", sealedSecret: "sealed" } },
      });
      const res = await patch(key, {
        retentionDays: 30,
        marketOverrides: { JP: { businessHours: { close: "20:00" } } },
      });
      expect(res.status).toBe(200);
      expect(res.body.retentionDays).toBe(30);
      expect(res.body.marketOverrides.JP).toEqual({
        posture: "cautious",
        region: "north-asia",
        firstResponseMinutes: 60,
        businessHours: { days: [1, 2, 3, 4, 5], open: "09:00", close: "20:00" },
      });
      expect(res.body.notifications).toEqual({ "north-asia": { url: "https://hooks.example/na" } });
      expect((await settings(key)).body).toEqual(res.body);
    });

    it("resets a setting to its default when a PATCH sets it to null", async () => {
      const { key } = await newShop(["JP"], {
        retentionDays: 30,
        marketOverrides: { JP: { posture: "ai-first" } },
      });
      const res = await patch(key, { retentionDays: null, marketOverrides: { JP: { posture: null } } });
      expect(res.status).toBe(200);
      expect(res.body.retentionDays).toBeNull();
      expect(res.body.marketOverrides.JP?.posture).toBe("cautious");
    });

    it("refuses business hours with no working day, saying so", async () => {
      const { key } = await newShop(["JP"]);
      const res = await patch(key, { marketOverrides: { JP: { businessHours: { days: [] } } } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      const detail = (res.body.error.details as { path: string; message: string }[]).find(
        (d) => d.path === "marketOverrides.JP.businessHours.days",
      );
      expect(detail?.message).toContain("working day");
      const read = (await settings(key)).body;
      expect(read.marketOverrides.JP?.businessHours.days).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe("GET /v1/analytics", () => {
    it("accepts plain dates, a plain `to` including its whole day", async () => {
      const res = await http<{ from: string; to: string }>(
        url("/v1/analytics?from=2026-11-01&to=2026-11-07"),
        {
          token: stack().apiKey,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.from).toBe("2026-11-01T00:00:00.000Z");
      expect(res.body.to).toBe("2026-11-08T00:00:00.000Z");
    });

    it("refuses a date that is not one, naming the field", async () => {
      const res = await http<ErrorBody>(url("/v1/analytics?from=2026-13-01"), { token: stack().apiKey });
      expect(res.status).toBe(400);
      expect((res.body.error.details as { path: string }[]).map((d) => d.path)).toContain("from");
    });
  });
});

type Schema = Record<string, unknown>;
type Doc = {
  paths: Record<string, Record<string, { requestBody?: Operation; responses: Record<string, Operation> }>>;
  components: { schemas: Record<string, Schema> };
};
type Operation = { content?: Record<string, { schema?: Schema }> };

/** Error details vary by error (docs/api.md: `"details": …`): the one place a free-form value is the contract. */
const FREE_FORM = new Set(["Error.error.details"]);
/** Values the server assigns; a request body must never require them (the channel's buyer id is the client's). */
const SERVER_GENERATED = new Set(["id", "createdAt", "updatedAt", "connectedAt", "generatedAt"]);
const CLIENT_IDS = new Set(["Shopper.id", "ProductVariant.id"]);

/** Every schema node reachable from `schema`, with a readable path; each component is visited once. */
function* walk(
  doc: Doc,
  schema: Schema,
  path: string,
  seen = new Set<string>(),
): Generator<[string, Schema]> {
  const ref = schema.$ref as string | undefined;
  if (ref) {
    const name = ref.replace("#/components/schemas/", "");
    if (seen.has(name)) return;
    seen.add(name);
    yield* walk(doc, doc.components.schemas[name] as Schema, name, seen);
    return;
  }
  yield [path, schema];
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
    yield* walk(doc, child, `${path}.${key}`, seen);
  if (schema.items) yield* walk(doc, schema.items as Schema, `${path}[]`, seen);
  if (typeof schema.additionalProperties === "object")
    yield* walk(doc, schema.additionalProperties as Schema, `${path}{}`, seen);
  for (const key of ["anyOf", "oneOf", "allOf"])
    for (const [i, child] of ((schema[key] ?? []) as Schema[]).entries())
      yield* walk(doc, child, `${path}|${i}`, seen);
}

const typed = (s: Schema) =>
  ["type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const"].some((k) => k in s) &&
  !(
    s.type === "object" &&
    Object.keys((s.properties ?? {}) as object).length === 0 &&
    !s.additionalProperties
  );

describe("the OpenAPI document", () => {
  const stack = useLocalStack({ autoPoll: false });
  const doc = async () => (await http<Doc>(`${stack().url}/openapi.json`)).body;
  const operations = (d: Doc) =>
    Object.entries(d.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  it("types every response of every operation: no `{}` and no untyped object", async () => {
    const d = await doc();
    const untyped: string[] = [];
    for (const { name, op } of operations(d)) {
      for (const [status, response] of Object.entries(op.responses)) {
        // A 204 has no body by definition (HTTP), so there is nothing to type.
        if (status === "204") continue;
        const schema = response.content?.["application/json"]?.schema;
        if (!schema) {
          untyped.push(`${name} ${status}: no JSON schema`);
          continue;
        }
        for (const [path, node] of walk(d, schema, `${name} ${status}`))
          if (!typed(node) && !FREE_FORM.has(path)) untyped.push(path);
      }
    }
    expect(untyped).toEqual([]);
  });

  it("never requires in a request body a field the server generates", async () => {
    const d = await doc();
    const offending: string[] = [];
    for (const { name, op } of operations(d)) {
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        if (!media.schema) continue;
        for (const [path, node] of walk(d, media.schema, `${name} body`)) {
          for (const field of (node.required ?? []) as string[]) {
            const owner = path.split(".").at(-1) ?? path;
            if (SERVER_GENERATED.has(field) && !CLIENT_IDS.has(`${owner}.${field}`))
              offending.push(`${path}.${field}`);
          }
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it("documents every route of docs/api.md built so far", async () => {
    const names = operations(await doc()).map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "GET /health",
        "POST /v1/messages",
        "GET /v1/conversations",
        "GET /v1/conversations/{conversationId}",
        "GET /v1/settings",
        "PUT /v1/settings",
        "PATCH /v1/settings",
        "GET /v1/inbox",
        "GET /v1/inbox/{escalationId}",
        "POST /v1/inbox/{escalationId}/claim",
        "POST /v1/inbox/{escalationId}/messages",
        "POST /v1/inbox/{escalationId}/resolve",
        "POST /v1/inbox/{escalationId}/release",
      ]),
    );
  });
});
