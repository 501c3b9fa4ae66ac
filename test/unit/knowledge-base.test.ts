/** The per-instance index: reused while the shop's knowledge version holds, caught up the cheapest way when it moves. */
import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../functions/ai/knowledge/knowledge-base";
import { ShopId } from "../../functions/domain/ids";
import type { Article } from "../../functions/domain/knowledge";
import { createFakeKnowledgeStore, createFakeShopStore } from "../../functions/domain/fakes";

const SHOP = ShopId("kb.myshopify.com");
const OTHER = ShopId("other.myshopify.com");
const article = (id: string, body: string, extra: Partial<Article> = {}): Article => ({
  id,
  title: id,
  body,
  language: "en",
  updatedAt: "2026-11-01T00:00:00Z",
  ...extra,
});

async function setup() {
  const shops = createFakeShopStore([
    { shop: { id: SHOP, name: "KB", markets: ["SG", "MY", "PH"] }, apiKey: "k1" },
    { shop: { id: OTHER, name: "Other", markets: ["SG"] }, apiKey: "k2" },
  ]);
  const store = createFakeKnowledgeStore(shops);
  await store.putArticle(
    SHOP,
    article("returns", "Return any item within 14 days of delivery for a refund."),
  );
  const version = async (shopId = SHOP) => (await shops.get(shopId))?.knowledgeVersion ?? 0;
  return { shops, store, version };
}
const query = (version: number, market: "SG" | "MY" | "PH" = "SG") => ({
  market,
  language: "en" as const,
  version,
});

describe("the instance's knowledge index", () => {
  it("builds once, stores a snapshot, then answers from memory with no read while the version holds", async () => {
    const { store, version } = await setup();
    const kb = createKnowledgeBase({ store });
    const v = await version();
    expect((await kb.search(SHOP, "return refund days", query(v)))[0]?.source.id).toBe("returns");
    expect(kb.lastRefresh(SHOP)).toBe("built");
    expect(store.calls).toContain("saveSnapshot");
    store.calls.length = 0;
    await kb.search(SHOP, "return refund days", query(v));
    await kb.search(SHOP, "something else", query(v));
    expect(kb.lastRefresh(SHOP)).toBe("cached");
    expect(store.calls).toEqual([]);
  });

  it("catches up through the change log when the version moves, reading only what changed", async () => {
    const { store, version } = await setup();
    const kb = createKnowledgeBase({ store });
    await kb.search(SHOP, "refund", query(await version()));
    await store.putArticle(SHOP, article("warranty", "Power banks carry an 18-month warranty."));
    store.calls.length = 0;
    const found = await kb.search(SHOP, "power bank warranty", query(await version()));
    expect(found[0]?.source.id).toBe("warranty");
    expect(kb.lastRefresh(SHOP)).toBe("log");
    expect(store.calls).toEqual(["changesSince"]);
    // A deleted article leaves the index the same way.
    await store.deleteArticle(SHOP, "warranty");
    expect(await kb.search(SHOP, "power bank warranty", query(await version()))).toEqual([]);
  });

  it("loads another instance's snapshot instead of reading every item", async () => {
    const { store, version } = await setup();
    await createKnowledgeBase({ store }).search(SHOP, "refund", query(await version()));
    store.calls.length = 0;
    const second = createKnowledgeBase({ store });
    expect((await second.search(SHOP, "return refund days", query(await version())))[0]?.source.id).toBe(
      "returns",
    );
    expect(second.lastRefresh(SHOP)).toBe("snapshot");
    expect(store.calls).not.toContain("loadContent");
  });

  it("reads nothing at all for a shop that never wrote knowledge", async () => {
    const { store } = await setup();
    const kb = createKnowledgeBase({ store });
    store.calls.length = 0;
    expect(await kb.search(OTHER, "refund", query(0))).toEqual([]);
    expect(store.calls).toEqual([]);
  });

  it("keeps each shop's index apart", async () => {
    const { store, version } = await setup();
    await store.putArticle(OTHER, article("other-returns", "Other shop: returns within 60 days."));
    const kb = createKnowledgeBase({ store });
    const mine = await kb.search(SHOP, "returns days", query(await version(SHOP)));
    const theirs = await kb.search(OTHER, "returns days", query(await version(OTHER)));
    expect(mine.map((p) => p.source.id)).toEqual(["returns"]);
    expect(theirs.map((p) => p.source.id)).toEqual(["other-returns"]);
  });

  it("returns an article scoped to a market only to that market's shoppers", async () => {
    const { store, version } = await setup();
    await store.putArticle(
      SHOP,
      article("ship-my", "Shipping to Malaysia by J&T Express.", { markets: ["MY"] }),
    );
    const kb = createKnowledgeBase({ store });
    const v = await version();
    expect((await kb.search(SHOP, "shipping Malaysia J&T", query(v, "MY")))[0]?.source.id).toBe("ship-my");
    expect(
      (await kb.search(SHOP, "shipping Malaysia J&T", query(v, "PH"))).map((p) => p.source.id),
    ).not.toContain("ship-my");
  });

  it("trusts a newer index over a caller's older copy of the version, but not once that copy is past its age", async () => {
    const { store, version } = await setup();
    let now = 1_000_000;
    const kb = createKnowledgeBase({ store, now: () => now, staleCallerMs: 60_000 });
    const v = await version();
    await kb.search(SHOP, "refund", query(v));
    // The caller's shop copy (cached for a minute by API key authentication) still says the version before.
    await kb.search(SHOP, "refund", query(v - 1));
    expect(kb.lastRefresh(SHOP)).toBe("cached");
    // Much later, a lower version means the knowledge was erased and started again: the index is not trusted.
    now += 120_000;
    await kb.search(SHOP, "refund", query(v - 1));
    expect(kb.lastRefresh(SHOP)).not.toBe("cached");
  });
});
