/**
 * Store knowledge from Shopify, against the local Shopify: the catalog and policies read at install (paginated) and on
 * demand, then kept current by the product webhooks, where an older event never overwrites a newer one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, LOCAL_DEFAULTS } from "../../functions/local/stack";
import { fakeProduct } from "../support/fake-shopify";
import { http } from "../support/local-stack";
import { signedQuery, webhookRequest } from "../support/shopify-signing";
import { startStackWithShopify } from "../support/shopify-stack";

const SHOP = "knowledge-silk.myshopify.com";
const SECRET = LOCAL_DEFAULTS.shopifyApiSecret;
const DRESS = "8001";

type Answer = { answered: boolean; text: string; sources: { type: string; id: string }[] };
type Product = {
  id: string;
  title: string;
  updatedAt: string;
  variants: { available: boolean; price: string }[];
};

/** A products/create or products/update body as Shopify sends it (REST shape, ids as bare numbers). */
function productBody(o: {
  id: string;
  title: string;
  updatedAt: string;
  mAvailable?: boolean;
  status?: string;
}) {
  const variant = (n: number, size: string, quantity: number) =>
    `{"id": ${o.id}${n}, "title": "${size}", "sku": null, "price": "1490.00", "option1": "${size}", "option2": null, "option3": null, "inventory_quantity": ${quantity}, "inventory_policy": "deny", "inventory_management": "shopify"}`;
  return `{"id": ${o.id}, "title": "${o.title}", "body_html": "<p>Hand-woven <b>Thai silk</b>.</p>", "handle": "silk-dress", "status": "${o.status ?? "active"}", "updated_at": "${o.updatedAt}", "options": [{"name": "Size", "values": ["S", "M"]}], "variants": [${variant(0, "S", 3)}, ${variant(1, "M", o.mAvailable ? 2 : 0)}]}`;
}

