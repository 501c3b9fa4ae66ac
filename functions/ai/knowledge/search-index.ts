/**
 * One shop's knowledge as a MiniSearch index of passages: an article or policy is cut into paragraphs (an answer quotes
 * the paragraph that matched, not the whole page), a product is one passage whose option values and variant titles are
 * a field of their own. Built from the shop's items or loaded from a snapshot, then kept current by applying changes.
 */
import type { AsPlainObject, Options } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import {
  type Article,
  articleHoldsIn,
  type KnowledgeChange,
  type KnowledgeContent,
  type Passage,
  type Policy,
  type Product,
  type SourceRef,
} from "../../domain/knowledge";
import type { Language } from "../../domain/languages";
import type { MarketCode } from "../../domain/markets";
import { PassageSearch, type TermQuery } from "./passage-search";
import { isLatinTerm, type QuestionWord, questionTerms, tokenize } from "./tokenize";

/** Changes the snapshot format: a snapshot of another format is rebuilt, never misread. */
const SNAPSHOT_FORMAT = 1;
/** A paragraph longer than this is cut at sentence ends, so a quoted passage stays readable in a chat. */
const PASSAGE_CHARS = 700;
/** An article up to this long is quoted whole. */
const SHORT_ARTICLE_CHARS = 900;
/** Paragraphs shorter than this join the next one (a heading alone answers nothing). */
const MIN_PASSAGE_CHARS = 60;
/** A product's description is indexed up to here; the answer is rendered from the product's data anyway. */
const PRODUCT_TEXT_CHARS = 2_000;

interface PassageMeta {
  readonly source: SourceRef;
  readonly title: string;
  readonly text: string;
  readonly language?: Language | undefined;
  readonly markets?: readonly MarketCode[] | undefined;
  readonly url?: string | undefined;
}

/** What MiniSearch indexes: the passage's words, already cut by our tokenizer. */
interface IndexedDoc {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly options: string;
}

const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  fields: ["title", "body", "options"],
  // Documents arrive already tokenized (language-aware, see tokenize.ts); MiniSearch only splits the words.
  tokenize: (text: string) => text.split(" "),
  processTerm: (term: string) => term || null,
};

const sourceKey = (source: SourceRef) => `${source.type}:${source.id}`;

/**
 * A word in more passages than this share of them tells little about which one answers, and scoring it would visit
 * most of the index: it is left out of the search (at least this many passages always count as rare).
 */
const COMMON_SHARE = 0.02;
const COMMON_FLOOR = 200;
/** How many longer words a typed word may stand for (kirim → kiriman, pengiriman is not a prefix match). */
const MAX_PREFIX_EXPANSIONS = 8;
/**
 * Idf is figured as if the shop had at least this many passages: in a shop of five articles every word is "rare", and
 * one word the shop never wrote would otherwise outweigh all the others.
 */
const IDF_FLOOR = 200;
/** How many of the best-scored passages are ranked again by coverage. */
const RERANKED = 30;
/** How much more a passage in the shopper's own language scores. */
const LANGUAGE_BOOST = 1.5;
/** A title match counts double, an option value (size, colour) half again. */
const FIELD_BOOST = { title: 2, body: 1, options: 1.5 } as const;
const ALL_FIELDS = ["title", "body", "options"] as const;
const TITLE_FIELD = ["title"] as const;

/** A question word as searched: its terms with their weights. */
interface SearchedWord {
  readonly terms: [string, number, Scope][];
  readonly productFact: boolean;
}

/** Where a term is looked up: every field, or titles only (a word common in text but not in titles). */
type Scope = "all" | "title";

/** Weights of words the shopper did not type: a synonym, a longer word, a word one typo away. */
const WEIGHT = { synonym: 0.6, prefix: 0.4, fuzzy: 0.3 } as const;

