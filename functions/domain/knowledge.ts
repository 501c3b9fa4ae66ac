/**
 * Store knowledge (issue #17): the shop's help articles, products and policies as data, the ports that store and search
 * them, and the limits a shop's knowledge stays within. Answers drawn from it always name their sources.
 */
import { z } from "zod";
import type { ShopId } from "./ids";
import { LANGUAGE_CODES, type Language } from "./languages";
import { MARKET_CODES, type MarketCode } from "./markets";
import type { Page, PageRequest } from "./paging";
import type { ShopifyEvent } from "./shopify-events";

/** Per shop, so one shop's index stays small enough to load in milliseconds on a Lambda instance. */
export const KNOWLEDGE_LIMITS = {
  articles: 2_000,
  products: 20_000,
  articleTitleChars: 200,
  articleBodyChars: 16_000,
  productTitleChars: 255,
  productDescriptionChars: 8_000,
  /** Shopify allows three options per product. */
  options: 3,
  variants: 250,
  policyBodyChars: 64_000,
} as const;

/** Ids the seller (or Shopify) chooses: letters, digits and `_ . : -`, so they fit in keys and URLs unescaped. */
export const KnowledgeIdSchema = z
  .string()
  .regex(/^[\w.:-]{1,128}$/, "letters, digits, _ . : or -, at most 128 characters");

const LanguageSchema = z.enum(LANGUAGE_CODES);
const MarketSchema = z.enum(MARKET_CODES);
const isCurrency = (code: string) => {
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return /^[A-Z]{3}$/.test(code);
  } catch {
    return false;
  }
};
const CurrencySchema = z.string().refine(isCurrency, "an ISO 4217 currency code such as SGD");
/** A decimal amount as text ("19.90"): money is never a float on the way in. */
const PriceSchema = z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount such as "19.90"');
const IsoTime = z.iso.datetime({ offset: true });

/** A help article the seller writes (returns, shipping, payment, store hours …). */
export const ArticleSchema = z.object({
  id: KnowledgeIdSchema,
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.articleTitleChars),
  body: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.articleBodyChars),
  language: LanguageSchema,
  /** Absent: the article holds in every market. */
  markets: z.array(MarketSchema).min(1).max(MARKET_CODES.length).optional(),
  updatedAt: IsoTime,
});
export type Article = z.output<typeof ArticleSchema>;

export const VariantSchema = z.object({
  id: KnowledgeIdSchema,
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.productTitleChars),
  sku: z.string().max(100).optional(),
  /** Option name → value, e.g. {"Size": "M", "Colour": "Red"}. */
  options: z.record(z.string().min(1).max(100), z.string().min(1).max(100)),
  price: PriceSchema,
  currency: CurrencySchema,
  /** Prices the seller sets per market (Shopify Markets), in that market's currency; the base price elsewhere. */
  marketPrices: z
    .partialRecord(MarketSchema, z.object({ price: PriceSchema, currency: CurrencySchema }))
    .optional(),
  available: z.boolean(),
});
export type Variant = z.output<typeof VariantSchema>;

export const ProductSchema = z.object({
  id: KnowledgeIdSchema,
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.productTitleChars),
  description: z.string().max(KNOWLEDGE_LIMITS.productDescriptionChars),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  language: LanguageSchema.optional(),
  options: z.array(z.string().min(1).max(100)).max(KNOWLEDGE_LIMITS.options),
  variants: z.array(VariantSchema).min(1).max(KNOWLEDGE_LIMITS.variants),
  /** The title and description in other languages, where the seller translated them. */
  translations: z
    .partialRecord(
      LanguageSchema,
      z.object({
        title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.productTitleChars),
        description: z.string().max(KNOWLEDGE_LIMITS.productDescriptionChars).optional(),
      }),
    )
    .optional(),
  updatedAt: IsoTime,
  source: z.enum(["api", "shopify"]),
});
export type Product = z.output<typeof ProductSchema>;

export const POLICY_KINDS = ["refund", "shipping", "privacy", "terms"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** One of the shop's legal policies, read from Shopify, with its translations where the shop has them. */
export const PolicySchema = z.object({
  kind: z.enum(POLICY_KINDS),
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.articleTitleChars),
  body: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.policyBodyChars),
  language: LanguageSchema,
  translations: z
    .partialRecord(
      LanguageSchema,
      z.object({
        title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.articleTitleChars),
        body: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.policyBodyChars),
      }),
    )
    .optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type Policy = z.output<typeof PolicySchema>;

/** Where an answer's fact comes from: shown with the answer, so a shopper or seller can check it. */
export interface SourceRef {
  readonly type: "article" | "product" | "policy";
  /** The article or product id, or the policy's kind. */
  readonly id: string;
}

export const sameSource = (a: SourceRef, b: SourceRef) => a.type === b.type && a.id === b.id;

/** A piece of knowledge that matched a question, best first. */
export interface Passage {
  readonly source: SourceRef;
  readonly title: string;
  /** The paragraph that matched (articles, policies) or the product's description. */
  readonly text: string;
  /** The language the passage is written in (a product without one is taken as the shop's own text). */
  readonly language: Language | undefined;
  readonly url?: string | undefined;
  /** The product itself, so prices and availability are rendered from data, never from text. */
  readonly product?: Product | undefined;
  /** The search engine's own score (BM25): comparable only within one search. */
  readonly score: number;
  /** The share (0–1) of the question's meaningful words this passage contains: comparable across questions. */
  readonly coverage: number;
}

