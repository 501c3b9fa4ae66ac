/**
 * A shop's store knowledge in memory, with the DynamoDB adapter's rules: limits per shop, never an older product over a
 * newer one (nor over a later delete), every write bumping the shop's knowledge version on the shop store, a change
 * log by version, and the latest snapshot.
 */
import type { ShopId } from "../ids";
import {
  type Article,
  KNOWLEDGE_LIMITS,
  type KnowledgeChange,
  KnowledgeLimitError,
  type KnowledgeSnapshot,
  type KnowledgeStore,
  type Policy,
  type Product,
  type SourceRef,
} from "../knowledge";
import type { ShopStore } from "../ports";
import { copy, pageOf } from "./page";

interface ShopKnowledge {
  articles: Map<string, Article>;
  products: Map<string, Product>;
  /** When each deleted product was deleted: an older update never brings it back. */
  deletedProducts: Map<string, string>;
  policies: Map<string, Policy>;
  log: Map<number, SourceRef[]>;
  snapshot: KnowledgeSnapshot | null;
}

export interface FakeKnowledgeStore extends KnowledgeStore {
  /** Every store call by name, in order: what a test expects an index to have read (or not). */
  readonly calls: string[];
}

/** A KnowledgeStore in memory whose versions live on `shops` (the shop item), as the adapter's do. */
export function createFakeKnowledgeStore(shops: ShopStore): FakeKnowledgeStore {
  const byShop = new Map<ShopId, ShopKnowledge>();
  const calls: string[] = [];
  const of = (shopId: ShopId): ShopKnowledge => {
    let k = byShop.get(shopId);
    if (!k) {
      k = {
        articles: new Map(),
        products: new Map(),
        deletedProducts: new Map(),
        policies: new Map(),
        log: new Map(),
        snapshot: null,
      };
      byShop.set(shopId, k);
    }
    return k;
  };
  async function bump(shopId: ShopId, sources: SourceRef[]) {
    const shop = await shops.get(shopId);
    if (!shop) throw new Error(`Shop ${shopId} does not exist`);
    const version = (shop.knowledgeVersion ?? 0) + 1;
    await shops.updateShop({ ...shop, knowledgeVersion: version });
    of(shopId).log.set(version, sources);
  }
  const limit = (kind: "articles" | "products", size: number) => {
    if (size >= KNOWLEDGE_LIMITS[kind]) throw new KnowledgeLimitError(kind, KNOWLEDGE_LIMITS[kind]);
  };
  const version = async (shopId: ShopId) => (await shops.get(shopId))?.knowledgeVersion ?? 0;

  const store: FakeKnowledgeStore = {
    calls,
    async putArticle(shopId, article) {
      calls.push("putArticle");
      const k = of(shopId);
      const created = !k.articles.has(article.id);
      if (created) limit("articles", k.articles.size);
      k.articles.set(article.id, copy(article));
      await bump(shopId, [{ type: "article", id: article.id }]);
      return created ? "created" : "replaced";
    },
    async getArticle(shopId, id) {
      calls.push("getArticle");
      const a = of(shopId).articles.get(id);
      return a ? copy(a) : null;
    },
    async listArticles(shopId, page) {
      calls.push("listArticles");
      const items = [...of(shopId).articles.values()].map((a) => ({ key: a.id, item: copy(a) }));
      return pageOf(items, page, `articles:${shopId}`);
    },
    async deleteArticle(shopId, id) {
      calls.push("deleteArticle");
      if (!of(shopId).articles.delete(id)) return false;
      await bump(shopId, [{ type: "article", id }]);
      return true;
    },
    async putProduct(shopId, product) {
      calls.push("putProduct");
      const k = of(shopId);
      const stored = k.products.get(product.id);
      const deletedAt = k.deletedProducts.get(product.id);
      if ((stored && stored.updatedAt > product.updatedAt) || (deletedAt && deletedAt > product.updatedAt))
        return "stale";
      if (!stored) limit("products", k.products.size);
      k.products.set(product.id, copy(product));
      k.deletedProducts.delete(product.id);
      await bump(shopId, [{ type: "product", id: product.id }]);
      return stored ? "replaced" : "created";
    },
    async getProduct(shopId, id) {
      calls.push("getProduct");
      const p = of(shopId).products.get(id);
      return p ? copy(p) : null;
    },
    async listProducts(shopId, page) {
      calls.push("listProducts");
      const items = [...of(shopId).products.values()].map((p) => ({ key: p.id, item: copy(p) }));
      return pageOf(items, page, `products:${shopId}`);
    },
    async deleteProduct(shopId, id, at) {
      calls.push("deleteProduct");
      const k = of(shopId);
      const stored = k.products.get(id);
      if (stored && stored.updatedAt > at) return false;
      k.deletedProducts.set(id, at);
      if (!k.products.delete(id)) return false;
      await bump(shopId, [{ type: "product", id }]);
      return true;
    },
    async replacePolicies(shopId, policies) {
      calls.push("replacePolicies");
      const k = of(shopId);
      const changed: SourceRef[] = [];
      for (const p of policies)
        if (JSON.stringify(k.policies.get(p.kind)) !== JSON.stringify(p)) {
          k.policies.set(p.kind, copy(p));
          changed.push({ type: "policy", id: p.kind });
        }
      for (const kind of [...k.policies.keys()])
        if (!policies.some((p) => p.kind === kind)) {
          k.policies.delete(kind);
          changed.push({ type: "policy", id: kind });
        }
      if (changed.length > 0) await bump(shopId, changed);
    },
    async listPolicies(shopId) {
      calls.push("listPolicies");
      return [...of(shopId).policies.values()].map(copy);
    },
    async version(shopId) {
      calls.push("version");
      return version(shopId);
    },
    async loadContent(shopId) {
      calls.push("loadContent");
      const k = of(shopId);
      return {
        version: await version(shopId),
        articles: [...k.articles.values()].map(copy),
        products: [...k.products.values()].map(copy),
        policies: [...k.policies.values()].map(copy),
      };
    },
    async changesSince(shopId, after, upTo) {
      calls.push("changesSince");
      const k = of(shopId);
      const sources = new Map<string, SourceRef>();
      for (let v = after + 1; v <= upTo; v++) {
        const entry = k.log.get(v);
        if (!entry) return null;
        for (const s of entry) sources.set(`${s.type}:${s.id}`, s);
      }
      return [...sources.values()].map((source): KnowledgeChange => {
        if (source.type === "article")
          return {
            source: { type: "article", id: source.id },
            value: copy(k.articles.get(source.id) ?? null),
          };
        if (source.type === "product")
          return {
            source: { type: "product", id: source.id },
            value: copy(k.products.get(source.id) ?? null),
          };
        return { source: { type: "policy", id: source.id }, value: copy(k.policies.get(source.id) ?? null) };
      });
    },
    async loadSnapshot(shopId) {
      calls.push("loadSnapshot");
      return of(shopId).snapshot;
    },
    async saveSnapshot(shopId, snapshot) {
      calls.push("saveSnapshot");
      const k = of(shopId);
      if (!k.snapshot || k.snapshot.version <= snapshot.version)
        k.snapshot = { version: snapshot.version, data: snapshot.data, storedAt: new Date().toISOString() };
    },
  };
  return store;
}
