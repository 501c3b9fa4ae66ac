/** Intent classification with an honest "unknown" when the model is unsure or the message is out of domain (R5). */
import type { Intent } from "../../domain/intent";
import type { Classification } from "../../domain/ports";
import { type IntentModel, predict, type TrainingLabel, train, type Utterances } from "./naive-bayes";

export interface IntentClassifier {
  classify(text: string): Classification;
}

/** Below these the message is treated as not understood. */
const MIN_PROBABILITY = 0.3;
const MIN_COVERAGE = 0.2;

export function examplesOf(corpora: readonly Utterances[], keep: (index: number) => boolean = () => true) {
  const examples: { text: string; intent: TrainingLabel }[] = [];
  for (const corpus of corpora) {
    for (const [intent, texts] of Object.entries(corpus) as [TrainingLabel, readonly string[]][]) {
      texts.forEach((text, i) => {
        if (keep(i)) examples.push({ text, intent });
      });
    }
  }
  return examples;
}

export function createIntentClassifier(model: IntentModel): IntentClassifier {
  return {
    classify(text) {
      const prediction = predict(model, text);
      if (
        !prediction ||
        prediction.intent === "out_of_scope" ||
        prediction.probability < MIN_PROBABILITY ||
        prediction.coverage < MIN_COVERAGE
      ) {
        return { intent: "unknown" as Intent, confidence: prediction ? round(prediction.probability) : 0 };
      }
      return { intent: prediction.intent, confidence: round(prediction.probability) };
    },
  };
}

export const trainClassifier = (corpora: readonly Utterances[]) =>
  createIntentClassifier(train(examplesOf(corpora)));

const round = (x: number) => Math.round(x * 100) / 100;
