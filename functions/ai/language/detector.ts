/**
 * Language detection with the market as prior: scripts first, then the eld n-gram detector restricted to the
 * market's languages (docs/requirements.md: Indonesian and Malay can only be told apart by the market).
 */
import { eld } from "eld/extrasmall";
import {
  type Detection,
  type DetectorScript,
  LANGUAGE_CODES,
  LANGUAGES,
  type Language,
} from "../../domain/languages";
import type { Market } from "../../domain/markets";
import type { LanguageGuess } from "../../domain/ports";
import { countScripts, hanLean } from "./scripts";

type Eld = ReturnType<typeof eld.newInstance>;

const detectionOf = (language: Language): Detection => LANGUAGES[language].detection;

/** eld's code for a Latin-script language (one code for Indonesian and Malay, "tl" for Filipino); undefined for the others. */
const eldCode = (language: Language): string | undefined => {
  const d = detectionOf(language);
  return d.by === "eld" ? d.eld : undefined;
};

/** Languages one script decides alone (Thai, Hangul, Devanagari), in catalogue order, which breaks ties. */
const BY_OWN_SCRIPT = LANGUAGE_CODES.flatMap((language): [Exclude<DetectorScript, "kana">, Language][] => {
  const d = detectionOf(language);
  return d.by === "script" && d.script !== "kana" ? [[d.script, language]] : [];
});
/** The language written with kana, which also reads Han-only text where its market says so (Japanese). */
const KANA = LANGUAGE_CODES.filter((l) => {
  const d = detectionOf(l);
  return d.by === "script" && d.script === "kana";
});
/** The Chinese languages, Simplified first. */
const HAN = LANGUAGE_CODES.filter((l) => detectionOf(l).by === "han");
const hanForm = (form: "simplified" | "traditional") =>
  HAN.find((l) => {
    const d = detectionOf(l);
    return d.by === "han" && d.form === form;
  });
/** Each language's marker words in Latin letters: romanised Hindi's, and the everyday words of Taglish or Manglish. */
const MARKERS = new Map<Language, ReadonlySet<string>>(
  LANGUAGE_CODES.flatMap((language): [Language, ReadonlySet<string>][] => {
    const d = detectionOf(language);
    const words = d.by === "script" ? d.romanised : d.by === "eld" ? d.markers : undefined;
    return words ? [[language, new Set(words)]] : [];
  }),
);
const ENGLISH: Language = "en";

/**
 * The market's language a mixed message is written in, by marker words: "order 30577 cancel kar do please" is Hindi
 * in India, "ano po return policy nyo?" Filipino in the Philippines. It needs two of a language's markers and more than
 * of English's, or one where English has none; else undefined and n-grams decide.
 */
function byMarkers(text: string, candidates: readonly Language[]): Language | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{M}'’]+/gu) ?? [];
  const count = (language: Language) => {
    const markers = MARKERS.get(language);
    return markers ? words.filter((w) => markers.has(w)).length : 0;
  };
  const english = candidates.includes(ENGLISH) ? count(ENGLISH) : 0;
  let best: Language | undefined;
  let most = 0;
  for (const language of candidates) {
    if (language === ENGLISH) continue;
    const n = count(language);
    if (n > most) [best, most] = [language, n];
  }
  return best && ((most >= 2 && most > english) || (most >= 1 && english === 0)) ? best : undefined;
}

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
      const letters = Object.values(s).reduce((a, b) => a + b, 0);
      if (letters === 0) return fallback;
      // A non-Latin script decides even among mostly Latin words: "My order はまだですか" is Japanese.
      const top = Math.max(s.kana + s.han, ...BY_OWN_SCRIPT.map(([script]) => s[script]));
      if (top > 0) {
        for (const [script, language] of BY_OWN_SCRIPT)
          if (s[script] === top) return { language, confidence: 0.99 };
        // Kana is Japanese; Han alone is Japanese only where the market says so and Chinese is not expected.
        const kana = KANA.find((l) => s.kana > 0 || market.languages.includes(l));
        if (kana && (s.kana > 0 || !candidates.some((l) => HAN.includes(l))))
          return { language: kana, confidence: s.kana > 0 ? 0.99 : 0.7 };
        return { language: chineseScript(text, market, hint), confidence: 0.95 };
      }
      // A ping or a one-word message ("p", "admin", "ok") says little of its language: keep the conversation's, or
      // take the market language whose own word it is ("kuya?", "bhaiya??", "ahente"), else the market's first.
      if (isPing(text)) {
        const own = hint ? undefined : byMarkers(text, candidates);
        return { language: hint ?? own ?? market.languages[0], confidence: 0.5 };
      }
      const marked = byMarkers(text, candidates);
      if (marked) return { language: marked, confidence: 0.8 };
      const latinCandidates = candidates.filter((l) => eldCode(l) !== undefined);
      if (latinCandidates.length === 1) return { language: latinCandidates[0] as Language, confidence: 0.9 };
      const codes = [...new Set(latinCandidates.map(eldCode))] as string[];
      const result = detectorFor(codes).detect(text);
      const found = latinCandidates.find((l) => eldCode(l) === result.language);
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

/** One word at most, or a few letters: too little to tell a language by. */
function isPing(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.length <= 1 || words.join("").length <= 3;
}

/** Traditional or Simplified by the characters' forms, else the conversation's, else the market's Chinese. */
function chineseScript(text: string, market: Market, hint: Language | undefined): Language {
  const lean = hanLean(text);
  const traditional = hanForm("traditional");
  const simplified = hanForm("simplified");
  if (lean > 0 && traditional) return traditional;
  if (lean < 0 && simplified) return simplified;
  if (hint && HAN.includes(hint)) return hint;
  return market.languages.find((l) => HAN.includes(l)) ?? (HAN[0] as Language);
}
