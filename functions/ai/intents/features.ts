/** Turns a message into classifier features: words plus character n-grams, so scripts without spaces (th, zh, ja) work too. */
import { normaliseText } from "../normalise";

const MAX_N = 4;
/** Han, kana, Hangul and Thai carry meaning in single characters; Latin letters do not. */
const DENSE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

export interface Features {
  readonly all: readonly string[];
  /** The features that say whether the model knows this kind of message at all: words, or character pairs in dense scripts. */
  readonly evidence: readonly string[];
}

export function features(text: string): Features {
  const normal = normaliseText(text);
  if (normal.length === 0) return { all: [], evidence: [] };
  const all = new Set<string>();
  const evidence = new Set<string>();
  for (const word of normal.split(" ")) {
    if (word.length > 1 && word.length <= 15 && !DENSE_SCRIPT.test(word)) {
      all.add(`w:${word}`);
      evidence.add(`w:${word}`);
    }
  }
  // One pass over the characters, growing each n-gram from the previous one (this runs on every message).
  const chars = Array.from(`_${normal.replace(/ /g, "_")}_`);
  const dense = chars.map((ch) => DENSE_SCRIPT.test(ch));
  for (let i = 0; i < chars.length; i++) {
    let gram = chars[i] as string;
    let denseGram = dense[i] as boolean;
    if (denseGram) all.add(gram);
    for (let n = 2; n <= MAX_N && i + n <= chars.length; n++) {
      gram += chars[i + n - 1];
      denseGram ||= dense[i + n - 1] as boolean;
      all.add(gram);
      if (n === 2 && denseGram) evidence.add(gram);
    }
  }
  return { all: [...all], evidence: [...evidence] };
}
