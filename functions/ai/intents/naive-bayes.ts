/** A multinomial naive Bayes intent classifier over binary features, trained at cold start from versioned utterances. */
import type { KnownIntent } from "../../domain/intent";
import { features } from "./features";

/** "out_of_scope" holds small talk and noise, so "not a support request" is learnt rather than guessed. */
export type TrainingLabel = KnownIntent | "out_of_scope";
export type Utterances = Partial<Record<TrainingLabel, readonly string[]>>;

export interface IntentModel {
  readonly labels: readonly TrainingLabel[];
  readonly logPrior: Float64Array;
  /** Log P(feature | label) per label, or undefined for a feature never seen in training. */
  likelihood(feature: string): Float64Array | undefined;
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

/**
 * Counts into one flat array (one row of label counts per feature) and turns a row into log-likelihoods only when a
 * message uses that feature: training is then a single counting pass, which keeps it off the cold start's budget.
 */
export function train(examples: readonly { text: string; intent: TrainingLabel }[]): IntentModel {
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  const width = labels.length;
  const index = new Map(labels.map((label, i) => [label, i]));
  const rowOf = new Map<string, number>();
  // Counts per feature and label stay far below 65,536 (each utterance counts a feature once).
  let counts = new Uint16Array(width * 131_072);
  const totals = new Float64Array(width);
  for (const { text, intent } of examples) {
    const li = index.get(intent) as number;
    for (const f of features(text).all) {
      let row = rowOf.get(f);
      if (row === undefined) {
        row = rowOf.size;
        rowOf.set(f, row);
        if ((row + 1) * width > counts.length) {
          const grown = new Uint16Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      counts[row * width + li] = (counts[row * width + li] ?? 0) + 1;
      totals[li] = (totals[li] ?? 0) + 1;
    }
  }
  const vocabulary = rowOf.size;
  const denominators = totals.map((t) => Math.log(t + ALPHA * vocabulary));
  const logAlpha = Math.log(ALPHA);
  const cache = new Map<string, Float64Array>();
  // A uniform prior: the training set is balanced by design, and real traffic shares differ per shop anyway.
  const logPrior = new Float64Array(width).fill(-Math.log(width));
  const logUnseen = denominators.map((d) => logAlpha - d);
  return {
    labels,
    logPrior,
    logUnseen,
    likelihood(feature) {
      const cached = cache.get(feature);
      if (cached) return cached;
      const row = rowOf.get(feature);
      if (row === undefined) return undefined;
      const values = new Float64Array(width);
      for (let i = 0; i < width; i++)
        values[i] = Math.log((counts[row * width + i] ?? 0) + ALPHA) - (denominators[i] ?? 0);
      cache.set(feature, values);
      return values;
    },
  };
}

export function predict(model: IntentModel, text: string): Prediction | null {
  const { all: fs, evidence } = features(text);
  if (fs.length === 0) return null;
  const scores = Float64Array.from(model.logPrior);
  const seen = evidence.filter((f) => model.likelihood(f) !== undefined).length;
  for (const f of fs) {
    const source = model.likelihood(f) ?? model.logUnseen;
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
