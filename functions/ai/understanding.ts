/** The embedded language understanding: no network, no key, the default and the fallback of every engine. */
import type { Understanding } from "../domain/ports";
import { createHandoffKeywords } from "./handoff-keywords";
import { trainClassifier } from "./intents/classifier";
import { UTTERANCES } from "./intents/utterances";
import { createLanguageDetector } from "./language/detector";

/** `handoffKeywords`: the words the disclosure tells shoppers to type for a person, in every locale. */
export function createEmbeddedUnderstanding(handoffKeywords: readonly string[]): Understanding {
  const detector = createLanguageDetector();
  const classifier = trainClassifier(Object.values(UTTERANCES));
  const isHandoffKeyword = createHandoffKeywords(handoffKeywords);
  return {
    detectLanguage: (text, market, hint) => detector.detect(text, market, hint),
    classify: (text) =>
      isHandoffKeyword(text) ? { intent: "human_request", confidence: 1 } : classifier.classify(text),
  };
}
