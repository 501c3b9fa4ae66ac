/** i18next over the bundled locales/: the only source of text a shopper or agent reads. */
import i18next, { type i18n, type Resource } from "i18next";
import { localeFallbacks } from "../../domain/languages";
import type { LocaleText } from "../../domain/ports";
import { resources } from "./resources";

export function createTranslator(source: Resource = resources): LocaleText {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: source,
    initAsync: false,
    // A regional variant (zh-Hant-HK) falls back to its language; nothing falls back to English.
    fallbackLng: (code) => localeFallbacks(code),
    ns: ["shopper", "agent", "inbox"],
    defaultNS: "shopper",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    t(locale, key, values) {
      const text = instance.t(key, { lng: locale, ...values });
      if (text === key || text.length === 0) throw new Error(`Missing translation ${locale}:${key}`);
      return text;
    },
  };
}
