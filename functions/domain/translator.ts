/** Text from locales/ for a locale such as "th" or "zh-Hant-HK": the port every shopper- and agent-facing string goes through. */
export interface LocaleText {
  t(locale: string, key: string, values?: Record<string, unknown>): string;
}
