/**
 * The KnowledgeBase port over a KnowledgeStore: one in-memory index per shop per instance, kept while the shop's
 * knowledge version (read by the caller on the shop item) holds, so a search reads nothing. When the version moves it
 * catches up by the cheapest way that works: the change log (a few items), else the stored snapshot plus the log since,
 * else every item — and then it stores a fresh snapshot for the other instances.
 */
import type { ShopId } from "../../domain/ids";
import type { KnowledgeBase, KnowledgeStore } from "../../domain/knowledge";
import type { Logger } from "../../domain/ports";
import { KnowledgeIndex } from "./search-index";

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

  async function load(shopId: ShopId, version: number, current: KnowledgeIndex | undefined) {
    // The log: a few changed items since the index we hold.
    if (current && version > current.version && version - current.version <= maxCatchUp) {
      const changes = await store.changesSince(shopId, current.version, version);
      if (changes) {
        current.apply(version, changes);
        return { index: current, refresh: "log" as const };
      }
    }
    // The snapshot another instance stored, and the log since it.
    const snapshot = await store.loadSnapshot(shopId).catch((error: unknown) => {
      logger?.warn("knowledge snapshot unreadable", { shopId, error: String(error) });
      return null;
    });
    if (snapshot && version - snapshot.version <= maxCatchUp) {
      try {
        const index = KnowledgeIndex.load(snapshot.data);
        const changes =
          version > index.version ? await store.changesSince(shopId, index.version, version) : [];
        if (changes) {
          if (changes.length > 0) index.apply(version, changes);
          // Snapshots expire (no deletes needed): one that is old or far behind is stored again from this index, so
          // a busy shop's instances keep loading rather than building.
          const age = snapshot.storedAt ? now() - Date.parse(snapshot.storedAt) : Number.POSITIVE_INFINITY;
          if (age > resnapshotAfterMs || index.version - snapshot.version >= resnapshotAfterVersions)
            await store
              .saveSnapshot(shopId, { version: index.version, data: index.serialize() })
              .catch(() => undefined);
          return { index, refresh: "snapshot" as const };
        }
      } catch (error) {
        logger?.warn("knowledge snapshot discarded", { shopId, error: String(error) });
      }
    }
    // Everything, once; then a snapshot so the other instances need not do the same.
    const content = await store.loadContent(shopId);
    const index = KnowledgeIndex.build(content);
    await store
      .saveSnapshot(shopId, { version: index.version, data: index.serialize() })
      .catch((error: unknown) => {
        logger?.warn("knowledge snapshot not stored", { shopId, error: String(error) });
      });
    return { index, refresh: "built" as const };
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
      const index = KnowledgeIndex.build({ version: 0, articles: [], products: [], policies: [] });
      held.set(shopId, { index, checkedAt: at, usedAt: at });
      refreshes.set(shopId, "empty");
      return index;
    }
    // One load per shop at a time: concurrent requests (the local server) wait for the same one.
    let pending = loading.get(shopId);
    if (!pending) {
      const current = mine && mine.index.version < version ? mine.index : undefined;
      pending = load(shopId, version, current)
        .then(({ index, refresh }) => {
          held.set(shopId, { index, checkedAt: now(), usedAt: now() });
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

  return {
    indexFor,
    async search(shopId, question, query) {
      const index = await indexFor(shopId, query.version);
      return index.search(question, query);
    },
    lastRefresh: (shopId) => refreshes.get(shopId),
    clear: () => held.clear(),
  };
}
