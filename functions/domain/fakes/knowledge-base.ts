/** A scripted knowledge search, standing in for the in-memory BM25 index built in functions/ai. */
import type { ShopId } from "../ids";
import type { KnowledgeBase, KnowledgeQuery, Passage } from "../knowledge";
import { copy } from "./page";

export interface FakeKnowledgeBase extends KnowledgeBase {
  /** Every search made, oldest first. */
  readonly searches: readonly {
    readonly shopId: ShopId;
    readonly question: string;
    readonly query: KnowledgeQuery;
  }[];
}

/** A KnowledgeBase that answers with `answer(shopId, question, query)` (default: nothing), cut to `query.limit`. */
export function createFakeKnowledgeBase(
  answer: (shopId: ShopId, question: string, query: KnowledgeQuery) => readonly Passage[] = () => [],
): FakeKnowledgeBase {
  const searches: { shopId: ShopId; question: string; query: KnowledgeQuery }[] = [];
  return {
    searches,
    async search(shopId, question, query) {
      searches.push({ shopId, question, query: copy(query) });
      const passages = answer(shopId, question, query).map(copy);
      return query.limit === undefined ? passages : passages.slice(0, query.limit);
    },
  };
}
