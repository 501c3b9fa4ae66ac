import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { PassageSearch, type TermQuery } from "../../functions/ai/knowledge/passage-search";

interface Doc {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}
const options = { fields: ["title", "body"], tokenize: (text: string) => text.split(" ") };
const docs: Doc[] = [
  { id: "a", title: "shipping to malaysia", body: "we ship to malaysia in three days by courier" },
  { id: "b", title: "returns", body: "return an item within seven days for a refund" },
  { id: "c", title: "cod payment", body: "cash on delivery in malaysia and singapore" },
  { id: "d", title: "batik shirt", body: "a cotton shirt with batik from malaysia shipping free" },
  { id: "e", title: "silk dress", body: "a silk dress shipping in two days" },
];
const queries: TermQuery[] = [
  { term: "malaysia", weight: 1, fields: ["title", "body"] },
  { term: "shipping", weight: 0.6, fields: ["title", "body"] },
  { term: "shirt", weight: 1, fields: ["title"] },
];
const boost = { title: 2, body: 1 };
const factor = (id: string) => (id === "c" ? 1.5 : 1);

/** MiniSearch's own search of the same queries, the reference the scorer must agree with. */
function reference(search: MiniSearch<Doc>) {
  const weights = new Map(queries.map((q) => [q.term, q.weight]));
  return search
    .search(
      {
        combineWith: "OR",
        queries: [{ queries: ["malaysia", "shipping"] }, { queries: ["shirt"], fields: ["title"] }],
      },
      { boost, boostTerm: (term) => weights.get(term) ?? 1, boostDocument: (id) => factor(id as string) },
    )
    .map((r) => ({ id: r.id as string, score: r.score, terms: [...r.queryTerms].sort() }));
}
const scored = (search: PassageSearch<Doc>, limit = 10) =>
  search
    .scoreTop(queries, boost, factor, 1.5, limit)
    .map((r) => ({ id: r.id, score: r.score, terms: [...r.terms].sort() }));
const close = (a: ReturnType<typeof reference>, b: ReturnType<typeof reference>) => {
  expect(b.map((r) => [r.id, r.terms])).toEqual(a.map((r) => [r.id, r.terms]));
  for (const [i, r] of a.entries()) expect(b[i]?.score).toBeCloseTo(r.score, 10);
};

describe("the passage scorer", () => {
  it("ranks and scores as MiniSearch's own search does, with field, term and document boosts", () => {
    const mini = new MiniSearch<Doc>(options);
    const mine = new PassageSearch<Doc>(options);
    mini.addAll(docs);
    mine.addAll(docs);
    close(reference(mini), scored(mine));
    // The arrays kept between searches start clean each time.
    close(reference(mini), scored(mine));
  });

  it("keeps only the best `limit`, and leaves out documents whose factor is 0", () => {
    const mine = new PassageSearch<Doc>(options);
    mine.addAll(docs);
    const all = scored(mine);
    expect(scored(mine, 2).map((r) => r.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    expect(mine.scoreTop(queries, boost, (id) => (id === "d" ? 0 : 1), 1, 10).map((r) => r.id)).not.toContain(
      "d",
    );
  });

  it("no longer counts a discarded document, as MiniSearch does not", () => {
    const mini = new MiniSearch<Doc>({ ...options, autoVacuum: false });
    const mine = new PassageSearch<Doc>({ ...options, autoVacuum: false });
    mini.addAll(docs);
    mine.addAll(docs);
    mini.discard("a");
    mine.discard("a");
    // MiniSearch drops a discarded document's postings as its search meets them; its second search is the settled one.
    reference(mini);
    close(reference(mini), scored(mine));
    expect(scored(mine).map((r) => r.id)).not.toContain("a");
  });

  it("scores the same after a round trip through a snapshot", () => {
    const mine = new PassageSearch<Doc>(options);
    mine.addAll(docs);
    const loaded = PassageSearch.loadAs<Doc>(JSON.parse(JSON.stringify(mine)), options);
    expect(loaded).toBeInstanceOf(PassageSearch);
    close(scored(mine), scored(loaded));
  });
});
