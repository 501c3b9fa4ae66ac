/** A multinomial naive Bayes intent classifier over binary features, trained at cold start from versioned utterances. */
import type { KnownIntent } from "../../domain/intent";
import { features } from "./features";

/** "out_of_scope" holds small talk and noise, so "not a support request" is learnt rather than guessed. */
export type TrainingLabel = KnownIntent | "out_of_scope";
export type Utterances = Partial<Record<TrainingLabel, readonly string[]>>;

export interface IntentModel {
  readonly labels: readonly TrainingLabel[];
  readonly logPrior: Float64Array;
  readonly logLikelihood: ReadonlyMap<string, Float64Array>;
  readonly logUnseen: Float64Array;
}

export interface Prediction {
  readonly intent: TrainingLabel;
  readonly probability: number;
  /** Share of the message's features the model has seen in training: low means it is out of domain. */
  readonly coverage: number;
}

const ALPHA = 0.1;
/** Softens naive Bayes' overconfidence so the probability can gate "unknown" (tuned on the held-out split). */
const TEMPERATURE = 2;

export function train(examples: readonly { text: string; intent: TrainingLabel }[]): IntentModel {
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(labels.length);
  const docs = new Float64Array(labels.length);
  for (const { text, intent } of examples) {
    const li = index.get(intent) as number;
    docs[li] = (docs[li] ?? 0) + 1;
    for (const f of features(text).all) {
      let row = counts.get(f);
      if (!row) {
        row = new Float64Array(labels.length);
        counts.set(f, row);
      }
      row[li] = (row[li] ?? 0) + 1;
      totals[li] = (totals[li] ?? 0) + 1;
    }
  }
  const vocabulary = counts.size;
  const denominators = totals.map((t) => Math.log(t + ALPHA * vocabulary));
  const logLikelihood = new Map<string, Float64Array>();
  for (const [f, row] of counts)
    logLikelihood.set(
      f,
      row.map((c, i) => Math.log(c + ALPHA) - (denominators[i] ?? 0)),
    );
  // A uniform prior: the training set is balanced by design, and real traffic shares differ per shop anyway.
  const logPrior = new Float64Array(labels.length).fill(-Math.log(labels.length));
  const logUnseen = denominators.map((d) => Math.log(ALPHA) - d);
  return { labels, logPrior, logLikelihood, logUnseen };
}

export function predict(model: IntentModel, text: string): Prediction | null {
  const { all: fs, evidence } = features(text);
  if (fs.length === 0) return null;
  const scores = Float64Array.from(model.logPrior);
  const seen = evidence.filter((f) => model.logLikelihood.has(f)).length;
  for (const f of fs) {
    const row = model.logLikelihood.get(f);
    const source = row ?? model.logUnseen;
    for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] ?? 0) + (source[i] ?? 0);
  }
  // Normalise per feature so long messages are not overconfident, then softmax.
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] ?? 0) > (scores[best] ?? 0)) best = i;
  const scale = TEMPERATURE / Math.sqrt(fs.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += Math.exp(((scores[i] ?? 0) - (scores[best] ?? 0)) * scale);
  return {
    intent: model.labels[best] as KnownIntent,
    probability: 1 / sum,
    coverage: evidence.length ? seen / evidence.length : 0,
  };
}
