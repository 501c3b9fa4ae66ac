/** Store knowledge over HTTP (docs/api.md "Store knowledge"): articles, products, limits, tenancy, the test box. */
import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../functions/adapters/dynamodb/keys";
import { createTable } from "../../functions/adapters/dynamodb/table";
import { ShopId } from "../../functions/domain/ids";
import { redactShop } from "../../functions/domain/privacy";
import { MARKET_CODES } from "../../functions/domain/markets";
import { http, useLocalStack } from "../support/local-stack";

type ErrorBody = { error: { code: string; details?: unknown } };
type Answer = {
  answered: boolean;
  text: string;
  language: string;
  sources: { type: string; id: string }[];
  engine: string;
  fallbackReason?: string;
};
type Article = {
  id: string;
  title: string;
  body: string;
  language: string;
  markets?: string[];
  updatedAt: string;
};

let shops = 0;

describe("store knowledge over HTTP", () => {
  const stack = useLocalStack({ autoPoll: false });
  const url = (path: string) => `${stack().url}${path}`;
  /** A shop of its own per test, so no test sees another's knowledge. */
  const newShop = async () => {
    shops++;
    const key = `sk_test_knowledge_${shops}_${Date.now()}`;
    const id = ShopId(`knowledge-${shops}-${Date.now()}.myshopify.com`);
    await stack().deps.shops.putShop({ id, name: "Knowledge", markets: [...MARKET_CODES] }, key);
    return { id, key };
  };
  const put = (key: string, path: string, body: unknown) =>
    http<ErrorBody>(url(path), { method: "PUT", token: key, body });
  const ask = (key: string, body: Record<string, unknown>) =>
    http<Answer>(url("/v1/knowledge/ask"), { token: key, body });
  const returns = {
    title: "Returns",
    body: "You can return any item within 14 days of delivery for a full refund.",
    language: "en",
  };
  const dress = {
    title: "Aurora Wrap Dress",
    description: "A light wrap dress in breathable viscose.",
    url: "https://shop.example/products/aurora",
    language: "en",
    options: ["Size", "Colour"],
    variants: ["S", "M", "L"].flatMap((size) =>
      ["Red", "Black"].map((colour) => ({
        id: `aurora-${size}-${colour}`.toLowerCase(),
        title: `${size} / ${colour}`,
        options: { Size: size, Colour: colour },
        price: "59.90",
        currency: "SGD",
        marketPrices: { MY: { price: "189.00", currency: "MYR" } },
        available: size !== "M",
      })),
    ),
  };

  it("stores, reads, lists and deletes an article", async () => {
    const { key } = await newShop();
    const created = await put(key, "/v1/knowledge/articles/returns", { ...returns, markets: ["SG", "MY"] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: "returns", title: "Returns", markets: ["SG", "MY"] });
    await put(key, "/v1/knowledge/articles/shipping", { ...returns, title: "Shipping" });
    expect((await http<Article>(url("/v1/knowledge/articles/returns"), { token: key })).body.title).toBe(
      "Returns",
    );

    const first = await http<{ items: Article[]; nextCursor: string | null }>(
      url("/v1/knowledge/articles?limit=1"),
      { token: key },
    );
    expect(first.body.items.map((a) => a.id)).toEqual(["returns"]);
    const second = await http<{ items: Article[]; nextCursor: string | null }>(
      url(`/v1/knowledge/articles?limit=1&cursor=${first.body.nextCursor}`),
      { token: key },
    );
    expect(second.body.items.map((a) => a.id)).toEqual(["shipping"]);

    expect((await http(url("/v1/knowledge/articles/returns"), { method: "DELETE", token: key })).status).toBe(
      204,
    );
    expect((await http(url("/v1/knowledge/articles/returns"), { token: key })).status).toBe(404);
    expect((await http(url("/v1/knowledge/articles/returns"), { method: "DELETE", token: key })).status).toBe(
      404,
    );
    const left = await http<{ items: Article[] }>(url("/v1/knowledge/articles"), { token: key });
    expect(left.body.items.map((a) => a.id)).toEqual(["shipping"]);
  });

  it("answers the test box from an article, naming it as the source", async () => {
    const { key } = await newShop();
    await put(key, "/v1/knowledge/articles/returns", returns);
    const answer = await ask(key, { question: "How many days do I have to return an item?", market: "SG" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      answered: true,
      language: "en",
      sources: [{ type: "article", id: "returns" }],
    });
    expect(answer.body.text).toContain("14 days");
  });

  it("says the embedded engine answered the test box when no model is configured, with no fallback reason", async () => {
    const { key } = await newShop();
    await put(key, "/v1/knowledge/articles/returns", returns);
    const answer = await ask(key, { question: "How many days do I have to return an item?", market: "SG" });
    expect(answer.body.engine).toBe("embedded");
    expect(answer.body).not.toHaveProperty("fallbackReason");
  });

  it("sees a change at once: a deleted article no longer answers", async () => {
    const { key } = await newShop();
    await put(key, "/v1/knowledge/articles/returns", returns);
    const question = { question: "How many days do I have to return an item?", market: "SG" };
    expect((await ask(key, question)).body.answered).toBe(true);
    await http(url("/v1/knowledge/articles/returns"), { method: "DELETE", token: key });
    const after = await ask(key, question);
    expect(after.body).toMatchObject({ answered: false, sources: [] });
    // The shopper is offered a person in their language instead of a guess.
    expect(after.body.text).toContain('"agent"');
  });

  it("quotes an article in another language as the shop's own text and offers a person", async () => {
    const { key } = await newShop();
    await put(key, "/v1/knowledge/articles/returns", returns);
    const answer = await ask(key, { question: "return refund 14 days", market: "TH", language: "th" });
    expect(answer.body.answered).toBe(true);
    expect(answer.body.text).toContain("ภาษาอังกฤษ");
    expect(answer.body.text).toContain("แอดมิน");
    expect(answer.body.text).toContain(returns.body);
  });

  it("never shows an article scoped to one market to a shopper of another", async () => {
    const { key } = await newShop();
    await put(key, "/v1/knowledge/articles/shipping-my", {
      title: "Shipping to Malaysia",
      body: "Orders to Malaysia arrive by J&T Express in 3 to 5 business days; shipping is RM 8.",
      language: "en",
      markets: ["MY"],
    });
    const question = "How long is shipping to Malaysia with J&T Express?";
    expect((await ask(key, { question, market: "MY" })).body.sources).toEqual([
      { type: "article", id: "shipping-my" },
    ]);
    expect((await ask(key, { question, market: "PH" })).body.answered).toBe(false);
  });

  it("stores a product and answers price and size availability from its data, in the market's currency", async () => {
    const { key } = await newShop();
    const stored = await put(key, "/v1/catalog/products/aurora", dress);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ id: "aurora", source: "api" });

    const size = await ask(key, { question: "Is the Aurora dress available in size M?", market: "SG" });
    expect(size.body).toMatchObject({ answered: true, sources: [{ type: "product", id: "aurora" }] });
    expect(size.body.text).toContain("out of stock");
    expect(size.body.text).toContain("Size S");
    expect(size.body.text).toContain("https://shop.example/products/aurora");

    const price = await ask(key, {
      question: "Berapa harga Aurora Wrap Dress?",
      market: "MY",
      language: "ms",
    });
    expect(price.body.answered).toBe(true);
    // Intl puts a no-break space between the symbol and the amount.
    expect(price.body.text.replace(/\s/g, " ")).toContain("RM 189.00");

    const list = await http<{ items: { id: string }[] }>(url("/v1/catalog/products"), { token: key });
    expect(list.body.items.map((p) => p.id)).toEqual(["aurora"]);
    expect((await http(url("/v1/catalog/products/aurora"), { method: "DELETE", token: key })).status).toBe(
      204,
    );
    expect(
      (await ask(key, { question: "Is the Aurora dress available in size M?", market: "SG" })).body.answered,
    ).toBe(false);
  });

  it("refuses a product whose variants name an option the product lacks, naming the field", async () => {
    const { key } = await newShop();
    const bad = await put(key, "/v1/catalog/products/aurora", {
      ...dress,
      variants: [{ ...dress.variants[0], options: { Fit: "Slim" } }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain("variants.0.options.Fit");
  });

  it("refuses an article past the shop's limit with knowledge_limit_reached, and still replaces existing ones", async () => {
    const { id, key } = await newShop();
    await put(key, "/v1/knowledge/articles/returns", returns);
    // As if the shop had written 2,000 articles: the count the limit is enforced on.
    const table = tableOf(stack());
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.shop(id),
        UpdateExpression: "SET articleCount = :n",
        ExpressionAttributeValues: { ":n": 2000 },
      }),
    );
    const refused = await put(key, "/v1/knowledge/articles/one-too-many", returns);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "knowledge_limit_reached",
      details: { kind: "articles", limit: 2000 },
    });
    expect(
      (await put(key, "/v1/knowledge/articles/returns", { ...returns, title: "Returns (updated)" })).status,
    ).toBe(200);
  });

  it("refuses an article body over 16,000 characters and a request over 64 KB", async () => {
    const { key } = await newShop();
    const long = await put(key, "/v1/knowledge/articles/long", { ...returns, body: "a".repeat(16_001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.error.details)).toContain('"body"');
    const huge = await put(key, "/v1/knowledge/articles/huge", { ...returns, body: "ก".repeat(30_000) });
    expect(huge.status).toBe(413);
  });

  it("keeps each shop's knowledge its own: another shop neither reads it nor gets answers from it", async () => {
    const a = await newShop();
    const b = await newShop();
    await put(a.key, "/v1/knowledge/articles/returns", returns);
    await put(a.key, "/v1/catalog/products/aurora", dress);
    expect((await http(url("/v1/knowledge/articles/returns"), { token: b.key })).status).toBe(404);
    expect((await http(url("/v1/catalog/products/aurora"), { token: b.key })).status).toBe(404);
    expect(
      (await http(url("/v1/knowledge/articles/returns"), { method: "DELETE", token: b.key })).status,
    ).toBe(404);
    for (const question of [
      "How many days do I have to return an item?",
      "Is the Aurora dress available in size M?",
    ])
      expect((await ask(b.key, { question, market: "SG" })).body).toMatchObject({
        answered: false,
        sources: [],
      });
    // A cursor from one shop's list is refused by another's.
    await put(a.key, "/v1/knowledge/articles/shipping", returns);
    const page = await http<{ nextCursor: string }>(url("/v1/knowledge/articles?limit=1"), { token: a.key });
    const forged = await http<ErrorBody>(url(`/v1/knowledge/articles?cursor=${page.body.nextCursor}`), {
      token: b.key,
    });
    expect(forged.status).toBe(400);
  });

  it("bumps the shop's knowledge version on the shop and on its API key's copy at every write", async () => {
    const { id, key } = await newShop();
    const before = (await stack().deps.shops.findByApiKey(key))?.knowledgeVersion ?? 0;
    await put(key, "/v1/knowledge/articles/returns", returns);
    await put(key, "/v1/catalog/products/aurora", dress);
    expect((await stack().deps.shops.get(id))?.knowledgeVersion).toBe(before + 2);
    expect((await stack().deps.shops.findByApiKey(key))?.knowledgeVersion).toBe(before + 2);
  });

  it("erases every knowledge item of a shop on shop/redact: articles, products, log and index snapshot", async () => {
    const { id, key } = await newShop();
    await put(key, "/v1/knowledge/articles/returns", returns);
    await put(key, "/v1/catalog/products/aurora", dress);
    await http(url("/v1/catalog/products/aurora"), { method: "DELETE", token: key });
    // Asking builds the index and stores its snapshot.
    await ask(key, { question: "How many days do I have to return an item?", market: "SG" });
    const table = tableOf(stack());
    const itemsOf = async () =>
      (
        await table.client.send(
          new ScanCommand({
            TableName: table.name,
            FilterExpression: "begins_with(pk, :shop)",
            ExpressionAttributeValues: { ":shop": `SHOP#${id}#K` },
          }),
        )
      ).Items ?? [];
    const before = await itemsOf();
    expect(new Set(before.map((i) => (i.pk as string).split("#").at(-1)))).toEqual(
      new Set(["KNOWLEDGE", "KLOG", "KSNAP"]),
    );
    expect(before.every((i) => i.owner === id)).toBe(true);
    await redactShop(stack().deps, id);
    expect(await itemsOf()).toEqual([]);
  });
});

/** The local stack's table, reached as the adapters reach it. */
function tableOf(stack: { env: { TABLE_NAME: string; DYNAMODB_ENDPOINT?: string | undefined } }) {
  return createTable(
    {
      region: "ap-southeast-1",
      endpoint: stack.env.DYNAMODB_ENDPOINT,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    },
    stack.env.TABLE_NAME,
  );
}
