/** Intent accuracy on the held-out split: every fifth utterance of each intent, never seen in training. */
import { createIntentClassifier, examplesOf } from "../functions/ai/intents/classifier";
import { train } from "../functions/ai/intents/naive-bayes";
import { UTTERANCES } from "../functions/ai/intents/utterances";
import type { Language } from "../functions/domain/language";

export const isHeldOut = (index: number) => index % 5 === 4;

export interface AccuracyRow {
  readonly language: string;
  readonly total: number;
  readonly correct: number;
  readonly unknown: number;
}

export function intentAccuracy(): AccuracyRow[] {
  const corpora = Object.values(UTTERANCES);
  const classifier = createIntentClassifier(train(examplesOf(corpora, (i) => !isHeldOut(i))));
  return (Object.entries(UTTERANCES) as [Language, (typeof UTTERANCES)[Language]][]).map(
    ([language, corpus]) => {
      const heldOut = examplesOf([corpus], isHeldOut);
      let correct = 0;
      let unknown = 0;
      for (const { text, intent } of heldOut) {
        const got = classifier.classify(text).intent;
        if (got === intent) correct++;
        else if (got === "unknown") unknown++;
      }
      return { language, total: heldOut.length, correct, unknown };
    },
  );
}
