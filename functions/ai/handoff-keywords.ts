/** R1/R2: the word our disclosure tells shoppers to type for a person always works, whatever the classifier thinks. */
import { normaliseText } from "./normalise";

export function createHandoffKeywords(keywords: readonly string[]): (text: string) => boolean {
  const set = new Set(keywords.map(normaliseText));
  return (text) => set.has(normaliseText(text));
}
