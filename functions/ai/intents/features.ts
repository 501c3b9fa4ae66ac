/**
 * Turns a message into hashed classifier features: words and word pairs (segmented with Intl.Segmenter where the
 * script has no spaces: Thai, Chinese, Japanese) plus character n-grams, each the top 24 bits of a 32-bit FNV-1a hash.
 */
import { normaliseText } from "../normalise";
import { simplifiedChinese } from "./simplify-han";
import { hasDevanagari, romaniseDevanagari } from "./romanise";

/** Bump when the features change: a model trained on other features must be retrained, not misread. */
export const FEATURE_VERSION = 5;

export interface FeatureOptions {
  /** Longest character n-gram. */
  readonly charMax: number;
  /** Whether consecutive word pairs are features. */
  readonly bigrams: boolean;
  /**
   * Longest character n-gram starting on a Han, kana, Hangul or Thai character, whose characters carry more meaning
   * each (measured on held-out data: Korean up 1.3 points with 3 against 4, Thai and Japanese a little).
   */
  readonly denseCharMax?: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { charMax: 4, bigrams: true, denseCharMax: 3 };

/** Han, kana, Hangul and Thai carry meaning in single characters; Latin letters do not. */
const DENSE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

// ICU picks the word dictionary by script, not locale, so one segmenter serves Thai, Chinese, Japanese and Korean.
// Made on first use: loading ICU's break iterator costs a cold start milliseconds a Latin-script message never needs.
let segmenter: Intl.Segmenter | undefined;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// One seed per kind of feature, so the word "ok" and the character pair "ok" are different features.
const SEED_WORD = hashStep(FNV_OFFSET, 0x77);
const SEED_PAIR = hashStep(FNV_OFFSET, 0x62);
const SEED_CHAR = hashStep(FNV_OFFSET, 0x63);

function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME) >>> 0;
}

function hashString(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/**
 * Features are 24-bit keys: the model stores them sorted and delta-coded, and 24 bits halve that list while
 * collisions among ~150,000 training features stay rare (about one in 200) and cost nothing measurable.
 */
const key = (hash: number) => hash >>> 8;

export interface Features {
  /** Distinct feature keys. */
  readonly all: readonly number[];
  /** The word features: the share the model knows says whether it knows this kind of message at all. */
  readonly evidence: readonly number[];
}

const EMPTY: Features = { all: [], evidence: [] };

export function words(normal: string): string[] {
  if (!DENSE_SCRIPT.test(normal)) return normal.split(" ");
  const out: string[] = [];
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  for (const s of segmenter.segment(normal)) if (s.isWordLike) out.push(s.segment);
  return out;
}

const LATIN_MARK = /[\u00c0-\u024f\u1e00-\u1eff]/u;
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * Drops the accents of Latin letters (and đ to d): Vietnamese shoppers often type without diacritics, and the folded
 * form lets "hang bi loi" and "hàng bị lỗi" share features (measured: vi held-out accuracy up by two points).
 * Marks on other scripts carry the letter itself (Thai vowels, Japanese dakuten) and are kept.
 */
export function foldLatin(text: string): string {
  if (!LATIN_MARK.test(text)) return text;
  return text.normalize("NFD").replace(LATIN_MARKS, "$1").replace(/đ/g, "d").normalize("NFC");
}

export function features(text: string, options: FeatureOptions = DEFAULT_FEATURES): Features {
  const normal = foldLatin(normaliseText(text));
  if (normal.length === 0) return EMPTY;
  const all = new Set<number>();
  const evidence = new Set<number>();
  addFeatures(normal, options, all, evidence);
  // Devanagari also counts as its chat spelling in Latin letters, the form half of Hindi shoppers type.
  if (hasDevanagari(normal)) addFeatures(romaniseDevanagari(normal), options, all, evidence);
  // Traditional Chinese also counts as Simplified, so the two halves of the Chinese training data help each other.
  const simplified = simplifiedChinese(normal);
  if (simplified !== null) addFeatures(simplified, options, all, evidence);
  return { all: [...all], evidence: [...evidence] };
}

function addFeatures(normal: string, options: FeatureOptions, all: Set<number>, evidence: Set<number>): void {
  const tokens = words(normal);
  let previous: string | undefined;
  for (const word of tokens) {
    if (word.length > 20) {
      previous = undefined;
      continue;
    }
    const h = key(hashString(SEED_WORD, word));
    all.add(h);
    evidence.add(h);
    if (options.bigrams && previous !== undefined) all.add(key(hashString(SEED_PAIR, `${previous} ${word}`)));
    previous = word;
  }
  // One pass over the characters, growing each n-gram's hash from the previous one (this runs on every message).
  const letters = Array.from(`_${normal.replace(/ /g, "_")}_`);
  const chars = letters.map((ch) => ch.codePointAt(0) as number);
  const dense = letters.map((ch) => DENSE_SCRIPT.test(ch));
  for (let i = 0; i < chars.length; i++) {
    let h = hashStep(SEED_CHAR, chars[i] as number);
    if (dense[i]) all.add(key(h));
    const longest = dense[i]
      ? Math.min(options.denseCharMax ?? options.charMax, options.charMax)
      : options.charMax;
    for (let n = 2; n <= longest && i + n <= chars.length; n++) {
      h = hashStep(h, chars[i + n - 1] as number);
      all.add(key(h));
    }
  }
}