export interface KnowledgeQuery {
  readonly market: MarketCode;
  readonly language: Language;
  /**
   * The shop's knowledge version as the caller read it on the shop item (ShopRecord.knowledgeVersion): the index an
   * instance holds is reused while it matches, so a search costs no read of its own.
   */
  readonly version: number;
  readonly limit?: number;
}

/** Searches a shop's knowledge; implemented by an in-memory index built once per instance and version. */
export interface KnowledgeBase {
  search(shopId: ShopId, question: string, query: KnowledgeQuery): Promise<Passage[]>;
}

/** Everything an index is built from, with the version it reflects. */
export interface KnowledgeContent {
  readonly version: number;
  readonly articles: readonly Article[];
  readonly products: readonly Product[];
  readonly policies: readonly Policy[];
}

/** A built index, serialised (MiniSearch's JSON and the passages), with the version it reflects. */
export interface KnowledgeSnapshot {
  readonly version: number;
  readonly data: string;
  /** When it was stored (as loaded; ignored when saving): snapshots expire, so an old one is stored again. */
  readonly storedAt?: string | undefined;
}

/** A change to a shop's knowledge: the item as it now is, or null when it was deleted. */
export type KnowledgeChange =
  | { readonly source: { readonly type: "article"; readonly id: string }; readonly value: Article | null }
  | { readonly source: { readonly type: "product"; readonly id: string }; readonly value: Product | null }
  | { readonly source: { readonly type: "policy"; readonly id: string }; readonly value: Policy | null };

/** `created`: the item is new (it counts against the shop's limit); `replaced`: it existed; `stale`: a newer copy is stored. */
export type KnowledgeWrite = "created" | "replaced" | "stale";

export class KnowledgeLimitError extends Error {
  constructor(
    readonly kind: "articles" | "products",
    readonly limit: number,
  ) {
    super(`The shop already has ${limit} ${kind}`);
    this.name = "KnowledgeLimitError";
  }
}

/** Where a shop's knowledge is kept. Every write bumps the shop's knowledge version (on the shop item). */
export interface KnowledgeStore {
  putArticle(shopId: ShopId, article: Article): Promise<KnowledgeWrite>;
  getArticle(shopId: ShopId, id: string): Promise<Article | null>;
  listArticles(shopId: ShopId, page: PageRequest): Promise<Page<Article>>;
  /** False when there was no such article. */
  deleteArticle(shopId: ShopId, id: string): Promise<boolean>;
  /** Never lets an older copy (by `updatedAt`) replace a newer one, nor resurrect one deleted later. */
  putProduct(shopId: ShopId, product: Product): Promise<KnowledgeWrite>;
  getProduct(shopId: ShopId, id: string): Promise<Product | null>;
  listProducts(shopId: ShopId, page: PageRequest): Promise<Page<Product>>;
  /** Deleted as of `at` (Shopify's delete carries no timestamp: the time it was processed); false when absent. */
  deleteProduct(shopId: ShopId, id: string, at: string): Promise<boolean>;
  /** Replaces the shop's policies with these (a kind absent here is removed). */
  replacePolicies(shopId: ShopId, policies: readonly Policy[]): Promise<void>;
  listPolicies(shopId: ShopId): Promise<Policy[]>;
  /** The shop's knowledge version as stored now (the shop item, read consistently). */
  version(shopId: ShopId): Promise<number>;
  /** Everything an index needs, read whole, with the version it reflects (read before the items). */
  loadContent(shopId: ShopId): Promise<KnowledgeContent>;
  /**
   * What changed after version `after` up to `upTo`, each changed item once as it is now; null when the change log no
   * longer covers every version in between (the caller loads a snapshot or everything instead).
   */
  changesSince(shopId: ShopId, after: number, upTo: number): Promise<KnowledgeChange[] | null>;
  /** The latest stored index snapshot, whatever its version, or null. */
  loadSnapshot(shopId: ShopId): Promise<KnowledgeSnapshot | null>;
  /** Stores a snapshot unless a newer one is stored. */
  saveSnapshot(shopId: ShopId, snapshot: KnowledgeSnapshot): Promise<void>;
}

/** Whether an article holds in a market (no markets: everywhere). */
export const articleHoldsIn = (article: Pick<Article, "markets">, market: MarketCode) =>
  !article.markets || article.markets.includes(market);

/** A policy's text in `language` if the shop translated it, else its own. */
export function policyIn(
  policy: Policy,
  language: Language,
): { title: string; body: string; language: Language } {
  const translated = policy.translations?.[language];
  return translated ? { ...translated, language } : policy;
}

/**
 * The Shopify events queue's internal event that reads a shop's catalog and policies from Shopify, a page at a time
 * (each page queues the next). Never a webhook topic: the webhook route drops topics it does not know.
 */
export const CATALOG_SYNC_TOPIC = "app/catalog_sync";

export const CatalogSyncSchema = z.object({
  /** Shopify's cursor after the last page read; null to start. */
  after: z.string().max(2000).nullable(),
  startedAt: IsoTime,
});
export type CatalogSync = z.output<typeof CatalogSyncSchema>;

/** The queued event for one page of a catalog sync. */
export function catalogSyncEvent(shopId: ShopId, sync: CatalogSync): ShopifyEvent {
  return {
    topic: CATALOG_SYNC_TOPIC,
    shopId,
    eventId: `catalog-sync:${sync.startedAt}:${sync.after ?? "start"}`,
    webhookId: null,
    triggeredAt: sync.startedAt,
    body: JSON.stringify(sync),
  };
}
