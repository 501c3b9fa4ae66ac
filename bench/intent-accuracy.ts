/**
 * Intent accuracy on the held-out split: a model trained in memory on four fifths of the utterances (the shipped
 * model has seen them all), scored on every fifth utterance of each intent, with the shipped model's thresholds.
 */
import { createIntentClassifier } from "../functions/ai/intents/classifier";
import type { IntentModelData } from "../functions/ai/intents/model";
import shipped from "../functions/ai/intents/model.json";
import { examplesOf, isHeldOut, trainModel } from "../functions/ai/intents/train";
import { UTTERANCES } from "../functions/ai/intents/utterances";
import type { Language } from "../functions/domain/language";

export interface AccuracyRow {
  readonly language: string;
  readonly total: number;
  readonly correct: number;
  /** Answered "unknown" where an intent was expected. */
  readonly unknown: number;
  /** Answered a wrong intent (worse than "unknown": the reply goes the wrong way). */
  readonly wrong: number;
}

export function intentAccuracy(): AccuracyRow[] {
  const languages = Object.keys(UTTERANCES).sort() as Language[];
  const corpora = languages.map((l) => UTTERANCES[l]);
  const model = trainModel(examplesOf(corpora, (i) => !isHeldOut(i)));
  const classifier = createIntentClassifier(model, (shipped as IntentModelData).thresholds);
  return languages.map((language) => {
    const heldOut = examplesOf([UTTERANCES[language]], isHeldOut);
    let correct = 0;
    let unknown = 0;
    let wrong = 0;
    for (const { text, intent } of heldOut) {
      const got = classifier.classify(text).intent;
      // Small talk and noise are meant to come out as "unknown".
      const expected = intent === "out_of_scope" ? "unknown" : intent;
      if (got === expected) correct++;
      else if (got === "unknown") unknown++;
      else wrong++;
    }
    return { language, total: heldOut.length, correct, unknown, wrong };
  });
}
