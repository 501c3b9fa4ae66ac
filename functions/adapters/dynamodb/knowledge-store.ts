/**
 * A shop's store knowledge in the single table: articles, products and policies in one partition under the shop, a
 * change log by version, and the index snapshot in chunks. Every item carries `owner`, so shop erasure removes it.
 *
 * The API's role may not delete items (infra/support-stack.ts), so a delete leaves a tombstone that TTL removes after
 * a week; the tombstone also keeps an older Shopify update from bringing a deleted product back. Every write bumps the
 * shop's `knowledgeVersion` on the shop item and on the API key's copy of the shop, after the item itself is written,
 * so an index built at a version always holds that version's items.
 */
import { randomUUID } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ShopId } from "../../domain/ids";
import {
  type Article,
  KNOWLEDGE_LIMITS,
  type KnowledgeChange,
  KnowledgeLimitError,
  type KnowledgeStore,
  type KnowledgeWrite,
  type Policy,
  type Product,
  type SourceRef,
} from "../../domain/knowledge";
import { AppError } from "../../domain/errors";
import { encodeCursor, isStartKey } from "./cursor";
import { keys } from "./keys";
import { queryAll } from "./query-all";
import type { Table } from "./table";

type Kind = "ARTICLE" | "PRODUCT" | "POLICY";
const KIND: Record<SourceRef["type"], Kind> = { article: "ARTICLE", product: "PRODUCT", policy: "POLICY" };
const COUNTER = { ARTICLE: "articleCount", PRODUCT: "productCount" } as const;

/** A tombstone stays a week: longer than Shopify retries a webhook (48 hours), so no late update resurrects. */
const TOMBSTONE_SECONDS = 7 * 24 * 3600;
/** The change log covers a week of writes; an instance further behind loads a snapshot or everything. */
const LOG_SECONDS = 7 * 24 * 3600;
/** A snapshot lives three days, then the next reader rebuilds it: no deletes needed, and garbage stays bounded. */
const SNAPSHOT_SECONDS = 3 * 24 * 3600;
/** DynamoDB items hold 400 KB; a chunk keeps room for its keys and attributes. */
export const SNAPSHOT_CHUNK_BYTES = 350_000;
/** A BatchGetItem answers at most 16 MB: this many chunks per call. */
const CHUNKS_PER_BATCH = 40;
/** More versions than this behind, an instance reloads instead of replaying the log. */
const MAX_LOG_SPAN = 500;

type Item = Record<string, unknown>;

export interface KnowledgeStoreOptions {
  readonly now?: () => Date;
}