/** Paragraphs of a text, long ones cut at sentence ends and short ones joined to the next. */
export function passagesOf(body: string): string[] {
  // A short article is one passage: quoting it whole keeps the fact that the matching paragraph may not hold.
  if (body.length <= SHORT_ARTICLE_CHARS) return [body.trim()];
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const cut: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length <= PASSAGE_CHARS) {
      cut.push(paragraph);
      continue;
    }
    let current = "";
    for (const sentence of paragraph.match(/[^.!?。！？।]+[.!?。！？।]*\s*/gu) ?? [paragraph]) {
      if (current && current.length + sentence.length > PASSAGE_CHARS) {
        cut.push(current.trim());
        current = "";
      }
      current += sentence;
    }
    if (current.trim()) cut.push(current.trim());
  }
  const joined: string[] = [];
  for (const passage of cut) {
    const last = joined.at(-1);
    if (last !== undefined && last.length < MIN_PASSAGE_CHARS)
      joined[joined.length - 1] = `${last}\n${passage}`;
    else joined.push(passage);
  }
  return joined;
}

export interface SearchOptions {
  readonly market: MarketCode;
  readonly language: Language;
  readonly limit?: number | undefined;
}

/** A shop's knowledge, searchable; `version` is the shop's knowledge version it reflects. */
export class KnowledgeIndex {
  private constructor(
    private readonly search_: PassageSearch<IndexedDoc>,
    private readonly meta: Map<string, PassageMeta>,
    private readonly products: Map<string, Product>,
    /** Passage ids by source, so a changed source's passages are replaced together. */
    private readonly bySource: Map<string, string[]>,
    /**
     * In how many passages each word occurs (an upper bound after changes: removals are not subtracted), in a radix
     * tree so a question's words can be expanded to longer and misspelt ones without touching common words.
     */
    private readonly df: Map<string, number>,
    /** In how many passages' titles each word occurs: a word common in the text may still tell titles apart. */
    private readonly titleDf: Map<string, number>,
    /** The same words in a radix tree, for prefix and typo expansion; kept in step by `count`. */
    private readonly vocabulary: SearchableMap<number>,
    public version: number,
  ) {}

  /** Whether `register` keeps the radix tree in step (off while building, which fills it once at the end). */
  private counting = true;

  /** Indexes everything the shop has, at `content.version`. */
  static build(content: KnowledgeContent): KnowledgeIndex {
    const index = new KnowledgeIndex(
      new PassageSearch<IndexedDoc>(MINISEARCH_OPTIONS),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new SearchableMap(),
      content.version,
    );
    // Counted in a plain map while building, then put into the radix tree once per word.
    index.counting = false;
    const docs: IndexedDoc[] = [];
    for (const article of content.articles) docs.push(...index.articlePassages(article));
    for (const product of content.products) docs.push(index.productPassage(product));
    for (const policy of content.policies) docs.push(...index.policyPassages(policy));
    index.search_.addAll(docs);
    for (const [term, n] of index.df) index.vocabulary.set(term, n);
    index.counting = true;
    return index;
  }

  /** Loads a snapshot written by `serialize`; throws on another format (the caller rebuilds). */
  static load(data: string): KnowledgeIndex {
    const parsed = JSON.parse(data) as {
      format: number;
      version: number;
      meta: [string, PassageMeta][];
      products: Product[];
      df: [string, number][];
      titleDf: [string, number][];
      index: AsPlainObject;
    };
    if (parsed.format !== SNAPSHOT_FORMAT) throw new Error(`snapshot format ${parsed.format} is not ours`);
    const meta = new Map(parsed.meta);
    const bySource = new Map<string, string[]>();
    for (const [id, m] of meta) {
      const key = sourceKey(m.source);
      bySource.set(key, [...(bySource.get(key) ?? []), id]);
    }
    return new KnowledgeIndex(
      PassageSearch.loadAs<IndexedDoc>(parsed.index, MINISEARCH_OPTIONS),
      meta,
      new Map(parsed.products.map((p) => [p.id, p])),
      bySource,
      new Map(parsed.df),
      new Map(parsed.titleDf),
      SearchableMap.from(parsed.df),
      parsed.version,
    );
  }

