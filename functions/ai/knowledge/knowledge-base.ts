/**
 * The KnowledgeBase port over a KnowledgeStore: one in-memory index per shop per instance, kept while the shop's
 * knowledge version (read by the caller on the shop item) holds, so a search reads nothing. When the version moves it
 * catches up by the cheapest way that works: the change log (a few items), else the stored snapshot plus the log since,
 * else every item — and then it stores a fresh snapshot for the other instances. With an embedder (a model configured),
 * the article and policy passages also get vectors when they change (stored with the snapshot), the question is embedded
 * once per search, and vector results are fused with word results (fusion.ts).
 */
import type { ShopId } from "../../domain/ids";
import type { KnowledgeBase, KnowledgeStore } from "../../domain/knowledge";
import type { Embedder, Logger } from "../../domain/ports";
import { fuse, joinSnapshot, PassageVectors, splitSnapshot } from "./fusion";
import type { KnowledgeIndex } from "./search-index";

/** The index code (MiniSearch, the tokenizer's tables) is loaded with the first shop's index, not at every cold start. */
const searchIndex = () => import("./search-index").then((m) => m.KnowledgeIndex);

/** How an index reached the version asked for; for logs, benchmarks and tests. */
export type Refresh = "cached" | "empty" | "log" | "snapshot" | "built";

export interface KnowledgeBaseOptions {
  readonly store: KnowledgeStore;
  readonly logger?: Logger | undefined;
  /** Indexes held at once, by passages (a 2,000-article, 20,000-product shop is about 30,000). */
  readonly maxPassages?: number;
  /** A snapshot more than this many versions behind is rebuilt rather than caught up through the log. */
  readonly maxCatchUp?: number;
  /**
   * How long an index newer than the caller's version is trusted: callers read the version from a shop copy cached
   * up to a minute (API key authentication). Past it, a lower version means the shop's knowledge was erased and
   * started again, and the index is loaded anew.
   */
  readonly staleCallerMs?: number;
  readonly now?: () => number;
  /** Embeds passages when knowledge changes and each question once, for questions in another language; none: words only. */
  readonly embedder?: Embedder | undefined;
  /** After a failed embeddings request, how long passages still without a vector wait for the next try (default 60 s). */
  readonly embedRetryMs?: number;
}

export interface InstanceKnowledgeBase extends KnowledgeBase {
  /** The shop's index at `version` or later, loading or catching up as needed. */
  indexFor(shopId: ShopId, version: number): Promise<KnowledgeIndex>;
  /** How the last `indexFor` of this shop got its index. */
  lastRefresh(shopId: ShopId): Refresh | undefined;
  /** Drops every index (tests; an instance never needs it). */
  clear(): void;
}

interface Held {
  index: KnowledgeIndex;
  /** The passages' vectors, with an embedder. */
  vectors: PassageVectors | undefined;
  /** Passages still without a vector after a failed request, and when they are tried again. */
  missingVectors: number;
  retryVectorsAt: number;
  /** When the index was last found current or caught up. */
  checkedAt: number;
  usedAt: number;
}

