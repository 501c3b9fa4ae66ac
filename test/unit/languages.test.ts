import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { buildPrompt } from "../../functions/ai/openai/prompt";
import { extractEntities } from "../../functions/domain/extract";
import {
  intlTagOf,
  LANGUAGE_CODES,
  LANGUAGES,
  type Language,
  languageOfTag,
  localeFallbacks,
  localeFor,
  localeOfTag,
  registerFor,
} from "../../functions/domain/languages";
import { type MARKET_CODES, MARKETS } from "../../functions/domain/markets";
import type { ModelRequest } from "../../functions/domain/model";
import { INBOX_CSS } from "../../functions/http/web/assets";

describe("the language catalogue", () => {
  it("names our language for the BCP 47 tags shoppers, agents and browsers send", () => {
    expect(languageOfTag("tl-PH")).toBe("fil");
    expect(languageOfTag("fil")).toBe("fil");
    expect(languageOfTag("en-US")).toBe("en");
    expect(languageOfTag("zh")).toBe("zh-Hans");
    expect(languageOfTag("zh-CN")).toBe("zh-Hans");
    expect(languageOfTag("zh-TW")).toBe("zh-Hant");
    expect(languageOfTag("zh_HK")).toBe("zh-Hant");
    expect(languageOfTag("zh-Hant-HK")).toBe("zh-Hant");
    expect(languageOfTag("fr-FR")).toBeUndefined();
  });

  it("lets a tag's script decide over its region", () => {
    expect(languageOfTag("zh-Hans-TW")).toBe("zh-Hans");
    expect(languageOfTag("zh-hant")).toBe("zh-Hant");
    expect(localeOfTag("zh-Hans-HK")).toBe("zh-Hans");
  });

  it("gives Hong Kong its own Traditional Chinese, by market and by a tag's region", () => {
    expect(localeFor("zh-Hant", "HK")).toBe("zh-Hant-HK");
    expect(localeFor("zh-Hant", "TW")).toBe("zh-Hant");
    expect(localeFor("zh-Hans", "HK")).toBe("zh-Hans");
    expect(localeOfTag("zh-HK")).toBe("zh-Hant-HK");
    expect(localeOfTag("zh-MO")).toBe("zh-Hant-HK");
    expect(localeOfTag("zh-Hant-HK")).toBe("zh-Hant-HK");
  });

  it("lets a regional variant fall back to its language, and nothing to English", () => {
    expect(localeFallbacks("zh-Hant-HK")).toEqual(["zh-Hant"]);
    expect(localeFallbacks("th")).toEqual([]);
    const t = createTranslator({
      en: { shopper: { only_here: "English" } },
      "zh-Hant": { shopper: { only_here: "繁體" } },
      "zh-Hant-HK": { shopper: {} },
      th: { shopper: {} },
    });
    expect(t.t("zh-Hant-HK", "only_here")).toBe("繁體");
    expect(() => t.t("th", "only_here")).toThrow(/Missing translation/);
  });

  it("formats Filipino with the tag CLDR knows it by", () => {
    expect(intlTagOf("fil")).toBe("fil-PH");
    expect(intlTagOf("zh-Hant-HK")).toBe("zh-Hant-HK");
    for (const language of LANGUAGE_CODES)
      expect(Intl.getCanonicalLocales(intlTagOf(language)), language).toHaveLength(1);
  });

  it.each(
    LANGUAGE_CODES.flatMap((language) => LANGUAGES[language].orderWords.map((word) => [language, word])),
  )("reads the %s order word %s before an order number", (_language, word) => {
    expect(extractEntities(`${word} 12345`).orderNames).toEqual(["#12345"]);
  });

  it("asks the model for each language's register, and Hong Kong's in Hong Kong", () => {
    const request = (language: Language, market: (typeof MARKET_CODES)[number]): ModelRequest => ({
      market: MARKETS[market],
      language,
      shopperName: undefined,
      orders: [],
      transcript: [],
      message: "hi",
      embeddedIntent: "unknown",
      embeddedDraft: null,
    });
    const registerLine = (r: ModelRequest) => String(buildPrompt(r)[1]?.content);
    for (const language of LANGUAGE_CODES)
      expect(registerLine(request(language, "SG"))).toContain(LANGUAGES[language].register);
    expect(registerFor("zh-Hant", "HK")).toBe(LANGUAGES["zh-Hant"].variants[0]?.register);
    expect(registerLine(request("zh-Hant", "HK"))).toContain("Hong Kong businesses");
    expect(registerLine(request("zh-Hant", "TW"))).toContain("Taiwan");
  });

  it("gives the inbox page every language's font, and the browser setup its package", () => {
    const setup = readFileSync(join(import.meta.dirname, "../../scripts/setup-browser.sh"), "utf8");
    const fonts = setup.match(/^FONTS=\(([^)]*)\)/m)?.[1]?.split(/\s+/) ?? [];
    for (const language of LANGUAGE_CODES) {
      const { family, debianPackage } = LANGUAGES[language].font;
      expect(INBOX_CSS, language).toContain(`"${family}"`);
      expect(fonts, language).toContain(debianPackage);
    }
  });
});