  /** The index as a snapshot (JSON text) that `load` reads back. */
  serialize(): string {
    return JSON.stringify({
      format: SNAPSHOT_FORMAT,
      version: this.version,
      meta: [...this.meta],
      products: [...this.products.values()],
      df: [...this.df],
      titleDf: [...this.titleDf],
      index: this.search_.toJSON(),
    });
  }

  get size() {
    return { passages: this.meta.size, products: this.products.size };
  }

  /** Applies changes (in version order) and moves the index to `version`. */
  apply(version: number, changes: readonly KnowledgeChange[]): void {
    for (const change of changes) {
      this.remove(change.source);
      if (!change.value) continue;
      const docs =
        change.source.type === "article"
          ? this.articlePassages(change.value as Article)
          : change.source.type === "product"
            ? [this.productPassage(change.value as Product)]
            : this.policyPassages(change.value as Policy);
      this.search_.addAll(docs);
    }
    this.version = Math.max(this.version, version);
  }

  /**
   * The passages that best answer `question`, one per source, best first: articles scoped to other markets are never
   * returned, and passages in the shopper's language are preferred.
   */
  search(question: string, options: SearchOptions): Passage[] {
    const groups = questionTerms(question, options.language);
    if (groups.length === 0) return [];
    const searched = this.expand(groups);
    // A question made only of words most passages hold cannot point at one of them.
    if (searched.length === 0) return [];
    const weights = new Map<string, number>();
    const everywhere = new Set<string>();
    const inTitles = new Set<string>();
    for (const group of searched)
      for (const [term, weight, scope] of group.terms) {
        weights.set(term, Math.max(weights.get(term) ?? 0, weight));
        (scope === "all" ? everywhere : inTitles).add(term);
      }
    for (const term of everywhere) inTitles.delete(term);
    const queries: TermQuery[] = [
      ...[...everywhere].map((term) => ({ term, weight: weights.get(term) ?? 1, fields: ALL_FIELDS })),
      // Words common in the text but not in titles are looked up in titles alone (cheap, and still telling).
      ...[...inTitles].map((term) => ({ term, weight: weights.get(term) ?? 1, fields: TITLE_FIELD })),
    ];
    // The best-scored candidates in this market, the shopper's own language weighing more (Malay and Indonesian share
    // most words, so do the Chinese scripts' forms), are ranked again by how much of the question each holds, then
    // by the shopper's language, then by score: a passage with every word the shopper wrote beats one that repeats a
    // few of them.
    const best = this.search_.scoreTop(
      queries,
      FIELD_BOOST,
      (id) => {
        const m = this.meta.get(id);
        if (!m || (m.markets && !articleHoldsIn({ markets: [...m.markets] }, options.market))) return 0;
        return m.language === options.language ? LANGUAGE_BOOST : 1;
      },
      LANGUAGE_BOOST,
      RERANKED,
    );
    const idfs = new Map(searched.map((w) => [w, this.idf(w)]));
    const candidates: Passage[] = [];
    for (const { id, score, terms } of best) {
      const m = this.meta.get(id);
      if (m) candidates.push(this.passageOf(m, terms, score, searched, idfs));
    }
    const own = (p: Passage) => (p.language === options.language ? 1 : 0);
    candidates.sort((a, b) => b.coverage - a.coverage || own(b) - own(a) || b.score - a.score);
    const seen = new Set<string>();
    const passages: Passage[] = [];
    for (const passage of candidates) {
      if (seen.has(sourceKey(passage.source))) continue;
      seen.add(sourceKey(passage.source));
      passages.push(passage);
      if (passages.length >= (options.limit ?? 5)) break;
    }
    return passages;
  }

