/** An embedding model as a deterministic fake: hashed words, plus groups of words that mean the same across languages. */
import type { Embedder } from "../ports";

export interface FakeVectorOptions {
  /** Length of every vector (default 64). */
  readonly dimensions?: number | undefined;
  /**
   * Words that mean the same in several languages (["warranty", "รับประกัน"]): a text holding any of them gets the
   * same direction, as a multilingual model would give it.
   */
  readonly sameMeaning?: readonly (readonly string[])[] | undefined;
}

/** FNV-1a: a stable hash, so the same text always gets the same vector. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const segmenter = new Intl.Segmenter("en", { granularity: "word" });

/** The fake model's vector of `text`: its words hashed into buckets, each meaning group its own heavier bucket, unit length. */
export function fakeVector(text: string, options: FakeVectorOptions = {}): number[] {
  const dimensions = options.dimensions ?? 64;
  const vector = new Array<number>(dimensions).fill(0);
  const lower = text.normalize("NFKC").toLowerCase();
  for (const { segment, isWordLike } of segmenter.segment(lower))
    if (isWordLike) vector[hash(segment) % dimensions] = (vector[hash(segment) % dimensions] ?? 0) + 1;
  for (const group of options.sameMeaning ?? []) {
    const [name] = group;
    if (name && group.some((word) => lower.includes(word.toLowerCase())))
      vector[hash(`meaning:${name}`) % dimensions] = (vector[hash(`meaning:${name}`) % dimensions] ?? 0) + 4;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

export interface FakeEmbedder extends Embedder {
  /** The texts of every call, oldest first. */
  readonly calls: readonly (readonly string[])[];
  /** Makes every call fail (null, so callers search by words alone) until called with false. */
  fail(failing?: boolean): void;
}

/** An Embedder answering with `fakeVector` of each text, recording each call. */
export function createFakeEmbedder(
  options: FakeVectorOptions & { readonly model?: string } = {},
): FakeEmbedder {
  const calls: string[][] = [];
  let failing = false;
  return {
    model: options.model ?? "fake-embedding",
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return failing ? null : texts.map((text) => fakeVector(text, options));
    },
    fail(value = true) {
      failing = value;
    },
  };
}
