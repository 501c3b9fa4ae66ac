/**
 * Shopper understanding on the frozen evaluation set (test/fixtures/nlu-eval): written apart from the training data,
 * never trained on. Per language: topic accuracy, language detection, and recall of frustration and of requests
 * for a person (the two signals that must never be missed).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createEmbeddedUnderstanding } from "../functions/ai/understanding";
import { isLanguage } from "../functions/domain/language";
import { MARKETS, type MarketCode } from "../functions/domain/markets";
import { HANDOFF_KEYWORDS } from "../functions/adapters/i18n/resources";
import { fmt } from "./stats";

interface EvalItem {
  readonly text: string;
  readonly intent: string;
  readonly frustrated: boolean;
  readonly wantsPerson: boolean;
  readonly market?: string;
}
interface EvalFile {
  readonly language: string;
  readonly market: string;
  readonly items: readonly EvalItem[];
}

const DIR = join(import.meta.dirname, "../test/fixtures/nlu-eval");

export function loadNluEval(): EvalFile[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as EvalFile);
}

export function benchNluEval(): string {
  const understanding = createEmbeddedUnderstanding(HANDOFF_KEYWORDS);
  const rows = ["lang      n   topic%  lang-id%  frustration-recall  person-recall"];
  let all = 0;
  let right = 0;
  for (const file of loadNluEval()) {
    let topic = 0;
    let langOk = 0;
    let frustrated = 0;
    let frustratedSeen = 0;
    let person = 0;
    let personSeen = 0;
    for (const item of file.items) {
      const market = MARKETS[(item.market ?? file.market) as MarketCode];
      const { intent } = understanding.classify(item.text);
      // The engine says "unknown" for what is not a shop matter.
      if (intent === item.intent || (intent === "unknown" && item.intent === "out_of_scope")) topic++;
      const detected = understanding.detectLanguage(item.text, market, undefined).language;
      if (isLanguage(file.language) && detected === file.language) langOk++;
      if (item.frustrated) {
        frustrated++;
        if (intent === "complaint" || intent === "human_request") frustratedSeen++;
      }
      if (item.wantsPerson) {
        person++;
        if (intent === "human_request") personSeen++;
      }
    }
    const n = file.items.length;
    all += n;
    right += topic;
    rows.push(
      `${file.language.padEnd(8)} ${String(n).padStart(3)}  ${fmt((100 * topic) / n).padStart(6)}  ${fmt((100 * langOk) / n).padStart(8)}  ${`${frustratedSeen}/${frustrated}`.padStart(18)}  ${`${personSeen}/${person}`.padStart(13)}`,
    );
  }
  rows.push(`all      ${String(all).padStart(3)}  ${fmt((100 * right) / all).padStart(6)}`);
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchNluEval());
