/** Intent classification with an honest "unknown" when the model is unsure or the message is out of domain (R5). */
import type { Intent } from "../../domain/intent";
import type { Classification } from "../../domain/ports";
import { type IntentModel, predict } from "./model";

export interface IntentClassifier {
  classify(text: string): Classification;
}

/** `thresholds` default to the ones the training script chose on held-out data and stored in the model. */
export function createIntentClassifier(
  model: IntentModel,
  thresholds = model.data.thresholds,
): IntentClassifier {
  return {
    classify(text) {
      const prediction = predict(model, text);
      if (
        !prediction ||
        prediction.intent === "out_of_scope" ||
        prediction.probability < thresholds.minProbability ||
        prediction.coverage < thresholds.minCoverage
      ) {
        return { intent: "unknown" as Intent, confidence: prediction ? round(prediction.probability) : 0 };
      }
      return { intent: prediction.intent, confidence: round(prediction.probability) };
    },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