export function createKnowledgeBase(options: KnowledgeBaseOptions): InstanceKnowledgeBase {
  const { store, logger } = options;
  const maxPassages = options.maxPassages ?? 80_000;
  const maxCatchUp = options.maxCatchUp ?? 200;
  const staleCallerMs = options.staleCallerMs ?? 65_000;
  // Snapshots live three days (knowledge-store.ts): one a day old, or 50 versions behind, is stored again.
  const resnapshotAfterMs = 24 * 3600 * 1000;
  const resnapshotAfterVersions = 50;
  const now = options.now ?? (() => Date.now());
  const embedder = options.embedder;
  const embedRetryMs = options.embedRetryMs ?? 60_000;
  const held = new Map<ShopId, Held>();
  const loading = new Map<ShopId, Promise<KnowledgeIndex>>();
  const refreshes = new Map<ShopId, Refresh>();

  /** Keeps memory bounded: the least recently used shops' indexes go first. */
  function evict(keep: ShopId) {
    let total = [...held.values()].reduce((n, h) => n + h.index.size.passages, 0);
    for (const [shopId, h] of [...held].sort((a, b) => a[1].usedAt - b[1].usedAt)) {
      if (total <= maxPassages) break;
      if (shopId === keep) continue;
      held.delete(shopId);
      total -= h.index.size.passages;
    }
  }

  /** Embeds the passages that are new or changed since `vectors` (all of them for new vectors); never throws. */
  async function syncVectors(shopId: ShopId, index: KnowledgeIndex, vectors: PassageVectors | undefined) {
    if (!embedder || !vectors) return { vectors, embedded: 0, missing: 0 };
    const { embedded, missing } = await vectors
      .sync(index.embeddableTexts(), embedder)
      .catch((error: unknown) => {
        logger?.warn("knowledge vectors not made", { shopId, error: String(error) });
        return { embedded: 0, missing: 1 };
      });
    if (embedded > 0 || missing > 0)
      logger?.debug("knowledge vectors", { shopId, version: index.version, embedded, missing });
    return { vectors, embedded, missing };
  }

  const freshVectors = () => (embedder ? PassageVectors.empty(embedder.model) : undefined);

  async function load(
    shopId: ShopId,
    version: number,
    current: { index: KnowledgeIndex; vectors: PassageVectors | undefined } | undefined,
  ) {
    // The log: a few changed items since the index we hold (and only their passages embedded).
    if (current && version > current.index.version && version - current.index.version <= maxCatchUp) {
      const changes = await store.changesSince(shopId, current.index.version, version);
      if (changes) {
        current.index.apply(version, changes);
        const synced = await syncVectors(shopId, current.index, current.vectors ?? freshVectors());
        return { index: current.index, refresh: "log" as const, ...synced };
      }
    }
    // The snapshot another instance stored, and the log since it.
    const snapshot = await store.loadSnapshot(shopId).catch((error: unknown) => {
      logger?.warn("knowledge snapshot unreadable", { shopId, error: String(error) });
      return null;
    });
    if (snapshot && version - snapshot.version <= maxCatchUp) {
      try {
        const parts = splitSnapshot(snapshot.data);
        const index = (await searchIndex()).load(parts.index);
        const changes =
          version > index.version ? await store.changesSince(shopId, index.version, version) : [];
        if (changes) {
          if (changes.length > 0) index.apply(version, changes);
          const stored =
            embedder && parts.vectors ? PassageVectors.load(parts.vectors, embedder.model) : undefined;
          const synced = await syncVectors(shopId, index, stored ?? freshVectors());
          // Snapshots expire (no deletes needed): one that is old or far behind is stored again from this index, so
          // a busy shop's instances keep loading rather than building; so is one that lacked this model's vectors.
          const age = snapshot.storedAt ? now() - Date.parse(snapshot.storedAt) : Number.POSITIVE_INFINITY;
          const vectorsAdded = embedder !== undefined && !stored?.size && synced.embedded > 0;
          if (
            age > resnapshotAfterMs ||
            index.version - snapshot.version >= resnapshotAfterVersions ||
            vectorsAdded
          )
            await store
              .saveSnapshot(shopId, {
                version: index.version,
                data: joinSnapshot(index.serialize(), synced.vectors),
              })
              .catch(() => undefined);
          return { index, refresh: "snapshot" as const, ...synced };
        }
      } catch (error) {
        logger?.warn("knowledge snapshot discarded", { shopId, error: String(error) });
      }
    }
    // Everything, once; then a snapshot so the other instances need not do the same.
    const content = await store.loadContent(shopId);
    const index = (await searchIndex()).build(content);
    const synced = await syncVectors(shopId, index, freshVectors());
    await store
      .saveSnapshot(shopId, { version: index.version, data: joinSnapshot(index.serialize(), synced.vectors) })
      .catch((error: unknown) => {
        logger?.warn("knowledge snapshot not stored", { shopId, error: String(error) });
      });
    return { index, refresh: "built" as const, ...synced };
  }

  async function indexFor(shopId: ShopId, version: number): Promise<KnowledgeIndex> {
    const mine = held.get(shopId);
    const at = now();
    if (mine) {
      const current = mine.index.version;
      if (current === version || (current > version && at - mine.checkedAt <= staleCallerMs)) {
        mine.usedAt = at;
        refreshes.set(shopId, "cached");
        return mine.index;
      }
    }
    if (version === 0 && mine?.index.version !== 0) {
      // A shop that never wrote knowledge has none: nothing to read.
      const index = (await searchIndex()).build({ version: 0, articles: [], products: [], policies: [] });
      held.set(shopId, {
        index,
        vectors: freshVectors(),
        missingVectors: 0,
        retryVectorsAt: 0,
        checkedAt: at,
        usedAt: at,
      });
      refreshes.set(shopId, "empty");
      return index;
    }
    // One load per shop at a time: concurrent requests (the local server) wait for the same one.
    let pending = loading.get(shopId);
    if (!pending) {
      const current = mine && mine.index.version < version ? mine : undefined;
      pending = load(shopId, version, current)
        .then(({ index, refresh, vectors, missing }) => {
          held.set(shopId, {
            index,
            vectors,
            missingVectors: missing,
            retryVectorsAt: now() + embedRetryMs,
            checkedAt: now(),
            usedAt: now(),
          });
          refreshes.set(shopId, refresh);
          evict(shopId);
          logger?.debug("knowledge index ready", { shopId, version: index.version, refresh, ...index.size });
          return index;
        })
        .finally(() => loading.delete(shopId));
      loading.set(shopId, pending);
    }
    return pending;
  }

  /** Passages a failed request left without a vector are tried again, at most once per `embedRetryMs`. */
  async function retryMissingVectors(shopId: ShopId, mine: Held) {
    if (mine.missingVectors === 0 || now() < mine.retryVectorsAt) return;
    mine.retryVectorsAt = now() + embedRetryMs;
    mine.missingVectors = (await syncVectors(shopId, mine.index, mine.vectors)).missing;
  }

  return {
    indexFor,
    async search(shopId, question, query) {
      const index = await indexFor(shopId, query.version);
      const words = index.search(question, query);
      // Vectors are only ever this shop's own: they are held beside the shop's index, never shared.
      const mine = held.get(shopId);
      if (!embedder || !mine?.vectors || mine.index !== index) return words;
      await retryMissingVectors(shopId, mine);
      if (mine.vectors.size === 0) return words;
      // The question is embedded once per search: one request to the model server, not a chat call.
      const [asked] = (await embedder.embed([question])) ?? [];
      if (!asked) return words;
      const limit = query.limit ?? 5;
      const byMeaning = mine.vectors
        .nearest(asked, limit, (id) => index.passageById(id, query.market) !== null)
        .flatMap((id) => index.passageById(id, query.market) ?? []);
      return fuse([words, byMeaning], limit);
    },
    lastRefresh: (shopId) => refreshes.get(shopId),
    clear: () => held.clear(),
  };
}
