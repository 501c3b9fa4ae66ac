/**
 * The intent model as data: a linear model (multinomial logistic regression) over hashed features, its weights
 * quantised to int8 with one scale per label, trained by `npm run train` and loaded here without any training.
 */
import type { KnownIntent } from "../../domain/intent";
import { FEATURE_VERSION, type FeatureOptions, features } from "./features";

/** "out_of_scope" holds small talk and noise, so "not a support request" is learnt rather than guessed. */
export type TrainingLabel = KnownIntent | "out_of_scope";
export type Utterances = Partial<Record<TrainingLabel, readonly string[]>>;

/** The serialised model (functions/ai/intents/model.json). */
export interface IntentModelData {
  readonly featureVersion: number;
  readonly features: FeatureOptions;
  /** SHA-256 of the utterances and training settings it was trained on (a unit test compares it with the files). */
  readonly dataHash: string;
  readonly labels: readonly TrainingLabel[];
  readonly bias: readonly number[];
  /** Per label: the weight an int8 step stands for. */
  readonly scales: readonly number[];
  /** Below these the message is treated as not understood; chosen on held-out data by the training script. */
  readonly thresholds: { readonly minProbability: number; readonly minCoverage: number };
  /**
   * Base64 of the feature keys (24-bit, see features.ts), ascending, each stored as its difference from the previous
   * one in LEB128 (7 bits a byte, high bit set on all but the last byte): about two bytes a key instead of four.
   */
  readonly hashes: string;
  /**
   * Base64 of each hash's non-zero weights, in hash order: pairs of a label index byte (high bit set on a row's last
   * pair) and an int8 weight. Rows are centred first (adding a constant to every label's weight changes no softmax),
   * so most weights are near zero and left out.
   */
  readonly weights: string;
}

export interface IntentModel {
  readonly data: IntentModelData;
  readonly labels: readonly TrainingLabel[];
  /** The feature hashes the model has weights for, ascending (binary search: no map of tens of thousands to build). */
  readonly keys: Int32Array;
  /** For each key, the offset of its first pair in `weights`. */
  readonly offsets: Int32Array;
  readonly weights: Uint8Array;
  readonly bias: Float64Array;
  readonly scales: Float64Array;
  /** Where `human_request` stands among the labels (-1 if a model lacks it). */
  readonly personLabel: number;
}

export interface Prediction {
  readonly intent: TrainingLabel;
  readonly probability: number;
  /** Share of the message's words the model has weights for: low means it is out of domain. */
  readonly coverage: number;
  /** The probability of `human_request`, whichever label wins: a request for a person beside another topic. */
  readonly humanRequest: number;
}

const decode = (base64: string) => {
  const bytes = Buffer.from(base64, "base64");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** Reads a serialised model; throws if it was trained on other features than this code computes. */
export function loadIntentModel(data: IntentModelData): IntentModel {
  if (data.featureVersion !== FEATURE_VERSION)
    throw new Error(
      `intent model has feature version ${data.featureVersion}, code has ${FEATURE_VERSION}: run npm run train`,
    );
  const bytes = decode(data.hashes);
  const weights = decode(data.weights);
  // Every key takes at least one byte, so the byte count bounds the key count.
  const keys = new Int32Array(bytes.length);
  const offsets = new Int32Array(bytes.length);
  let count = 0;
  let offset = 0;
  let key = 0;
  for (let at = 0; at < bytes.length; ) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      if (at >= bytes.length) throw new Error("intent model keys end inside a number");
      byte = bytes[at++] as number;
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    key += delta;
    if (offset >= weights.length) throw new Error("intent model weights end before its hashes");
    keys[count] = key;
    offsets[count++] = offset;
    while (offset < weights.length && ((weights[offset] as number) & 0x80) === 0) offset += 2;
    offset += 2;
  }
  if (offset !== weights.length) throw new Error("intent model weights do not match its hashes");
  return {
    data,
    labels: data.labels,
    keys: keys.subarray(0, count),
    offsets: offsets.subarray(0, count),
    weights,
    bias: Float64Array.from(data.bias),
    scales: Float64Array.from(data.scales),
    personLabel: data.labels.indexOf("human_request"),
  };
}

/** The offset of a feature hash's weights, or -1 when the model has none for it. */
function rowOf(model: IntentModel, hash: number): number {
  const { keys } = model;
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const key = keys[mid] as number;
    if (key < hash) low = mid + 1;
    else if (key > hash) high = mid - 1;
    else return model.offsets[mid] as number;
  }
  return -1;
}

export function predict(model: IntentModel, text: string): Prediction | null {
  const { all, evidence } = features(text, model.data.features);
  if (all.length === 0) return null;
  const width = model.labels.length;
  const sums = new Int32Array(width);
  const w = model.weights;
  for (const h of all) {
    let at = rowOf(model, h);
    if (at < 0) continue;
    for (;;) {
      const label = w[at] as number;
      const value = w[at + 1] as number;
      // The second byte is a two's-complement int8.
      sums[label & 0x7f] = (sums[label & 0x7f] as number) + (value > 127 ? value - 256 : value);
      if (label & 0x80) break;
      at += 2;
    }
  }
  // Features count 1/√n each, as in training, so long messages are not overconfident.
  const norm = 1 / Math.sqrt(all.length);
  const scores = new Float64Array(width);
  let best = 0;
  for (let i = 0; i < width; i++) {
    scores[i] = (model.bias[i] as number) + (model.scales[i] as number) * (sums[i] as number) * norm;
    if ((scores[i] as number) > (scores[best] as number)) best = i;
  }
  let sum = 0;
  for (let i = 0; i < width; i++) sum += Math.exp((scores[i] as number) - (scores[best] as number));
  let seen = 0;
  for (const h of evidence) if (rowOf(model, h) >= 0) seen++;
  const person = model.personLabel;
  return {
    intent: model.labels[best] as TrainingLabel,
    probability: 1 / sum,
    coverage: evidence.length ? seen / evidence.length : 0,
    humanRequest: person < 0 ? 0 : Math.exp((scores[person] as number) - (scores[best] as number)) / sum,
  };
}
