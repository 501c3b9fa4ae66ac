/** Retrieval by meaning beside words: vectors made when knowledge changes, the question embedded once, results fused. */
import { describe, expect, it } from "vitest";
import { fuse, joinSnapshot, PassageVectors, splitSnapshot } from "../../functions/ai/knowledge/fusion";
import { createKnowledgeBase } from "../../functions/ai/knowledge/knowledge-base";
import {
  createFakeEmbedder,
  createFakeKnowledgeStore,
  createFakeShopStore,
} from "../../functions/domain/fakes";
import { ShopId } from "../../functions/domain/ids";
import type { Article, Passage } from "../../functions/domain/knowledge";

const passage = (id: string, coverage = 0): Passage => ({
  source: { type: "article", id },
  title: id,
  text: `${id} text`,
  language: "en",
  score: 1,
  coverage,
});
const ids = (passages: readonly Passage[]) => passages.map((p) => p.source.id);

describe("reciprocal rank fusion", () => {
  it("ranks a passage both lists found above passages only one list found", () => {
    const words = [passage("a"), passage("b"), passage("c")];
    const meaning = [passage("c"), passage("d")];
    expect(ids(fuse([words, meaning], 5))[0]).toBe("c");
  });

  it("keeps the word list's order on a tie, and one passage per source", () => {
    const fused = fuse(
      [
        [passage("a"), passage("b")],
        [passage("x"), passage("a")],
      ],
      5,
    );
    expect(ids(fused)).toEqual(["a", "x", "b"]);
  });

  it("keeps the word index's copy of a passage both lists found, with its coverage", () => {
    const fused = fuse([[passage("a", 0.8)], [passage("a", 0)]], 5);
    expect(fused[0]?.coverage).toBe(0.8);
  });

  it("cuts the fused list to the limit", () => {
    expect(
      fuse(
        [
          [passage("a"), passage("b")],
          [passage("c"), passage("d")],
        ],
        3,
      ),
    ).toHaveLength(3);
  });
});

describe("passage vectors", () => {
  it("embeds only passages that are new or changed, and drops those gone", async () => {
    const embedder = createFakeEmbedder();
    const vectors = PassageVectors.empty(embedder.model);
    await vectors.sync(
      [
        { id: "a#0", text: "returns" },
        { id: "b#0", text: "shipping" },
      ],
      embedder,
    );
    const second = await vectors.sync(
      [
        { id: "a#0", text: "returns" },
        { id: "c#0", text: "warranty" },
      ],
      embedder,
    );
    expect(embedder.calls.at(-1)).toEqual(["warranty"]);
    expect(second).toEqual({ embedded: 1, missing: 0 });
    expect(vectors.size).toBe(2);
  });

  it("reads back what it wrote into a snapshot, and drops vectors of another model", async () => {
    const embedder = createFakeEmbedder({ model: "m1" });
    const vectors = PassageVectors.empty("m1");
    await vectors.sync([{ id: "a#0", text: "returns within 14 days" }], embedder);
    const parts = splitSnapshot(joinSnapshot('{"format":1}', vectors));
    expect(parts.index).toBe('{"format":1}');
    const loaded = PassageVectors.load(parts.vectors ?? "", "m1");
    expect(
      loaded.nearest(
        [...(((await embedder.embed(["returns within 14 days"])) ?? [])[0] ?? [])],
        1,
        () => true,
      ),
    ).toEqual(["a#0"]);
    expect(PassageVectors.load(parts.vectors ?? "", "m2").size).toBe(0);
  });

  it("leaves a snapshot without vectors as it was", () => {
    expect(splitSnapshot('{"format":1}')).toEqual({ index: '{"format":1}', vectors: null });
    expect(joinSnapshot('{"format":1}', PassageVectors.empty("m"))).toBe('{"format":1}');
  });
});

const SHOP = ShopId("fusion.myshopify.com");
const OTHER = ShopId("fusion-other.myshopify.com");
const article = (id: string, title: string, body: string, extra: Partial<Article> = {}): Article => ({
  id,
  title,
  body,
  language: "en",
  updatedAt: "2026-11-01T00:00:00Z",
  ...extra,
});
/** A multilingual model's view, in the fake: "warranty" and the Thai "รับประกัน" mean the same. */
const sameMeaning = [["warranty", "รับประกัน"]];

async function setup() {
  const shops = createFakeShopStore([
    { shop: { id: SHOP, name: "Fusion", markets: ["TH", "SG"] }, apiKey: "k1" },
    { shop: { id: OTHER, name: "Other", markets: ["TH"] }, apiKey: "k2" },
  ]);
  const store = createFakeKnowledgeStore(shops);
  await store.putArticle(SHOP, article("warranty-en", "Warranty", "Power banks carry an 18-month warranty."));
  await store.putArticle(
    SHOP,
    article("returns-en", "Returns", "Return any item within 14 days of delivery."),
  );
  const version = async (shopId = SHOP) => (await shops.get(shopId))?.knowledgeVersion ?? 0;
  return { store, version };
}
const thai = (version: number) => ({ market: "TH" as const, language: "th" as const, version });
const THAI_QUESTION = "พาวเวอร์แบงค์รับประกันกี่เดือนคะ";

