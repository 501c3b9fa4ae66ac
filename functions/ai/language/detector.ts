/**
 * Language detection with the market as prior: scripts first, then the eld n-gram detector restricted to the
 * market's languages (docs/requirements.md: Indonesian and Malay can only be told apart by the market).
 */
import { eld } from "eld/extrasmall";
import type { Language } from "../../domain/language";
import type { Market } from "../../domain/markets";
import type { LanguageGuess } from "../../domain/ports";
import { countScripts, hanLean } from "./scripts";

type Eld = ReturnType<typeof eld.newInstance>;

/** eld has one code for Indonesian and Malay ("ms") and calls Filipino "tl". */
const TO_ELD: Partial<Record<Language, string>> = { id: "ms", fil: "tl", "zh-Hans": "zh", "zh-Hant": "zh" };

// Romanised Hindi (Hinglish) words that no other supported Latin-script language uses this way.
const HINGLISH = new Set(
  "mujhe mera meri mere kab kya kyu kyun nahi nahin hai hain kar karo karna chahiye milega mila aap apna apni kitne kitna bhai yaar abhi tak wala wali kaise kaha kahan paisa paise vapas wapas jaldi".split(
    " ",
  ),
);

export interface LanguageDetector {
  detect(text: string, market: Market, hint: Language | undefined): LanguageGuess;
}

export function createLanguageDetector(): LanguageDetector {
  const bySubset = new Map<string, Eld>();
  const detectorFor = (codes: string[]) => {
    const key = codes.join(",");
    let instance = bySubset.get(key);
    if (!instance) {
      instance = eld.newInstance();
      instance.setLanguageSubset(codes);
      bySubset.set(key, instance);
    }
    return instance;
  };

  return {
    detect(text, market, hint) {
      const candidates = [...new Set<Language>([...market.languages, "en", ...(hint ? [hint] : [])])];
      const fallback: LanguageGuess = { language: hint ?? market.languages[0], confidence: 0.3 };
      const s = countScripts(text);
      const letters = s.thai + s.hangul + s.kana + s.devanagari + s.han + s.latin;
      if (letters === 0) return fallback;
      const top = Math.max(s.thai, s.hangul, s.kana + s.han, s.devanagari, s.latin);
      if (s.latin < top) {
        if (top === s.thai) return { language: "th", confidence: 0.99 };
        if (top === s.hangul) return { language: "ko", confidence: 0.99 };
        if (top === s.devanagari) return { language: "hi", confidence: 0.99 };
        // Kana is Japanese; Han alone is Japanese only where the market says so.
        if (s.kana > 0 || (market.code === "JP" && !candidates.includes("zh-Hans")))
          return { language: "ja", confidence: s.kana > 0 ? 0.99 : 0.7 };
        return { language: chineseScript(text, market, hint), confidence: 0.95 };
      }
      if (market.code === "IN" || candidates.includes("hi")) {
        const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
        if (words.filter((w) => HINGLISH.has(w)).length >= 2) return { language: "hi", confidence: 0.8 };
      }
      const latinCandidates = candidates.filter(
        (l) => l !== "th" && l !== "ko" && l !== "ja" && l !== "hi" && !l.startsWith("zh"),
      );
      if (latinCandidates.length === 1) return { language: latinCandidates[0] as Language, confidence: 0.9 };
      const codes = [...new Set(latinCandidates.map((l) => TO_ELD[l] ?? l))];
      const result = detectorFor(codes).detect(text);
      const found = latinCandidates.find((l) => (TO_ELD[l] ?? l) === result.language);
      if (!found) return fallback;
      const scores = Object.values(result.getScores());
      const total = scores.reduce((a, b) => a + b, 0);
      const confidence = total > 0 ? (result.getScores()[result.language] ?? 0) / total : 0.5;
      // Short or ambiguous messages keep the language the conversation already uses.
      if (!result.isReliable() && hint && latinCandidates.includes(hint))
        return { language: hint, confidence: 0.5 };
      return { language: found, confidence: Math.round(confidence * 100) / 100 };
    },
  };
}

function chineseScript(text: string, market: Market, hint: Language | undefined): Language {
  const lean = hanLean(text);
  if (lean > 0) return "zh-Hant";
  if (lean < 0) return "zh-Hans";
  if (hint === "zh-Hans" || hint === "zh-Hant") return hint;
  return market.languages.includes("zh-Hant") ? "zh-Hant" : "zh-Hans";
}
