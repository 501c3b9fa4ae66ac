import { describe, expect, it } from "vitest";
import { matchLocale, nameOfLanguage } from "../../functions/http/web/page-locale";

describe("the inbox page's language", () => {
  it("matches browser and token tags to the locales we ship", () => {
    expect(matchLocale("th-TH")).toBe("th");
    expect(matchLocale("zh-TW")).toBe("zh-Hant");
    expect(matchLocale("zh-HK")).toBe("zh-Hant-HK");
    expect(matchLocale("zh-CN")).toBe("zh-Hans");
    expect(matchLocale("zh-Hant-HK")).toBe("zh-Hant-HK");
    expect(matchLocale("tl")).toBe("fil");
    expect(matchLocale("ja-JP")).toBe("ja");
    expect(matchLocale("de-DE")).toBeUndefined();
  });

  it("names Hong Kong's Traditional Chinese after the script and the place, in the reader's language", () => {
    expect(nameOfLanguage("zh-Hant-HK", "en")).toBe("Traditional Chinese (Hong Kong)");
    expect(nameOfLanguage("th", "th")).toBe("ไทย");
  });
});
