import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import {
  intlTagOf,
  LANGUAGES,
  LOCALE_CODES,
  type LanguageEntry,
  languageOfLocale,
} from "../../functions/domain/languages";
import { ORDER_STAGES } from "../../functions/domain/order";

const LOCALES_DIR = join(import.meta.dirname, "../../locales");
/** The catalogue's locales (domain/languages.ts): each language and its regional variants. */
const locales = LOCALE_CODES;
const entryOf = (locale: (typeof LOCALE_CODES)[number]): LanguageEntry => LANGUAGES[languageOfLocale(locale)];
const load = (locale: string, ns: string) =>
  JSON.parse(readFileSync(join(LOCALES_DIR, locale, `${ns}.json`), "utf8")) as Record<string, unknown>;

/** Flattens nested keys, folding i18next plural suffixes into their base key. */
function keysOf(tree: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = `${prefix}${k}`;
    if (typeof v === "string") out.set(key.replace(/_(zero|one|two|few|many|other)$/, ""), v);
    else for (const [kk, vv] of keysOf(v as Record<string, unknown>, `${key}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Words only English text would contain; loanwords shoppers really use (order, refund, COD, admin, AI…) are not listed. */
const ENGLISH_ONLY =
  /\b(the|your|you|please|thank|thanks|sorry|which|has|have|been|will|with|shipped|delivered|cancelled|payment|person|anytime)\b/i;

/** A locale's own script, for languages not written in Latin letters (Latin text may be all loanwords and names). */
const scriptOf = (locale: (typeof LOCALE_CODES)[number]): RegExp | undefined => {
  const scripts = entryOf(locale).scripts;
  if (scripts.includes("Latin")) return undefined;
  return new RegExp(`[${scripts.map((s) => `\\p{Script=${s}}`).join("")}]`, "u");
};
/** Which Chinese characters a locale must not use: Traditional ones in Simplified text and the other way round. */
const hanFormOf = (locale: (typeof LOCALE_CODES)[number]) => {
  const detection = entryOf(locale).detection;
  return detection.by === "han" ? detection.form : undefined;
};
const SIMPLIFIED_ONLY =
  /[们这个单号货订为么还时会说请问谢东买卖钱发运费过实话对开关帮与从点后里吗该应当经间题处换设将无写读让样们]/u;
const TRADITIONAL_ONLY =
  /[們這個單號貨訂為麼還時會說請問謝東買賣錢發運費過實話對開關幫與從點後裡嗎該應當經間題處換設將無寫讀讓樣]/u;

/** shopper: what shoppers read; agent: handoff summaries; inbox: the agents' and sellers' web page. */
const NAMESPACES = ["shopper", "agent", "inbox"] as const;

describe("locales", () => {
  const english = {
    shopper: keysOf(load("en", "shopper")),
    agent: keysOf(load("en", "agent")),
    inbox: keysOf(load("en", "inbox")),
  };

  it("ships every locale of the language catalogue, and nothing else, under locales/", () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...LOCALE_CODES].sort());
    for (const locale of LOCALE_CODES)
      for (const ns of NAMESPACES) expect(() => load(locale, ns), `${locale}/${ns}.json`).not.toThrow();
  });

  it("ships every language R11 names, with Hong Kong and Taiwan variants of Traditional Chinese", () => {
    expect(LOCALE_CODES).toEqual(
      expect.arrayContaining([
        "en",
        "fil",
        "hi",
        "id",
        "ja",
        "ko",
        "ms",
        "th",
        "vi",
        "zh-Hans",
        "zh-Hant",
        "zh-Hant-HK",
      ]),
    );
  });

  for (const locale of locales) {
    for (const ns of NAMESPACES) {
      it(`${locale}/${ns} has every key of English with the same placeholders`, () => {
        const mine = keysOf(load(locale, ns));
        expect([...mine.keys()].sort()).toEqual([...english[ns].keys()].sort());
        for (const [key, text] of english[ns])
          expect(placeholders(mine.get(key) ?? ""), `${locale}:${key}`).toEqual(placeholders(text));
      });
    }

    it(`${locale} has exactly the plural forms its language uses`, () => {
      const tree = load(locale, "shopper");
      const forms = Object.keys(tree)
        .filter((k) => k.startsWith("eta_"))
        .map((k) => k.slice(4))
        .sort();
      expect(forms).toEqual(
        [...new Intl.PluralRules(intlTagOf(locale)).resolvedOptions().pluralCategories].sort(),
      );
    });

    if (locale !== "en") {
      it(`${locale} holds no English sentences and is in its own script`, () => {
        for (const ns of NAMESPACES) {
          for (const [key, text] of keysOf(load(locale, ns))) {
            const words = text.replace(/\{\{\w+\}\}/g, "");
            expect(ENGLISH_ONLY.test(words), `${locale}:${ns}:${key} looks English: ${text}`).toBe(false);
            const script = scriptOf(locale);
            if (script) expect(script.test(words), `${locale}:${ns}:${key} is not in its script`).toBe(true);
            if (hanFormOf(locale) === "simplified")
              expect(TRADITIONAL_ONLY.test(words), `${key}: Traditional character in ${locale}`).toBe(false);
            if (hanFormOf(locale) === "traditional")
              expect(SIMPLIFIED_ONLY.test(words), `${key}: Simplified character in ${locale}`).toBe(false);
          }
        }
      });

      it(`${locale} never falls back to English at run time`, () => {
        const t = createTranslator();
        // The handoff keyword may rightly be the same word as in English (Filipino shoppers type "agent").
        for (const [key] of [...english.shopper].filter(([k]) => k !== "handoff_keyword")) {
          const values = {
            count: 5,
            name: "A",
            order: "#1",
            carrier: "B",
            tracking: "C",
            url: "u",
            date: "d",
            amount: "1",
            orders: "#1",
            assistant: "X",
            keyword: "k",
          };
          expect(t.t(locale, key, values)).not.toBe(t.t("en", key, values));
        }
        for (const [key] of english.inbox) {
          const values = { name: "A", agent: "B", when: "C", language: "D", shopperLanguage: "E", count: 2 };
          expect(t.t(locale, `inbox:${key}`, { ...values, fields: "P" }), key).not.toBe(
            t.t("en", `inbox:${key}`, { ...values, fields: "P" }),
          );
        }
      });
    }
  }

  it("names every order stage on the agents' page, in every locale", () => {
    const t = createTranslator();
    for (const locale of locales)
      for (const stage of ORDER_STAGES)
        expect(() => t.t(locale, `inbox:order_stage.${stage}`), `${locale}:${stage}`).not.toThrow();
  });

  it("differs between Hong Kong and Taiwan where usage differs", () => {
    const hk = keysOf(load("zh-Hant-HK", "shopper"));
    const tw = keysOf(load("zh-Hant", "shopper"));
    const differing = [...hk.keys()].filter((k) => hk.get(k) !== tw.get(k));
    expect(differing.length).toBeGreaterThan(10);
  });
});

/** Chinese and Japanese: the locales whose punctuation is full-width (the catalogue's `fullWidthPunctuation`). */
const FULL_WIDTH_LOCALES = LOCALE_CODES.filter((locale) => entryOf(locale).fullWidthPunctuation);
const CJK_CHAR = "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}、。，！？：；（）「」“”]";
/** An ASCII , ? ! : ; or . touching a Chinese or Japanese character on either side. */
const ASCII_IN_CJK = new RegExp(`${CJK_CHAR}[,?!:;.]|[,?!:;]${CJK_CHAR}`, "u");
/** A Korean sentence end run straight into the next sentence ("…입니다.다음", "JT0001234567여기"). */
const KOREAN_RUN_ON = /[.?!](?=[^\s.?!"'”’)\]}])/u;
/** Placeholders a sentence may end on after a colon: a list of alternatives or a link. */
const LIST_OR_LINK_END = /[:：]\s*\{\{(orders|url|fields)\}\}$/u;
/** How a shopper-facing sentence ends, so that sentences joined into one reply never run together. */
const SENTENCE_END = /([.?!。？！।)）」]|\{\{url\}\})$/u;
/** Shopper strings that are names or words, not sentences. */
/** Names and button labels, not sentences: they carry no closing mark. */
const NOT_SENTENCES = new Set(["assistant", "handoff_keyword", "quick_reply.yes", "quick_reply.no"]);

describe("punctuation a native speaker expects", () => {
  for (const locale of FULL_WIDTH_LOCALES) {
    it(`${locale} uses full-width punctuation between Chinese or Japanese characters`, () => {
      for (const ns of NAMESPACES) {
        for (const [key, text] of keysOf(load(locale, ns))) {
          expect(ASCII_IN_CJK.test(text.replace(/\{\{\w+\}\}/g, "")), `${locale}:${ns}:${key}: ${text}`).toBe(
            false,
          );
        }
      }
    });
  }

  it("ko puts a space after each sentence's end before the next sentence", () => {
    for (const ns of NAMESPACES) {
      for (const [key, text] of keysOf(load("ko", ns))) {
        expect(KOREAN_RUN_ON.test(text), `ko:${ns}:${key}: ${text}`).toBe(false);
      }
    }
  });

  for (const locale of locales) {
    it(`${locale} never ends a string on a colon, except before a list or a link`, () => {
      for (const ns of NAMESPACES) {
        for (const [key, text] of keysOf(load(locale, ns))) {
          expect(/[:：]\s*$/u.test(text), `${locale}:${ns}:${key} ends on a colon: ${text}`).toBe(false);
        }
      }
      for (const [key, text] of keysOf(load(locale, "shopper"))) {
        if (/[:：]\s*\{\{\w+\}\}$/u.test(text))
          expect(LIST_OR_LINK_END.test(text), `${locale}:shopper:${key}: ${text}`).toBe(true);
      }
    });

    // Thai marks a sentence's end with a space, not a stop.
    if (locale !== "th") {
      it(`${locale} ends every shopper sentence with its language's closing mark`, () => {
        for (const [key, text] of keysOf(load(locale, "shopper"))) {
          if (NOT_SENTENCES.has(key)) continue;
          expect(SENTENCE_END.test(text), `${locale}:shopper:${key}: ${text}`).toBe(true);
        }
      });
    }
  }
});
