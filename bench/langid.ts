/** Language-identification accuracy per language on the third-party eval set (bench/fixtures/langid), with the market as prior. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLanguageDetector } from "../functions/ai/language/detector";
import type { Language } from "../functions/domain/languages";
import { MARKETS, type MarketCode } from "../functions/domain/markets";
import { fmt } from "./stats";

const EVAL_DIR = join(import.meta.dirname, "fixtures/langid");
/** Each eval language is scored in the market where it is the default language; "tl" is our "fil". */
const CASES: [string, Language, MarketCode][] = [
  ["en", "en", "SG"],
  ["hi", "hi", "IN"],
  ["id", "id", "ID"],
  ["ja", "ja", "JP"],
  ["ko", "ko", "KR"],
  ["ms", "ms", "MY"],
  ["th", "th", "TH"],
  ["tl", "fil", "PH"],
  ["vi", "vi", "VN"],
  ["zh", "zh-Hans", "CN"],
];
const LIMIT = Number(process.env.BENCH_LANGID_LINES ?? 1000);

export function benchLangid(): string {
  if (!existsSync(EVAL_DIR)) return `language detection: eval data not found at ${EVAL_DIR}`;
  const detector = createLanguageDetector();
  const rows = [
    `language detection (eld + scripts, market prior) on bench/fixtures/langid, ${LIMIT} lines per file`,
    "lang  market  sentences  word-pairs",
  ];
  for (const [dir, language, market] of CASES) {
    const score = (file: string) => {
      const lines = readFileSync(join(EVAL_DIR, dir, file), "utf8")
        .split("\n")
        .filter(Boolean)
        .slice(0, LIMIT);
      const ok = lines.filter(
        (l) => detector.detect(l, MARKETS[market], undefined).language === language,
      ).length;
      return (100 * ok) / lines.length;
    };
    rows.push(
      `${dir.padEnd(5)} ${market.padEnd(7)} ${fmt(score("sentences.txt")).padStart(8)}%  ${fmt(score("word-pairs.txt")).padStart(9)}%`,
    );
  }
  return rows.join("\n");
}
