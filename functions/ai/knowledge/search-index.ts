/**
 * One shop's knowledge as a MiniSearch index of passages: an article or policy is cut into paragraphs (an answer quotes
 * the paragraph that matched, not the whole page), a product is one passage whose option values and variant titles are
 * a field of their own. Built from the shop's items or loaded from a snapshot, then kept current by applying changes.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import {
  type Article,
  articleHoldsIn,
  type KnowledgeContent,
  type Passage,
  type Policy,
  type Product,
  type SourceRef,
} from "../../domain/knowledge";
import type { Language } from "../../domain/languages";
import type { MarketCode } from "../../domain/markets";
import { isLatinTerm, questionTerms, tokenize } from "./tokenize";

/** Changes the snapshot format: a snapshot of another format is rebuilt, never misread. */
const SNAPSHOT_FORMAT = 1;
/** A paragraph longer than this is cut at sentence ends, so a quoted passage stays readable in a chat. */
const PASSAGE_CHARS = 700;
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

const MINISEARCH_OPTIONS = {
  fields: ["title", "body", "options"],
  // Documents arrive already tokenized (language-aware, see tokenize.ts); MiniSearch only splits the words.
  tokenize: (text: string) => text.split(" "),
  processTerm: (term: string) => term || null,
} as const;

const sourceKey = (source: SourceRef) => `${source.type}:${source.id}`;

/** A change to apply: the item as it now is, or null when it was deleted. */
export type KnowledgeChange =
  | { readonly source: SourceRef & { type: "article" }; readonly value: Article | null }
  | { readonly source: SourceRef & { type: "product" }; readonly value: Product | null }
  | { readonly source: SourceRef & { type: "policy" }; readonly value: Policy | null };

/** Paragraphs of a text, long ones cut at sentence ends and short ones joined to the next. */
export function passagesOf(body: string): string[] {
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
    if (last !== undefined && last.length < MIN_PASSAGE_CHARS) joined[joined.length - 1] = `${last}\n${passage}`;
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
    private readonly search_: MiniSearch<IndexedDoc>,
    private readonly meta: Map<string, PassageMeta>,
    private readonly products: Map<string, Product>,
    /** Passage ids by source, so a changed source's passages are replaced together. */
    private readonly bySource: Map<string, string[]>,
    public version: number,
  ) {}

  /** Indexes everything the shop has, at `content.version`. */
  static build(content: KnowledgeContent): KnowledgeIndex {
    const index = new KnowledgeIndex(
      new MiniSearch<IndexedDoc>(MINISEARCH_OPTIONS),
      new Map(),
      new Map(),
      new Map(),
      content.version,
    );
    const docs: IndexedDoc[] = [];
    for (const article of content.articles) docs.push(...index.articlePassages(article));
    for (const product of content.products) docs.push(index.productPassage(product));
    for (const policy of content.policies) docs.push(...index.policyPassages(policy));
    index.search_.addAll(docs);
    return index;
  }

  /** Loads a snapshot written by `serialize`; throws on another format (the caller rebuilds). */
  static load(data: string): KnowledgeIndex {
    const parsed = JSON.parse(data) as {
      format: number;
      version: number;
      meta: [string, PassageMeta][];
      products: Product[];
      index: Parameters<typeof MiniSearch.loadJS>[0];
    };
    if (parsed.format !== SNAPSHOT_FORMAT) throw new Error(`snapshot format ${parsed.format} is not ours`);
    const meta = new Map(parsed.meta);
    const bySource = new Map<string, string[]>();
    for (const [id, m] of meta) {
      const key = sourceKey(m.source);
      bySource.set(key, [...(bySource.get(key) ?? []), id]);
    }
    return new KnowledgeIndex(
      MiniSearch.loadJS<IndexedDoc>(parsed.index, MINISEARCH_OPTIONS),
      meta,
      new Map(parsed.products.map((p) => [p.id, p])),
      bySource,
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
    const primary = new Set(groups.map((g) => g[0] as string));
    const terms = [...new Set(groups.flat())];
    const results = this.search_.search(terms.join(" "), {
      boost: { title: 2, options: 1.5 },
      prefix: (term) => isLatinTerm(term) && term.length >= 4,
      fuzzy: (term) => (isLatinTerm(term) && term.length >= 6 ? 0.2 : false),
      maxFuzzy: 2,
      weights: { prefix: 0.4, fuzzy: 0.3 },
      // A word the shopper did not write (a synonym of one they did) counts for less.
      boostTerm: (term) => (primary.has(term) ? 1 : 0.6),
      filter: (result) => {
        const m = this.meta.get(result.id as string);
        return m !== undefined && (!m.markets || articleHoldsIn({ markets: [...m.markets] }, options.market));
      },
      boostDocument: (id) => (this.meta.get(id as string)?.language === options.language ? 1.25 : 1),
    });
    const seen = new Set<string>();
    const passages: Passage[] = [];
    for (const result of results) {
      const m = this.meta.get(result.id as string);
      if (!m || seen.has(sourceKey(m.source))) continue;
      seen.add(sourceKey(m.source));
      passages.push(this.passageOf(m, result, groups));
      if (passages.length >= (options.limit ?? 5)) break;
    }
    return passages;
  }

  private passageOf(m: PassageMeta, result: SearchResult, groups: string[][]): Passage {
    const matched = new Set(result.queryTerms);
    const covered = groups.filter((group) => group.some((term) => matched.has(term))).length;
    return {
      source: m.source,
      title: m.title,
      text: m.text,
      language: m.language,
      url: m.url,
      product: m.source.type === "product" ? this.products.get(m.source.id) : undefined,
      score: result.score,
      coverage: covered / groups.length,
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
        title: tokenize(product.title, lang).join(" "),
        body: tokenize(product.description.slice(0, PRODUCT_TEXT_CHARS), lang).join(" "),
        options: [...new Set(optionWords.flatMap((w) => tokenize(w, lang)))].join(" "),
      },
    );
  }
}
