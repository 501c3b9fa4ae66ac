import { describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe("Tenant isolation and the error contract", () => {
  const stack = useLocalStack();
  const url = (path: string) => `${stack().url}${path}`;
  const otherKey = "sk_test_other_shop_key_0123456789";

  it("does not let a second shop read the first shop's conversation (404, not 403)", async () => {
    await stack().deps.shops.putShop(
      { id: ShopId("other-shop.myshopify.com"), name: "Other", markets: ["SG"] },
      otherKey,
    );
    const { body } = await http<{ conversationId: string }>(url("/v1/messages"), {
      token: stack().apiKey,
      body: shopperMessage("hello", { market: "SG" }),
    });
    const mine = await http(url(`/v1/conversations/${body.conversationId}`), { token: stack().apiKey });
    expect(mine.status).toBe(200);
    const theirs = await http<ErrorBody>(url(`/v1/conversations/${body.conversationId}`), {
      token: otherKey,
    });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("not_found");
    const list = await http<{ items: unknown[] }>(url("/v1/conversations"), { token: otherKey });
    expect(list.body.items).toHaveLength(0);
  });

  it("gives the same thread id of two shops two separate conversations", async () => {
    const message = shopperMessage("hello", {
      market: "SG",
      conversationId: "shared-thread",
      messageId: "shared-1",
    });
    const a = await http<{ conversationId: string }>(url("/v1/messages"), {
      token: stack().apiKey,
      body: message,
    });
    const b = await http<{ conversationId: string }>(url("/v1/messages"), { token: otherKey, body: message });
    expect(a.body.conversationId).not.toBe(b.body.conversationId);
  });

  it("rejects a body that is not JSON with 400 invalid_json", async () => {
    const res = await http<ErrorBody>(url("/v1/messages"), {
      token: stack().apiKey,
      rawBody: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("rejects a schema violation with 400 and the paths of the bad fields", async () => {
    const res = await http<ErrorBody>(url("/v1/messages"), {
      token: stack().apiKey,
      body: { channel: "api", conversationId: "", text: "" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["conversationId", "messageId", "shopper", "text"]));
  });

  it("answers 401 without a key and with a wrong key", async () => {
    const none = await http<ErrorBody>(url("/v1/messages"), { body: shopperMessage("hi") });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    const wrong = await http<ErrorBody>(url("/v1/messages"), {
      token: "sk_wrong_key_00000000",
      body: shopperMessage("hi"),
    });
    expect(wrong.status).toBe(401);
  });

  it("answers 401 to an agent token signed with another secret", async () => {
    const forged = await signAgentToken(new TextEncoder().encode("another-secret-that-is-long-enough-000"), {
      sub: "intruder",
      name: "Intruder",
      regions: ["sea"],
      shops: ["*"],
      languages: [],
    });
    const res = await http<ErrorBody>(url("/v1/inbox"), { token: forged });
    expect(res.status).toBe(401);
  });

  it("answers 401 to an expired agent token", async () => {
    const claims = { sub: "a", name: "A", regions: ["sea" as const], shops: ["*"], languages: [] };
    const expired = await signAgentToken(
      stack().deps.agentJwtSecret,
      claims,
      Math.floor(Date.now() / 1000) - 60,
    );
    const res = await http<ErrorBody>(url("/v1/inbox"), { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("expired");
  });

  it("rejects a body over 64 KB with 413", async () => {
    const res = await http<ErrorBody>(url("/v1/messages"), {
      token: stack().apiKey,
      body: shopperMessage("x".repeat(70 * 1024)),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("rejects a body that is not declared as JSON with 415", async () => {
    const res = await http<ErrorBody>(url("/v1/messages"), {
      token: stack().apiKey,
      rawBody: "text=hi",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
  });

  it("rejects an unknown market with 400 listing the valid ones", async () => {
    const res = await http<ErrorBody>(url("/v1/messages"), {
      token: stack().apiKey,
      body: shopperMessage("hi", { market: "US" }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("unknown_market");
    expect((res.body.error.details as { validMarkets: string[] }).validMarkets).toEqual([
      "ID",
      "TH",
      "PH",
      "MY",
      "SG",
      "VN",
      "HK",
      "TW",
      "CN",
      "JP",
      "KR",
      "IN",
    ]);
  });

  it("answers a tampered pagination cursor with 400 invalid_request, never a 500", async () => {
    const mine = `SHOP#${DEMO_SHOP_ID}#CONVS`;
    const inbox = `SHOP#${DEMO_SHOP_ID}#INBOX#sea#open`;
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const key = { pk: "SHOP#x#CONV#1", sk: "META", gsi1pk: mine, gsi1sk: "2026-01-01" };
    const tampered = [
      encode({ gsi1pk: mine }),
      encode({ gsi1pk: mine, note: "x" }),
      encode({ ...key, extra: "y" }),
      encode({ ...key, sk: 7 }),
      encode(null),
      "not-base64-json",
    ];
    for (const cursor of tampered) {
      const res = await http<ErrorBody>(url(`/v1/conversations?cursor=${cursor}`), { token: stack().apiKey });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    for (const cursor of [
      encode({ [inbox]: { gsi1pk: inbox } }),
      encode({ [inbox]: { ...key, gsi1pk: inbox, x: "1" } }),
    ]) {
      const res = await http<ErrorBody>(url(`/v1/inbox?region=sea&cursor=${cursor}`), {
        token: stack().agentTokens.sea,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
  });

  it("marks every JSON answer, success or error, Cache-Control: no-store", async () => {
    const answers = [
      await http(url("/v1/conversations"), { token: stack().apiKey }),
      await http(url("/v1/settings"), { token: stack().apiKey }),
      await http(url("/v1/conversations/nope"), { token: stack().apiKey }),
      await http(url("/v1/messages"), { body: shopperMessage("hi") }),
      await http(url("/v1/inbox"), { token: stack().agentTokens.sea }),
    ];
    for (const res of answers) {
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers an unknown route with 404 in the error envelope", async () => {
    const res = await http<ErrorBody>(url("/v1/nothing-here"), { token: stack().apiKey });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("reports health, and with deep=1 that the table and every queue answer", async () => {
    expect((await http(url("/health"))).body).toEqual({ status: "ok" });
    const deep = await http<{ status: string; checks: Record<string, string> }>(url("/health?deep=1"));
    expect(deep.status).toBe(200);
    expect(Object.keys(deep.body.checks)).toEqual([
      "table",
      "queue:sea",
      "queue:greater-china",
      "queue:north-asia",
      "queue:south-asia",
    ]);
  });

  it("serves the OpenAPI document generated from the request schemas", async () => {
    const doc = await http<{ openapi: string; paths: Record<string, unknown> }>(url("/openapi.json"));
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/v1/messages",
        "/v1/conversations",
        "/v1/conversations/{conversationId}",
        "/v1/inbox",
      ]),
    );
  });
});
