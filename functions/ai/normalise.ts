/** Text normalisation shared by the language detector and the intent classifier. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[\p{N}]+/gu, "0")
    .replace(/[^\p{L}\p{M}0\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