export function createKnowledgeStore(table: Table, options: KnowledgeStoreOptions = {}): KnowledgeStore {
  const { client, name: TableName } = table;
  const now = options.now ?? (() => new Date());
  const epoch = () => Math.floor(now().getTime() / 1000);

  const conditionFailed = (error: unknown) => {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  };

  async function getItem(shopId: ShopId, kind: Kind, id: string): Promise<Item | null> {
    const result = await client.send(
      new GetCommand({ TableName, Key: keys.knowledge(shopId, kind, id), ConsistentRead: true }),
    );
    return result.Item ?? null;
  }
  const live = (item: Item | null) => item !== null && item.deleted !== true;

  /** Counts a new item against the shop's limit, refusing past it. */
  async function reserve(shopId: ShopId, kind: "ARTICLE" | "PRODUCT") {
    const limit = kind === "ARTICLE" ? KNOWLEDGE_LIMITS.articles : KNOWLEDGE_LIMITS.products;
    const ok = await client
      .send(
        new UpdateCommand({
          TableName,
          Key: keys.shop(shopId),
          UpdateExpression: "ADD #count :one",
          ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#count) OR #count < :limit)",
          ExpressionAttributeNames: { "#count": COUNTER[kind] },
          ExpressionAttributeValues: { ":one": 1, ":limit": limit },
        }),
      )
      .then(() => true, conditionFailed);
    if (!ok) throw new KnowledgeLimitError(kind === "ARTICLE" ? "articles" : "products", limit);
  }

  async function release(shopId: ShopId, kind: "ARTICLE" | "PRODUCT") {
    await client
      .send(
        new UpdateCommand({
          TableName,
          Key: keys.shop(shopId),
          UpdateExpression: "ADD #count :minus",
          ConditionExpression: "attribute_exists(pk) AND #count > :zero",
          ExpressionAttributeNames: { "#count": COUNTER[kind] },
          ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
        }),
      )
      .catch(conditionFailed);
  }

  /** Moves the shop to its next knowledge version, logs what changed, and updates the API key's copy of the shop. */
  async function bump(shopId: ShopId, sources: readonly SourceRef[]): Promise<number> {
    const result = await client.send(
      new UpdateCommand({
        TableName,
        Key: keys.shop(shopId),
        UpdateExpression: "ADD knowledgeVersion :one",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
    );
    const version = result.Attributes?.knowledgeVersion as number;
    await client.send(
      new PutCommand({
        TableName,
        Item: {
          ...keys.knowledgeLog(shopId, version),
          type: "knowledgeLog",
          owner: shopId,
          version,
          sources: sources.map((s) => ({ type: s.type, id: s.id })),
          expiresAt: epoch() + LOG_SECONDS,
        },
      }),
    );
    const apiKeyHash = result.Attributes?.apiKeyHash as string | undefined;
    if (apiKeyHash)
      await client
        .send(
          new UpdateCommand({
            TableName,
            Key: keys.apiKey(apiKeyHash),
            UpdateExpression: "SET #shop.#version = :v",
            ConditionExpression:
              "attribute_exists(#shop) AND (attribute_not_exists(#shop.#version) OR #shop.#version < :v)",
            ExpressionAttributeNames: { "#shop": "shop", "#version": "knowledgeVersion" },
            ExpressionAttributeValues: { ":v": version },
          }),
        )
        .catch(conditionFailed);
    return version;
  }

  const itemOf = (shopId: ShopId, kind: Kind, id: string, data: unknown, updatedAt: string) => ({
    ...keys.knowledge(shopId, kind, id),
    type: `knowledge${kind[0]}${kind.slice(1).toLowerCase()}`,
    owner: shopId,
    data,
    updatedAt,
  });

  /** Tombstones a live item (as of `at`); false when there was none, or a newer copy is stored. */
  async function tombstone(shopId: ShopId, kind: Kind, id: string, at: string): Promise<boolean> {
    return client
      .send(
        new UpdateCommand({
          TableName,
          Key: keys.knowledge(shopId, kind, id),
          UpdateExpression: "SET deleted = :true, updatedAt = :at, expiresAt = :ttl REMOVE #data",
          ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(deleted) AND updatedAt <= :at",
          ExpressionAttributeNames: { "#data": "data" },
          ExpressionAttributeValues: { ":true": true, ":at": at, ":ttl": epoch() + TOMBSTONE_SECONDS },
        }),
      )
      .then(() => true, conditionFailed);
  }

  /** One page of live items of a kind, in id order, filling the page past tombstones. */
  async function list<T>(shopId: ShopId, kind: Kind, page: { limit: number; cursor?: string | undefined }) {
    const pk = keys.knowledge(shopId, kind, "").pk;
    let start: Record<string, unknown> | undefined = startKey(page.cursor, pk, `${kind}#`);
    const items: T[] = [];
    let last: Item | undefined;
    for (;;) {
      const result = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :kind)",
          FilterExpression: "attribute_not_exists(deleted)",
          ExpressionAttributeValues: { ":pk": pk, ":kind": `${kind}#` },
          Limit: page.limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of result.Items ?? []) {
        items.push(item.data as T);
        last = { pk: item.pk, sk: item.sk };
      }
      start = result.LastEvaluatedKey;
      if (!start || items.length >= page.limit) break;
    }
    return { items, nextCursor: start && last ? encodeCursor(last) : null };
  }

  async function listPolicies(shopId: ShopId): Promise<Policy[]> {
    const items = await queryAll(client, {
      TableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :kind)",
      ExpressionAttributeValues: { ":pk": keys.knowledge(shopId, "POLICY", "").pk, ":kind": "POLICY#" },
      ConsistentRead: true,
    });
    return items.filter((i) => i.deleted !== true).map((i) => i.data as Policy);
  }

  async function version(shopId: ShopId): Promise<number> {
    const shop = await client.send(
      new GetCommand({ TableName, Key: keys.shop(shopId), ConsistentRead: true }),
    );
    return (shop.Item?.knowledgeVersion as number | undefined) ?? 0;
  }

  return {
    async putArticle(shopId, article) {
      const existing = await getItem(shopId, "ARTICLE", article.id);
      const created = !live(existing);
      if (created) await reserve(shopId, "ARTICLE");
      await client.send(
        new PutCommand({
          TableName,
          Item: itemOf(shopId, "ARTICLE", article.id, article, article.updatedAt),
        }),
      );
      await bump(shopId, [{ type: "article", id: article.id }]);
      return created ? "created" : "replaced";
    },
    async getArticle(shopId, id) {
      const item = await getItem(shopId, "ARTICLE", id);
      return live(item) ? ((item as Item).data as Article) : null;
    },
    listArticles: (shopId, page) => list<Article>(shopId, "ARTICLE", page),
    async deleteArticle(shopId, id) {
      if (!(await tombstone(shopId, "ARTICLE", id, now().toISOString()))) return false;
      await release(shopId, "ARTICLE");
      await bump(shopId, [{ type: "article", id }]);
      return true;
    },
    async putProduct(shopId, product): Promise<KnowledgeWrite> {
      const existing = await getItem(shopId, "PRODUCT", product.id);
      if (existing && (existing.updatedAt as string) > product.updatedAt) return "stale";
      const created = !live(existing);
      if (created) await reserve(shopId, "PRODUCT");
      // Never older over newer, whatever happened since the read: the write itself is conditional.
      const written = await client
        .send(
          new PutCommand({
            TableName,
            Item: itemOf(shopId, "PRODUCT", product.id, product, product.updatedAt),
            ConditionExpression: "attribute_not_exists(pk) OR updatedAt <= :u",
            ExpressionAttributeValues: { ":u": product.updatedAt },
          }),
        )
        .then(() => true, conditionFailed);
      if (!written) {
        if (created) await release(shopId, "PRODUCT");
        return "stale";
      }
      await bump(shopId, [{ type: "product", id: product.id }]);
      return created ? "created" : "replaced";
    },
    async getProduct(shopId, id) {
      const item = await getItem(shopId, "PRODUCT", id);
      return live(item) ? ((item as Item).data as Product) : null;
    },
    listProducts: (shopId, page) => list<Product>(shopId, "PRODUCT", page),
    async deleteProduct(shopId, id, at) {
      if (await tombstone(shopId, "PRODUCT", id, at)) {
        await release(shopId, "PRODUCT");
        await bump(shopId, [{ type: "product", id }]);
        return true;
      }
      // Never seen (or already deleted): a tombstone still keeps an older create from arriving after the delete.
      await client
        .send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.knowledge(shopId, "PRODUCT", id),
              type: "knowledgeProduct",
              owner: shopId,
              deleted: true,
              updatedAt: at,
              expiresAt: epoch() + TOMBSTONE_SECONDS,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        )
        .catch(conditionFailed);
      return false;
    },
    async replacePolicies(shopId, policies) {
      const stored = new Map((await listPolicies(shopId)).map((p) => [p.kind, p]));
      const changed: SourceRef[] = [];
      const at = now().toISOString();
      for (const policy of policies) {
        if (JSON.stringify(stored.get(policy.kind)) === JSON.stringify(policy)) continue;
        await client.send(
          new PutCommand({ TableName, Item: itemOf(shopId, "POLICY", policy.kind, policy, at) }),
        );
        changed.push({ type: "policy", id: policy.kind });
      }
      for (const kind of stored.keys())
        if (!policies.some((p) => p.kind === kind) && (await tombstone(shopId, "POLICY", kind, at)))
          changed.push({ type: "policy", id: kind });
      if (changed.length > 0) await bump(shopId, changed);
    },
    listPolicies,
    version,
    async loadContent(shopId) {
      // The version first: items written after it are newer than it says, which the next catch-up applies again.
      const at = await version(shopId);
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk",
        FilterExpression: "attribute_not_exists(deleted)",
        ExpressionAttributeValues: { ":pk": keys.knowledge(shopId, "ARTICLE", "").pk },
      });
      const of = (kind: Kind) =>
        items.filter((i) => (i.sk as string).startsWith(`${kind}#`)).map((i) => i.data);
      return {
        version: at,
        articles: of("ARTICLE") as Article[],
        products: of("PRODUCT") as Product[],
        policies: of("POLICY") as Policy[],
      };
    },
    async changesSince(shopId, after, upTo) {
      if (upTo <= after) return [];
      if (upTo - after > MAX_LOG_SPAN) return null;
      const log = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.knowledgeLog(shopId, 0).pk,
          ":from": keys.knowledgeLog(shopId, after + 1).sk,
          ":to": keys.knowledgeLog(shopId, upTo).sk,
        },
        ConsistentRead: true,
      });
      // A version without its entry (expired, or a write that stopped between its bump and its log): start over.
      if (log.length !== upTo - after) return null;
      const sources = new Map<string, SourceRef>();
      for (const entry of log)
        for (const s of entry.sources as SourceRef[])
          sources.set(`${s.type}:${s.id}`, { type: s.type, id: s.id });
      const wanted = [...sources.values()].map((s) => keys.knowledge(shopId, KIND[s.type], s.id));
      const found = new Map<string, Item>();
      for (const item of await batchGet(wanted)) found.set(item.sk as string, item);
      return [...sources.values()].map((source) => {
        const item = found.get(keys.knowledge(shopId, KIND[source.type], source.id).sk);
        const value = item && item.deleted !== true ? item.data : null;
        return { source, value } as KnowledgeChange;
      });
    },
    async loadSnapshot(shopId) {
      const manifest = (
        await client.send(new GetCommand({ TableName, Key: keys.knowledgeSnapshot(shopId, "MANIFEST") }))
      ).Item;
      // TTL deletes late: an expired manifest counts as gone (its chunks may already be).
      if (!manifest || (manifest.expiresAt as number) <= epoch()) return null;
      const id = manifest.snapshotId as string;
      const count = manifest.chunks as number;
      const chunkKeys = Array.from({ length: count }, (_, n) =>
        keys.knowledgeSnapshot(shopId, chunkSk(id, n)),
      );
      const chunks = new Map<string, Uint8Array>();
      const batches = [];
      for (let i = 0; i < chunkKeys.length; i += CHUNKS_PER_BATCH)
        batches.push(chunkKeys.slice(i, i + CHUNKS_PER_BATCH));
      for (const items of await Promise.all(batches.map((b) => batchGet(b))))
        for (const item of items) chunks.set(item.sk as string, item.bytes as Uint8Array);
      const ordered = chunkKeys.map((k) => chunks.get(k.sk));
      if (ordered.some((c) => c === undefined)) return null;
      const data = gunzipSync(Buffer.concat(ordered as Uint8Array[])).toString("utf8");
      return { version: manifest.version as number, data, storedAt: manifest.storedAt as string | undefined };
    },
    async saveSnapshot(shopId, snapshot) {
      const bytes = gzipSync(Buffer.from(snapshot.data, "utf8"), { level: 1 });
      const snapshotId = randomUUID();
      const expiresAt = epoch() + SNAPSHOT_SECONDS;
      const count = Math.ceil(bytes.byteLength / SNAPSHOT_CHUNK_BYTES);
      // Chunks first, each under its own snapshot id, then the manifest that points at them: a reader never sees half.
      for (let n = 0; n < count; n += 8)
        await Promise.all(
          Array.from({ length: Math.min(8, count - n) }, (_, k) =>
            client.send(
              new PutCommand({
                TableName,
                Item: {
                  ...keys.knowledgeSnapshot(shopId, chunkSk(snapshotId, n + k)),
                  type: "knowledgeSnapshotChunk",
                  owner: shopId,
                  bytes: bytes.subarray((n + k) * SNAPSHOT_CHUNK_BYTES, (n + k + 1) * SNAPSHOT_CHUNK_BYTES),
                  expiresAt,
                },
              }),
            ),
          ),
        );
      await client
        .send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.knowledgeSnapshot(shopId, "MANIFEST"),
              type: "knowledgeSnapshot",
              owner: shopId,
              version: snapshot.version,
              snapshotId,
              chunks: count,
              bytes: bytes.byteLength,
              storedAt: now().toISOString(),
              expiresAt,
            },
            // A newer snapshot stays; an expired one is replaced whatever its version (the shop may have been erased).
            ConditionExpression: "attribute_not_exists(pk) OR version <= :v OR expiresAt <= :now",
            ExpressionAttributeValues: { ":v": snapshot.version, ":now": epoch() },
          }),
        )
        .catch(conditionFailed);
    },
  };

  /** Reads keys in batches of 100, retrying what DynamoDB leaves unprocessed. */
  async function batchGet(wanted: readonly { pk: string; sk: string }[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < wanted.length; i += 100) {
      let pending: Record<string, unknown>[] = wanted.slice(i, i + 100);
      // A large answer comes back in parts (the 16 MB limit): keep asking while parts come, back off when none does.
      for (let idle = 0; pending.length > 0; ) {
        if (idle === 8) throw new Error("DynamoDB left reads unprocessed after retries");
        const result = await client.send(
          new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        const got = result.Responses?.[TableName] ?? [];
        items.push(...got);
        pending = (result.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, unknown>[];
        idle = got.length > 0 ? 0 : idle + 1;
        if (pending.length > 0 && idle > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** idle));
      }
    }
    return items;
  }
}

const chunkSk = (snapshotId: string, n: number) => `CHUNK#${snapshotId}#${String(n).padStart(4, "0")}`;

/** A list cursor's start key, only if it is this list's own (this shop's partition, this kind): never another shop's. */
function startKey(
  cursor: string | undefined,
  pk: string,
  prefix: string,
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (isStartKey(key, { attribute: "pk", value: pk }, ["pk", "sk"]) && key.sk?.startsWith(prefix))
      return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid_request", "The cursor is not valid for this list; start again without it.", [
    { path: "cursor" },
  ]);
}
