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
  const chars = Array.from(`_${normal.replace(/ /g, "_")}_`);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (DENSE_SCRIPT.test(ch)) all.add(ch);
    for (let n = 2; n <= MAX_N && i + n <= chars.length; n++) {
      const gram = chars.slice(i, i + n).join("");
      if (gram.includes("__")) continue;
      all.add(gram);
      if (n === 2 && DENSE_SCRIPT.test(gram)) evidence.add(gram);
    }
  }
  return { all: [...all], evidence: [...evidence] };
}
