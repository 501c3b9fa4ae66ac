/** Turns a message into classifier features: words plus character n-grams, so scripts without spaces (th, zh, ja) work too. */
import { normaliseText } from "../normalise";

const MIN_N = 2;
const MAX_N = 4;

export function features(text: string): string[] {
  const normal = normaliseText(text);
  if (normal.length === 0) return [];
  const out = new Set<string>();
  for (const word of normal.split(" ")) if (word.length > 1) out.add(`w:${word}`);
  const padded = `_${normal.replace(/ /g, "_")}_`;
  const chars = Array.from(padded);
  for (let n = MIN_N; n <= MAX_N; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join("");
      if (gram !== "__") out.add(gram);
    }
  }
  return [...out];
}
