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

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = intentAccuracy();
  for (const r of rows)
    console.log(
      `${r.language.padEnd(8)} ${((100 * r.correct) / r.total).toFixed(1).padStart(5)}%  unknown ${r.unknown}/${r.total}`,
    );
  const total = rows.reduce((a, r) => a + r.total, 0);
  const correct = rows.reduce((a, r) => a + r.correct, 0);
  console.log(`all      ${((100 * correct) / total).toFixed(1)}%`);
}