describe("store knowledge from Shopify", () => {
  let fake: Awaited<ReturnType<typeof startStackWithShopify>>["fake"];
  let stack: LocalStack;
  let apiKey = "";
  const url = (path: string) => `${stack.url}${path}`;
  const deliver = async (topic: string, body: string) => {
    const request = webhookRequest(SECRET, { topic, shop: SHOP, body });
    const res = await fetch(url("/webhooks/shopify"), {
      method: "POST",
      headers: request.headers,
      body: request.body,
    });
    await stack.poller.drain();
    return res.status;
  };
  const product = async (id: string) => http<Product>(url(`/v1/catalog/products/${id}`), { token: apiKey });
  const ask = (question: string, market = "TH", language?: string) =>
    http<Answer>(url("/v1/knowledge/ask"), { token: apiKey, body: { question, market, language } });

  beforeAll(async () => {
    ({ fake, stack } = await startStackWithShopify());
    fake.setCurrency(SHOP, "THB");
    // Thirty products: more than one page of the catalog query.
    fake.setProducts(SHOP, [
      fakeProduct({
        id: `gid://shopify/Product/${DRESS}`,
        title: "Silk Wrap Dress",
        description: "Hand-woven Thai silk.",
      }),
      ...Array.from({ length: 29 }, (_, i) =>
        fakeProduct({ id: `gid://shopify/Product/${9000 + i}`, title: `Scarf pattern ${i}` }),
      ),
    ]);
    fake.setPolicies(SHOP, [
      {
        type: "REFUND_POLICY",
        title: "Refund policy",
        body: "<p>Items can be returned within <strong>30 days</strong> of delivery for a refund.</p>",
        url: "https://knowledge-silk.example/policies/refund-policy",
        translations: [
          { locale: "th", key: "title", value: "นโยบายการคืนเงิน" },
          { locale: "th", key: "body", value: "<p>คืนสินค้าได้ภายใน 30 วันหลังได้รับสินค้าเพื่อรับเงินคืน</p>" },
        ],
      },
      {
        type: "CONTACT_INFORMATION",
        title: "Contact",
        body: "<p>Call us.</p>",
        url: "https://x.example",
        translations: [],
      },
    ]);
    const install = await fetch(url(`/shopify/install?${signedQuery(SECRET, { shop: SHOP })}`), {
      redirect: "manual",
    });
    const cookie = install.headers.get("set-cookie")?.split(";")[0] ?? "";
    const state = new URL(install.headers.get("location") ?? "").searchParams.get("state") ?? "";
    const callback = await fetch(
      url(`/shopify/callback?${signedQuery(SECRET, { shop: SHOP, code: fake.issueCode(SHOP), state })}`),
      { headers: { cookie } },
    );
    apiKey = ((await callback.json()) as { apiKey: string }).apiKey;
    // The install queued the catalog sync; each page queues the next.
    await stack.poller.drain();
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
  });

  it("subscribes the product topics at install", () => {
    expect(fake.subscriptions.map((s) => s.topic)).toEqual(
      expect.arrayContaining(["PRODUCTS_CREATE", "PRODUCTS_UPDATE", "PRODUCTS_DELETE"]),
    );
  });

  it("reads every page of the catalog at install, with prices in the shop's currency and availability per size", async () => {
    const first = await http<{ items: Product[]; nextCursor: string }>(
      url("/v1/catalog/products?limit=100"),
      {
        token: apiKey,
      },
    );
    expect(first.body.items).toHaveLength(30);
    const dress = (await product(DRESS)).body;
    expect(dress).toMatchObject({ title: "Silk Wrap Dress", source: "shopify" });
    expect(dress.variants.map((v) => v.available)).toEqual([true, false, true]);
    const answer = await ask("Is the Silk Wrap Dress available in size M?", "TH", "en");
    expect(answer.body.sources).toEqual([{ type: "product", id: DRESS }]);
    expect(answer.body.text).toContain("out of stock");
    const price = await ask("ชุด Silk Wrap Dress ราคาเท่าไหร่คะ");
    expect(price.body.sources).toEqual([{ type: "product", id: DRESS }]);
    expect(price.body.text.replace(/\s/g, " ")).toContain("฿1,290.00");
  });

  it("reads the shop's policies with their translations, and answers from the shopper's language", async () => {
    const policies = await http<{
      items: { kind: string; body: string; translations?: Record<string, unknown> }[];
    }>(url("/v1/knowledge/policies"), { token: apiKey });
    expect(policies.body.items.map((p) => p.kind)).toEqual(["refund"]);
    expect(policies.body.items[0]?.body).toBe(
      "Items can be returned within 30 days of delivery for a refund.",
    );
    const answer = await ask("คืนสินค้าได้ภายในกี่วันคะ");
    expect(answer.body).toMatchObject({ answered: true, sources: [{ type: "policy", id: "refund" }] });
    expect(answer.body.text).toContain("30 วัน");
    expect(answer.body.text).toContain("https://knowledge-silk.example/policies/refund-policy");
  });

  it("applies a newer products/update and never lets an older one overwrite it", async () => {
    expect(
      await deliver(
        "products/update",
        productBody({
          id: DRESS,
          title: "Silk Dress v2",
          updatedAt: "2026-11-20T10:00:00Z",
          mAvailable: true,
        }),
      ),
    ).toBe(200);
    expect((await product(DRESS)).body).toMatchObject({
      title: "Silk Dress v2",
      updatedAt: "2026-11-20T10:00:00.000Z",
    });
    // Delivered late: an edit made before the one stored.
    await deliver(
      "products/update",
      productBody({ id: DRESS, title: "Silk Dress v1", updatedAt: "2026-11-20T09:00:00Z" }),
    );
    expect((await product(DRESS)).body.title).toBe("Silk Dress v2");
    expect((await ask("Is the Silk Dress v2 available in size M?", "TH", "en")).body.text).toContain(
      "in stock",
    );
  });

  it("adds a product from products/create and removes it on products/delete, for good", async () => {
    await deliver(
      "products/create",
      productBody({ id: "8002", title: "Batik Sarong", updatedAt: "2026-11-20T10:00:00Z" }),
    );
    expect((await product("8002")).status).toBe(200);
    expect(await deliver("products/delete", '{"id": 8002}')).toBe(200);
    expect((await product("8002")).status).toBe(404);
    // An update made before the delete, delivered after it, does not bring the product back.
    await deliver(
      "products/update",
      productBody({ id: "8002", title: "Batik Sarong", updatedAt: "2026-11-20T11:00:00Z" }),
    );
    expect((await product("8002")).status).toBe(404);
    expect((await ask("How much is the Batik Sarong?", "TH", "en")).body.answered).toBe(false);
  });

  it("withdraws a product Shopify archives", async () => {
    await deliver(
      "products/create",
      productBody({ id: "8003", title: "Lamphun Silk Shawl", updatedAt: "2026-11-20T10:00:00Z" }),
    );
    await deliver(
      "products/update",
      productBody({
        id: "8003",
        title: "Lamphun Silk Shawl",
        updatedAt: "2026-11-20T12:00:00Z",
        status: "archived",
      }),
    );
    expect((await product("8003")).status).toBe(404);
  });

  it("refuses a product body replayed under the delete topic, so it cannot delete the product", async () => {
    const body = productBody({ id: DRESS, title: "Silk Dress v2", updatedAt: "2026-11-20T10:00:00Z" });
    const request = webhookRequest(SECRET, { topic: "products/delete", shop: SHOP, body });
    const res = await fetch(url("/webhooks/shopify"), {
      method: "POST",
      headers: request.headers,
      body: request.body,
    });
    expect(res.status).toBe(400);
    await stack.poller.drain();
    expect((await product(DRESS)).status).toBe(200);
  });

  it("reads the catalog again on demand (POST /v1/catalog/sync)", async () => {
    fake.setProducts(SHOP, [fakeProduct({ id: "gid://shopify/Product/8100", title: "Indigo Tote" })]);
    const res = await http<{ queued: boolean }>(url("/v1/catalog/sync"), { method: "POST", token: apiKey });
    expect(res.status).toBe(202);
    await stack.poller.drain();
    expect((await product("8100")).body).toMatchObject({ title: "Indigo Tote", source: "shopify" });
  });
});