  /** The article and policy passages as embeddings are made of them (title and text); products are rendered from data. */
  embeddableTexts(): { id: string; text: string }[] {
    return [...this.meta]
      .filter(([, m]) => m.source.type !== "product")
      .map(([id, m]) => ({ id, text: `${m.title}\n${m.text}` }));
  }

  /** A passage found by its vector (fusion.ts), with no word score; null when it is gone or scoped to other markets. */
  passageById(id: string, market: MarketCode): Passage | null {
    const m = this.meta.get(id);
    if (!m || (m.markets && !articleHoldsIn({ markets: [...m.markets] }, market))) return null;
    return {
      source: m.source,
      title: m.title,
      text: m.text,
      language: m.language,
      url: m.url,
      score: 0,
      coverage: 0,
    };
  }

  /** How much a word tells apart the passages that hold it (BM25's idf; a word no passage holds tells the most). */
  private idf(word: SearchedWord): number {
    const n = Math.max(this.meta.size, IDF_FLOOR);
    const df = Math.max(
      0,
      ...word.terms.filter(([, weight]) => weight === 1).map(([t]) => this.df.get(t) ?? 0),
    );
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Passages from which a word counts as common in this index. */
  private commonFrom(): number {
    return Math.max(COMMON_FLOOR, Math.ceil(this.meta.size * COMMON_SHARE));
  }

  /**
   * Each question word's terms with their weights, plus the longer words a typed Latin word begins (kirim → kiriman)
   * and, for a typed word the index does not hold, the words one edit away. A word common in the text is looked up in
   * titles alone, and left out where titles commonly hold it too: it would visit most of the index and say little.
   */
  private expand(words: readonly QuestionWord[]): SearchedWord[] {
    const cap = this.commonFrom();
    const rare = (term: string) => (this.df.get(term) ?? 0) <= cap;
    const rareInTitles = (term: string) => (this.titleDf.get(term) ?? 0) <= cap;
    const scoped = (term: string, weight: number): [string, number, Scope][] =>
      rare(term) ? [[term, weight, "all"]] : rareInTitles(term) ? [[term, weight, "title"]] : [];
    const groups = words.map((word) => {
      const terms: [string, number, Scope][] = [
        ...word.forms.flatMap((t) => scoped(t, 1)),
        ...word.synonyms.flatMap((t) => scoped(t, WEIGHT.synonym)),
      ];
      for (const typed of word.forms) {
        if (!isLatinTerm(typed) || !rare(typed)) continue;
        if (typed.length >= 5) {
          let added = 0;
          for (const [term, df] of this.vocabulary.atPrefix(typed)) {
            if (added >= MAX_PREFIX_EXPANSIONS) break;
            if (term !== typed && df <= cap) {
              terms.push([term, WEIGHT.prefix, "all"]);
              added++;
            }
          }
        }
        if (typed.length >= 6 && !this.df.has(typed))
          for (const [term, [df]] of this.vocabulary.fuzzyGet(typed, 1))
            if (df <= cap) terms.push([term, WEIGHT.fuzzy, "all"]);
      }
      return { terms, productFact: word.productFact };
    });
    return groups.filter((g) => g.terms.length > 0);
  }

  /**
   * The passage, with its coverage: the share of the question's words it holds, each weighted by its idf, so that a
   * word the shop never uses ("bitcoin") weighs more than a word every page has ("payment").
   */
  private passageOf(
    m: PassageMeta,
    queryTerms: readonly string[],
    score: number,
    words: readonly SearchedWord[],
    idfs: ReadonlyMap<SearchedWord, number>,
  ): Passage {
    // Plain loops: this runs for each of the RERANKED candidates of every search.
    const holds = (w: SearchedWord) => w.terms.some((t) => queryTerms.includes(t[0]));
    // A product answers questions about its price, stock, size and colour from its data, once the question names it.
    const product = m.source.type === "product";
    let named = false;
    for (const w of words) if (!w.productFact && holds(w)) named = true;
    let total = 0;
    let covered = 0;
    for (const w of words) {
      const idf = idfs.get(w) ?? 0;
      total += idf;
      if (holds(w) || (product && named && w.productFact)) covered += idf;
    }
    return {
      source: m.source,
      title: m.title,
      text: m.text,
      language: m.language,
      url: m.url,
      product: product ? this.products.get(m.source.id) : undefined,
      score,
      coverage: (product && !named) || total === 0 ? 0 : covered / total,
    };
  }

  private remove(source: SourceRef) {
    const key = sourceKey(source);
    for (const id of this.bySource.get(key) ?? []) {
      this.search_.discard(id);
      this.meta.delete(id);
    }
    this.bySource.delete(key);
    if (source.type === "product") this.products.delete(source.id);
  }

  private register(id: string, meta: PassageMeta, doc: Omit<IndexedDoc, "id">): IndexedDoc {
    this.meta.set(id, meta);
    for (const term of new Set(`${doc.title} ${doc.body} ${doc.options}`.split(" "))) {
      if (!term) continue;
      const n = (this.df.get(term) ?? 0) + 1;
      this.df.set(term, n);
      if (this.counting) this.vocabulary.set(term, n);
    }
    for (const term of new Set(doc.title.split(" ")))
      if (term) this.titleDf.set(term, (this.titleDf.get(term) ?? 0) + 1);
    const key = sourceKey(meta.source);
    this.bySource.set(key, [...(this.bySource.get(key) ?? []), id]);
    return { id, ...doc };
  }

  private textPassages(
    source: SourceRef,
    doc: { title: string; body: string; language: Language; markets?: readonly MarketCode[]; url?: string },
    idPrefix: string,
  ): IndexedDoc[] {
    const title = tokenize(doc.title, doc.language).join(" ");
    return passagesOf(doc.body).map((text, n) =>
      this.register(
        `${idPrefix}#${n}`,
        { source, title: doc.title, text, language: doc.language, markets: doc.markets, url: doc.url },
        { title, body: tokenize(text, doc.language).join(" "), options: "" },
      ),
    );
  }

  private articlePassages(article: Article): IndexedDoc[] {
    return this.textPassages({ type: "article", id: article.id }, article, `a:${article.id}`);
  }

  private policyPassages(policy: Policy): IndexedDoc[] {
    const source: SourceRef = { type: "policy", id: policy.kind };
    const own = this.textPassages(source, policy, `p:${policy.kind}`);
    const translated = Object.entries(policy.translations ?? {}).flatMap(([language, t]) =>
      t
        ? this.textPassages(
            source,
            { ...t, language: language as Language, url: policy.url },
            `p:${policy.kind}:${language}`,
          )
        : [],
    );
    return [...own, ...translated];
  }

  private productPassage(product: Product): IndexedDoc {
    this.products.set(product.id, product);
    const lang = product.language;
    const optionWords = [
      ...product.options,
      ...product.variants.flatMap((v) => [v.title, ...Object.values(v.options), v.sku ?? ""]),
    ];
    // The seller's translations are the same product: one passage, found by its name in any of them.
    const translated = Object.entries(product.translations ?? {}).flatMap(([language, t]) =>
      t ? [{ language: language as Language, title: t.title, description: t.description ?? "" }] : [],
    );
    const words = (text: string, language: Language | undefined) =>
      tokenize(text.slice(0, PRODUCT_TEXT_CHARS), language);
    return this.register(
      `r:${product.id}`,
      {
        source: { type: "product", id: product.id },
        title: product.title,
        text: product.description.slice(0, PRODUCT_TEXT_CHARS),
        language: lang,
        url: product.url,
      },
      {
        title: [...words(product.title, lang), ...translated.flatMap((t) => words(t.title, t.language))].join(
          " ",
        ),
        body: [
          ...words(product.description, lang),
          ...translated.flatMap((t) => words(t.description, t.language)),
        ].join(" "),
        options: [...new Set(optionWords.flatMap((w) => tokenize(w, lang)))].join(" "),
      },
    );
  }
}
