/**
 * Beside the word index (search-index.ts): the embedding vectors of a shop's article and policy passages, kept in step
 * with the index and stored with its snapshot, and the reciprocal rank fusion that merges word and vector results, so a
 * question in Thai finds an article written in English.
 */
import { createHash } from "node:crypto";
import type { Passage, SourceRef } from "../../domain/knowledge";
import type { Embedder } from "../../domain/ports";

/** RRF's constant: 60 is the value of the original paper, and it makes a list's first few ranks count about equally. */
export const RRF_K = 60;

const sourceKey = (source: SourceRef) => `${source.type}:${source.id}`;

/**
 * Merges ranked lists by reciprocal rank fusion (each list adds 1 / (k + rank) per item), one passage per source,
 * best first; a tie keeps the order of the first list (words before vectors). A passage found in several lists
 * keeps the first list's copy, so its word coverage stays what the word index measured.
 */
export function fuse(lists: readonly (readonly Passage[])[], limit: number, k = RRF_K): Passage[] {
  const scored = new Map<string, { passage: Passage; score: number; first: number }>();
  let order = 0;
  for (const list of lists) {
    const seen = new Set<string>();
    list.forEach((passage, rank) => {
      const key = sourceKey(passage.source);
      // A source counts once per list, at its best rank.
      if (seen.has(key)) return;
      seen.add(key);
      const held = scored.get(key);
      if (held) held.score += 1 / (k + rank + 1);
      else scored.set(key, { passage, score: 1 / (k + rank + 1), first: order++ });
    });
  }
  return [...scored.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first)
    .slice(0, limit)
    .map((s) => s.passage);
}

/** A passage as embedded: its id in the word index and the text its vector was made of. */
export interface EmbeddableText {
  readonly id: string;
  readonly text: string;
}

interface Entry {
  readonly hash: string;
  /** Quantized to bytes (a quarter of the floats' size in the snapshot); cosine similarity ignores the scale. */
  readonly vector: Int8Array;
  readonly norm: number;
}

/** Texts per embeddings request: well under providers' limits (OpenAI: 2,048 inputs, 300,000 tokens). */
const BATCH = 128;
/** Snapshot vectors of this format are read; any other is embedded again. */
const VECTORS_FORMAT = 1;

const hashOf = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

function quantize(vector: readonly number[]): Entry["vector"] {
  const max = Math.max(...vector.map(Math.abs)) || 1;
  return Int8Array.from(vector, (x) => Math.round((x / max) * 127));
}

function normOf(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) ** 2;
  return Math.sqrt(sum);
}

/** One shop's passage vectors, of one embedding model. */
export class PassageVectors {
  private constructor(
    readonly model: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  static empty(model: string): PassageVectors {
    return new PassageVectors(model, new Map());
  }

  /** Reads `serialize`'s output; vectors of another model or format are dropped (embedded again by `sync`). */
  static load(data: string, model: string): PassageVectors {
    const parsed = JSON.parse(data) as { format: number; model: string; entries: [string, string, string][] };
    if (parsed.format !== VECTORS_FORMAT || parsed.model !== model) return PassageVectors.empty(model);
    const entries = new Map<string, Entry>();
    for (const [id, hash, bytes] of parsed.entries) {
      const buffer = Buffer.from(bytes, "base64");
      const vector = new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      entries.set(id, { hash, vector, norm: normOf(vector) });
    }
    return new PassageVectors(model, entries);
  }

  serialize(): string {
    return JSON.stringify({
      format: VECTORS_FORMAT,
      model: this.model,
      entries: [...this.entries].map(([id, e]) => [
        id,
        e.hash,
        Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength).toString("base64"),
      ]),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Brings the vectors in step with the index's passages: keeps those whose text is unchanged, drops those gone, and
   * embeds the new or changed ones (only those). Returns how many were embedded and how many are still missing
   * (a failed request leaves them for the next try).
   */
  async sync(
    passages: Iterable<EmbeddableText>,
    embedder: Embedder,
  ): Promise<{ embedded: number; missing: number }> {
    const wanted = new Map<string, EmbeddableText & { hash: string }>();
    for (const p of passages) wanted.set(p.id, { ...p, hash: hashOf(p.text) });
    for (const id of [...this.entries.keys()]) if (!wanted.has(id)) this.entries.delete(id);
    const todo = [...wanted.values()].filter((p) => this.entries.get(p.id)?.hash !== p.hash);
    let embedded = 0;
    for (let i = 0; i < todo.length; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      const vectors = await embedder.embed(batch.map((p) => p.text));
      // A failed request stops here: the rest waits for the next try rather than costing more failing requests.
      if (!vectors) break;
      batch.forEach((p, n) => {
        const vector = vectors[n];
        if (!vector) return;
        const q = quantize(vector);
        this.entries.set(p.id, { hash: p.hash, vector: q, norm: normOf(q) });
        embedded++;
      });
    }
    return { embedded, missing: todo.length - embedded };
  }

  /** The passages most similar to `query` (cosine), best first, among those `accept` lets through. */
  nearest(query: readonly number[], limit: number, accept: (id: string) => boolean): string[] {
    const qNorm = normOf(query);
    if (qNorm === 0) return [];
    const scored: [string, number][] = [];
    for (const [id, entry] of this.entries) {
      if (entry.norm === 0 || entry.vector.length !== query.length || !accept(id)) continue;
      let dot = 0;
      for (let i = 0; i < query.length; i++) dot += (query[i] ?? 0) * (entry.vector[i] ?? 0);
      scored.push([id, dot / (qNorm * entry.norm)]);
    }
    return scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => id);
  }
}

/** Marks a snapshot that carries vectors: this line, the vectors' JSON on the next, then the index's JSON. */
const VECTORS_HEADER = "#vectors";

/** A snapshot's text: the index alone, or with the vectors before it (JSON holds no raw newline, so lines split it). */
export function joinSnapshot(index: string, vectors: PassageVectors | undefined): string {
  return vectors && vectors.size > 0 ? `${VECTORS_HEADER}\n${vectors.serialize()}\n${index}` : index;
}

/** The index's text and the vectors' text (if any) of a snapshot written by `joinSnapshot`. */
export function splitSnapshot(data: string): { index: string; vectors: string | null } {
  if (!data.startsWith(`${VECTORS_HEADER}\n`)) return { index: data, vectors: null };
  const end = data.indexOf("\n", VECTORS_HEADER.length + 1);
  if (end < 0) throw new Error("snapshot vectors are cut short");
  return { vectors: data.slice(VECTORS_HEADER.length + 1, end), index: data.slice(end + 1) };
}
