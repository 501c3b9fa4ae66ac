/** The embedded language understanding: no network, no key, the default and the fallback of every engine. */
import type { Understanding } from "../domain/ports";
import { createHandoffKeywords } from "./handoff-keywords";
import { createIntentClassifier } from "./intents/classifier";
import { readCommittedModel } from "./intents/committed-model";
import { type IntentModelData, loadIntentModel } from "./intents/model";
import { createLanguageDetector } from "./language/detector";

/**
 * `handoffKeywords`: the words the disclosure tells shoppers to type for a person, in every locale. `modelData`: the
 * committed model unless a bench passes one it just trained.
 */
export function createEmbeddedUnderstanding(
  handoffKeywords: readonly string[],
  modelData?: IntentModelData,
): Understanding {
  const detector = createLanguageDetector();
  // Trained at build time (npm run train): loading is decoding, nothing is learnt; it happens on the first message.
  let classifier: ReturnType<typeof createIntentClassifier> | undefined;
  const classifierOf = () => {
    classifier ??= createIntentClassifier(loadIntentModel(modelData ?? readCommittedModel()));
    return classifier;
  };
  const isHandoffKeyword = createHandoffKeywords(handoffKeywords);
  return {
    detectLanguage: (text, market, hint) => detector.detect(text, market, hint),
    classify: (text) =>
      isHandoffKeyword(text) ? { intent: "human_request", confidence: 1 } : classifierOf().classify(text),
  };
}
