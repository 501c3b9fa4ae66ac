/**
 * MiniSearch with a scorer of its own for how the knowledge index searches (a few dozen weighted terms, OR-ed, each in
 * given fields): the same BM25 as `MiniSearch.search`, summed into typed arrays kept between searches instead of a
 * result object per candidate and term. A question over 20,000 products then allocates kilobytes rather than hundreds
 * of them, so young-generation collections, which were the slow tail of retrieval, become rare and short.
 */
import MiniSearch, { type AsPlainObject, type Options } from "minisearch";

/** One term to look up, with its weight, in the given fields only. */
export interface TermQuery {
  readonly term: string;
  readonly weight: number;
  readonly fields: readonly string[];
}

/** A document's score: BM25 over the terms it holds, times how many distinct terms it holds, times its own factor. */
export interface ScoredDoc {
  readonly id: string;
  readonly score: number;
  /** The query terms the document holds, as MiniSearch's `queryTerms`. */
  readonly terms: readonly string[];
}

/** MiniSearch's defaults, which `MiniSearch.search` uses when given none. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

export class PassageSearch<T> extends MiniSearch<T> {
  /** Per document short id: the summed score, and the last query (by position) and count of distinct ones that hit. */
  private sums = new Float64Array(0);
  private lastQuery = new Int32Array(0);
  private hits = new Uint16Array(0);
  /** Short ids touched by the current search, so only they are read and reset. */
  private touched = new Int32Array(0);
  private touchedCount = 0;

  /** A MiniSearch index written by `toJSON`, loaded as a PassageSearch. */
  static loadAs<T>(js: AsPlainObject, options: Options<T>): PassageSearch<T> {
    // MiniSearch.loadJS always builds a plain MiniSearch: its state (own fields only) moves into a PassageSearch.
    return Object.assign(new PassageSearch<T>(options), MiniSearch.loadJS<T>(js, options));
  }

  /**
   * The `limit` best documents for `queries` combined with OR, best first. `factor` gives each candidate's own
   * multiplier (0 leaves it out); it is called once per candidate, and a candidate whose score times `maxFactor` could
   * not enter the best is not asked. Scores equal MiniSearch's `search` with `boost` and `boostDocument`, to rounding.
   */
  scoreTop(
    queries: readonly TermQuery[],
    boost: Readonly<Record<string, number>>,
    factor: (id: string) => number,
    maxFactor: number,
    limit: number,
  ): ScoredDoc[] {
    this.reserve(this._nextId);
    this.touchedCount = 0;
    // Looked up once: a radix tree lookup cuts the term into substrings.
    const postings = queries.map((query) => this._index.get(query.term));
    queries.forEach((query, q) => {
      const data = postings[q];
      if (!data) return;
      for (const field of query.fields) {
        const fieldId = this._fieldIds[field];
        const docs = fieldId === undefined ? undefined : data.get(fieldId);
        if (fieldId !== undefined && docs)
          this.accumulate(docs, fieldId, query.weight * (boost[field] ?? 1), q + 1);
      }
    });
    // Candidates in the order MiniSearch meets them (term, field, posting), each kept only if it beats the current
    // last of the best, so equal scores rank as its stable sort ranks them.
    const top: { short: number; id: string; score: number }[] = [];
    const { sums, lastQuery, hits, touched, touchedCount } = this;
    for (let n = 0; n < touchedCount; n++) {
      const short = touched[n] ?? 0;
      const unboosted = (sums[short] ?? 0) * (hits[short] ?? 0);
      const last = top[top.length - 1];
      if (top.length >= limit && last && unboosted * maxFactor <= last.score) continue;
      const id = this._documentIds.get(short) as string;
      const score = unboosted * factor(id);
      if (score <= 0) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]?.score ?? 0) < score) at--;
      if (at >= limit) continue;
      top.splice(at, 0, { short, id, score });
      if (top.length > limit) top.pop();
    }
    for (let n = 0; n < touchedCount; n++) {
      const id = touched[n] ?? 0;
      sums[id] = 0;
      lastQuery[id] = 0;
      hits[id] = 0;
    }
    return top.map(({ short, id, score }) => ({ id, score, terms: this.termsOf(short, queries, postings) }));
  }

  /** Adds one term's BM25 score in one field to every document holding it; `query` is the term's position + 1. */
  private accumulate(postings: ReadonlyMap<number, number>, fieldId: number, weight: number, query: number) {
    const { sums, lastQuery, hits, touched } = this;
    let touchedCount = this.touchedCount;
    const dirty = this._dirtCount > 0;
    const matching = dirty ? this.liveCount(postings) : postings.size;
    const idf = Math.log(1 + (this._documentCount - matching + 0.5) / (matching + 0.5));
    const avgLength = this._avgFieldLength[fieldId] ?? 0;
    const { k, b, d } = BM25;
    for (const id of postings.keys()) {
      // A discarded document's postings go lazily (MiniSearch's vacuum): it no longer counts.
      if (dirty && !this._documentIds.has(id)) continue;
      const tf = postings.get(id) ?? 0;
      const length = this._fieldLength.get(id)?.[fieldId] ?? 0;
      if (lastQuery[id] === 0) touched[touchedCount++] = id;
      if (lastQuery[id] !== query) {
        lastQuery[id] = query;
        hits[id] = (hits[id] ?? 0) + 1;
      }
      sums[id] =
        (sums[id] ?? 0) + weight * idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength)));
    }
    this.touchedCount = touchedCount;
  }

  /** The query terms a document holds in their fields (plain loops: this runs for every result and query term). */
  private termsOf(
    short: number,
    queries: readonly TermQuery[],
    postings: readonly (ReadonlyMap<number, ReadonlyMap<number, number>> | undefined)[],
  ): string[] {
    const terms: string[] = [];
    for (let q = 0; q < queries.length; q++) {
      const query = queries[q] as TermQuery;
      for (const field of query.fields) {
        const fieldId = this._fieldIds[field];
        if (fieldId !== undefined && postings[q]?.get(fieldId)?.has(short)) {
          terms.push(query.term);
          break;
        }
      }
    }
    return terms;
  }

  /** Postings of documents not discarded. */
  private liveCount(postings: ReadonlyMap<number, number>): number {
    let n = 0;
    for (const id of postings.keys()) if (this._documentIds.has(id)) n++;
    return n;
  }

  /** Grows the per-document arrays to hold short ids below `size`. */
  private reserve(size: number) {
    if (this.sums.length >= size) return;
    const capacity = Math.max(size, this.sums.length * 2, 1024);
    const grow = <A extends Float64Array | Int32Array | Uint16Array>(from: A, to: A) => {
      to.set(from);
      return to;
    };
    this.sums = grow(this.sums, new Float64Array(capacity));
    this.lastQuery = grow(this.lastQuery, new Int32Array(capacity));
    this.hits = grow(this.hits, new Uint16Array(capacity));
    this.touched = new Int32Array(capacity);
  }
}
