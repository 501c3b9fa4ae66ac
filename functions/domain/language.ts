/** The languages we answer in (R11), as BCP 47 tags. */
export const LANGUAGES = [
  "en",
  "id",
  "ms",
  "th",
  "vi",
  "fil",
  "zh-Hans",
  "zh-Hant",
  "ja",
  "ko",
  "hi",
] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: string): value is Language =>
  (LANGUAGES as readonly string[]).includes(value);

/** The i18next locale for a language in a market: zh-Hant in Hong Kong reads differently from Taiwan (R9). */
export function localeFor(language: Language, market: string | undefined): string {
  if (language === "zh-Hant" && market === "HK") return "zh-Hant-HK";
  return language;
}
