/** Scripted language understanding, standing in for the embedded detector and classifier in functions/ai. */
import type { Classification, LanguageGuess, Understanding } from "../ports";

/** An Understanding that gives the hint (or English) and `unknown` unless told otherwise; both sure of themselves. */
export function createFakeUnderstanding(
  script: {
    readonly detect?: (text: string) => LanguageGuess;
    readonly classify?: (text: string) => Classification;
  } = {},
): Understanding {
  return {
    detectLanguage: (text, _market, hint) =>
      script.detect?.(text) ?? { language: hint ?? "en", confidence: 1 },
    classify: (text) => script.classify?.(text) ?? { intent: "unknown", confidence: 1 },
  };
}
