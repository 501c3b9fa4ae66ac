/** The demo shop's knowledge (docs/api.md "The demo shop"): what the README walk-through asks, answered with sources. */
import { describe, expect, it } from "vitest";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { ShopId } from "../../functions/domain/ids";
import { http, useLocalStack } from "../support/local-stack";

type Answer = { answered: boolean; text: string; language: string; sources: { type: string; id: string }[] };

describe("the demo shop's store knowledge", () => {
  const stack = useLocalStack({ autoPoll: false });
  const ask = (question: string, market: string) =>
    http<Answer>(`${stack().url}/v1/knowledge/ask`, { token: stack().apiKey, body: { question, market } });

  it("answers a policy, a product's price and a size's availability, each from its source", async () => {
    const returns = await ask("Berapa hari saya bisa mengembalikan barang?", "ID");
    expect(returns.body).toMatchObject({
      answered: true,
      language: "id",
      sources: [{ type: "article", id: "returns-id" }],
    });
    const price = await ask("How much is the VoltMax power bank?", "MY");
    expect(price.body.sources).toEqual([{ type: "product", id: "voltmax-20000" }]);
    expect(price.body.text.replace(/\s/g, " ")).toContain("RM 119.00");
    const size = await ask("Is the Aurora dress available in size M?", "SG");
    expect(size.body.sources).toEqual([{ type: "product", id: "aurora-wrap-dress" }]);
    expect(size.body.text).toContain("out of stock");
  });

  it("answers shipping to Malaysia only in Malaysia, and to the Philippines only there", async () => {
    const question = "How long does shipping to Malaysia take?";
    expect((await ask(question, "MY")).body.sources).toEqual([{ type: "article", id: "shipping-my" }]);
    expect((await ask(question, "PH")).body.sources).not.toEqual([{ type: "article", id: "shipping-my" }]);
    expect((await ask("How much is shipping to the Philippines?", "PH")).body.sources).toEqual([
      { type: "article", id: "shipping-ph" },
    ]);
  });

  it("leaves the knowledge version alone when the seed runs again on an unchanged shop", async () => {
    const version = (await stack().deps.shops.get(ShopId(DEMO_SHOP_ID)))?.knowledgeVersion;
    expect(version).toBeGreaterThan(0);
    const { DEMO_ARTICLES } = await import("../../functions/local/demo-data");
    const article = DEMO_ARTICLES[0];
    if (!article) throw new Error("no demo article");
    const stored = await stack().deps.knowledgeStore.getArticle(ShopId(DEMO_SHOP_ID), article.id);
    expect(stored).toEqual(article);
  });
});
