/**
 * Every locale under locales/, read from its JSON file the first time a locale is asked for, so a cold start parses
 * none and a request the few it speaks. The map is keyed by the catalogue's locales (domain/languages.ts), so a
 * language or variant without its files does not compile. In a Lambda bundle the files sit beside the code
 * (scripts/build.ts copies them and sets the constants below).
 */
import { readFileSync } from "node:fs";
import type { ResourceKey } from "i18next";
import type { Locale } from "../../domain/languages";

/** Defined by the build in a Lambda bundle: the locale files are in ./locales/ beside the code. */
declare const __LAMBDA_BUNDLE__: boolean | undefined;
/** Defined by the build: every locale's handoff keyword, read from the files at build time. */
declare const __HANDOFF_KEYWORDS__: readonly string[] | undefined;

const LOCALES_DIR =
  typeof __LAMBDA_BUNDLE__ !== "undefined"
    ? new URL("./locales/", import.meta.url)
    : new URL("../../../locales/", import.meta.url);

/** What the app reads: shopper replies, handoff summaries, the inbox page. */
export type Namespace = "shopper" | "agent" | "inbox";

/** Each locale's folder under locales/, in the order the inbox lists them. */
const FOLDERS: Readonly<Record<Locale, string>> = {
  en: "en",
  id: "id",
  ms: "ms",
  th: "th",
  vi: "vi",
  fil: "fil",
  hi: "hi",
  "zh-Hans": "zh-Hans",
  "zh-Hant": "zh-Hant",
  "zh-Hant-HK": "zh-Hant-HK",
  ja: "ja",
  ko: "ko",
};

export const NAMESPACES: readonly Namespace[] = ["shopper", "agent", "inbox"];

const parsed = new Map<string, ResourceKey>();

/** One locale file, read and parsed on first use, then kept for the life of the process. */
export function localeFile(locale: Locale, namespace: Namespace): ResourceKey {
  const key = `${locale}/${namespace}`;
  let resource = parsed.get(key);
  if (!resource) {
    const file = new URL(`${FOLDERS[locale]}/${namespace}.json`, LOCALES_DIR);
    resource = JSON.parse(readFileSync(file, "utf8")) as ResourceKey;
    parsed.set(key, resource);
  }
  return resource;
}

/** Every locale's namespaces, each file read when first touched (tests and tools that walk them all). */
export const resources: Readonly<Record<Locale, Readonly<Record<Namespace, ResourceKey>>>> =
  Object.fromEntries(
    (Object.keys(FOLDERS) as Locale[]).map((locale) => [
      locale,
      Object.defineProperties(
        {},
        Object.fromEntries(
          NAMESPACES.map((namespace) => [
            namespace,
            { enumerable: true, get: () => localeFile(locale, namespace) },
          ]),
        ),
      ),
    ]),
  ) as Record<Locale, Record<Namespace, ResourceKey>>;

/** Locales we ship, in the order the inbox lists them, each complete (a test checks): none falls back to English. */
export const LOCALES: readonly string[] = Object.keys(FOLDERS);

/** The word each locale's disclosure tells shoppers to type to reach a person (R1). */
export const HANDOFF_KEYWORDS: readonly string[] =
  typeof __HANDOFF_KEYWORDS__ !== "undefined"
    ? __HANDOFF_KEYWORDS__
    : Object.values(resources).map((r) => (r.shopper as { handoff_keyword: string }).handoff_keyword);
