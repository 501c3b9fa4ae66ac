/** i18next over locales/: the only source of text a shopper or agent reads. */
import i18next, { type i18n, type Resource } from "i18next";
import { isLocale, localeFallbacks } from "../../domain/languages";
import type { LocaleText } from "../../domain/ports";
import { localeFile, NAMESPACES } from "./resources";

/**
 * Text from locales/ through i18next. Without `source`, each locale's files are read the first time that locale is
 * asked for (with the locales it falls back to), so a cold start reads none; tests may hand their own resources.
 */
export function createTranslator(source?: Resource): LocaleText {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: source ?? {},
    initAsync: false,
    // A regional variant (zh-Hant-HK) falls back to its language; nothing falls back to English.
    fallbackLng: (code) => localeFallbacks(code),
    ns: ["shopper", "agent", "inbox"],
    defaultNS: "shopper",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const loaded = new Set<string>();
  const load = (locale: string) => {
    // An unknown locale loads nothing and meets the missing-translation error below, as before.
    if (source || !isLocale(locale) || loaded.has(locale)) return;
    loaded.add(locale);
    for (const code of [locale, ...localeFallbacks(locale)])
      for (const namespace of NAMESPACES)
        if (!instance.hasResourceBundle(code, namespace))
          instance.addResourceBundle(code, namespace, localeFile(code, namespace));
  };
  return {
    t(locale, key, values) {
      load(locale);
      const text = instance.t(key, { lng: locale, ...values });
      if (text === key || text.length === 0) throw new Error(`Missing translation ${locale}:${key}`);
      return text;
    },
  };
}