describe("the knowledge base with an embedder", () => {
  it("finds an English article for a Thai question by meaning, where words find nothing", async () => {
    const { store, version } = await setup();
    const words = createKnowledgeBase({ store });
    expect(await words.search(SHOP, THAI_QUESTION, thai(await version()))).toEqual([]);
    const embedder = createFakeEmbedder({ sameMeaning });
    const kb = createKnowledgeBase({ store, embedder });
    const found = await kb.search(SHOP, THAI_QUESTION, thai(await version()));
    expect(found[0]?.source).toEqual({ type: "article", id: "warranty-en" });
    // Found by meaning alone: no word of the question is in it, and the embedded engine cannot vouch for it.
    expect(found[0]?.coverage).toBe(0);
  });

  it("embeds the passages when the index is built, then only the question, once per search", async () => {
    const { store, version } = await setup();
    const embedder = createFakeEmbedder({ sameMeaning });
    const kb = createKnowledgeBase({ store, embedder });
    await kb.search(SHOP, THAI_QUESTION, thai(await version()));
    expect(embedder.calls).toHaveLength(2);
    expect(embedder.calls[0]).toHaveLength(2);
    expect(embedder.calls[1]).toEqual([THAI_QUESTION]);
    await kb.search(SHOP, "return policy", thai(await version()));
    expect(embedder.calls).toHaveLength(3);
    expect(embedder.calls[2]).toEqual(["return policy"]);
  });

  it("embeds only the changed article's passages when the knowledge changes", async () => {
    const { store, version } = await setup();
    const embedder = createFakeEmbedder({ sameMeaning });
    const kb = createKnowledgeBase({ store, embedder });
    await kb.search(SHOP, "returns", thai(await version()));
    const before = embedder.calls.length;
    await store.putArticle(
      SHOP,
      article("returns-en", "Returns", "Return any item within 30 days of delivery."),
    );
    await kb.search(SHOP, "returns", thai(await version()));
    expect(kb.lastRefresh(SHOP)).toBe("log");
    expect(embedder.calls.slice(before)).toEqual([
      ["Returns\nReturn any item within 30 days of delivery."],
      ["returns"],
    ]);
  });

  it("stores the vectors with the snapshot, so another instance embeds nothing but the question", async () => {
    const { store, version } = await setup();
    await createKnowledgeBase({ store, embedder: createFakeEmbedder({ sameMeaning }) }).search(
      SHOP,
      "returns",
      thai(await version()),
    );
    const embedder = createFakeEmbedder({ sameMeaning });
    const other = createKnowledgeBase({ store, embedder });
    const found = await other.search(SHOP, THAI_QUESTION, thai(await version()));
    expect(other.lastRefresh(SHOP)).toBe("snapshot");
    expect(embedder.calls).toEqual([[THAI_QUESTION]]);
    expect(found[0]?.source.id).toBe("warranty-en");
  });

  it("never serves one shop's passages to another shop's question", async () => {
    const { store, version } = await setup();
    await store.putArticle(OTHER, article("other-warranty", "Warranty", "Our warranty lasts 2 years."));
    const kb = createKnowledgeBase({ store, embedder: createFakeEmbedder({ sameMeaning }) });
    const mine = await kb.search(SHOP, THAI_QUESTION, thai(await version()));
    const theirs = await kb.search(OTHER, THAI_QUESTION, thai(await version(OTHER)));
    expect(ids(mine)).not.toContain("other-warranty");
    expect(ids(theirs)).toEqual(["other-warranty"]);
  });

  it("searches by words alone while embeddings fail, and makes the missing vectors later", async () => {
    const { store, version } = await setup();
    const embedder = createFakeEmbedder({ sameMeaning });
    embedder.fail();
    let clock = 0;
    const kb = createKnowledgeBase({ store, embedder, embedRetryMs: 1000, now: () => clock });
    expect(await kb.search(SHOP, THAI_QUESTION, thai(await version()))).toEqual([]);
    const failed = embedder.calls.length;
    await kb.search(SHOP, THAI_QUESTION, thai(await version()));
    // Within the retry delay nothing is asked again (an outage costs no request per message).
    expect(embedder.calls).toHaveLength(failed);
    embedder.fail(false);
    clock = 2000;
    const found = await kb.search(SHOP, THAI_QUESTION, thai(await version()));
    expect(found[0]?.source.id).toBe("warranty-en");
  });

  it("keeps an article scoped to other markets out of the results found by meaning", async () => {
    const { store, version } = await setup();
    await store.putArticle(
      SHOP,
      article("warranty-sg", "Warranty (Singapore)", "In Singapore the warranty is 24 months.", {
        markets: ["SG"],
      }),
    );
    const kb = createKnowledgeBase({ store, embedder: createFakeEmbedder({ sameMeaning }) });
    expect(ids(await kb.search(SHOP, THAI_QUESTION, thai(await version())))).not.toContain("warranty-sg");
  });
});
