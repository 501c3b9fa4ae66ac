/** The embedded language understanding: no network, no key, the default and the fallback of every engine. */
import type { Understanding } from "../domain/ports";
import { trainClassifier } from "./intents/classifier";
import { UTTERANCES } from "./intents/utterances";
import { createLanguageDetector } from "./language/detector";

export function createEmbeddedUnderstanding(): Understanding {
  const detector = createLanguageDetector();
  const classifier = trainClassifier(Object.values(UTTERANCES));
  return {
    detectLanguage: (text, market, hint) => detector.detect(text, market, hint),
    classify: (text) => classifier.classify(text),
  };
}
