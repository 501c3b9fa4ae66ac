/** `npm run train`: trains the intent model on the utterances and writes functions/ai/intents/model.json. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IntentModelData } from "../functions/ai/intents/model";
import { buildIntentModel, trainingDataHash } from "../functions/ai/intents/train";
import { UTTERANCES } from "../functions/ai/intents/utterances";

export const MODEL_FILE = join(import.meta.dirname, "../functions/ai/intents/model.json");

/** Retrains only when the utterances or training settings changed since the committed model (the build runs this). */
export function trainIntents(force = false): { trained: boolean; bytes: number } {
  const previous = (() => {
    try {
      return readFileSync(MODEL_FILE, "utf8");
    } catch {
      return "";
    }
  })();
  const previousHash = previous ? (JSON.parse(previous) as IntentModelData).dataHash : "";
  // Training is deterministic, so the same data hash means the same file.
  if (!force && previousHash === trainingDataHash(UTTERANCES))
    return { trained: false, bytes: previous.length };
  const model = buildIntentModel(UTTERANCES);
  // Generated, so kept on one line and outside Biome's formatting (biome.json).
  const text = `${JSON.stringify(model)}\n`;
  writeFileSync(MODEL_FILE, text);
  return { trained: true, bytes: Buffer.byteLength(text) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const { trained, bytes } = trainIntents(process.argv.includes("--force"));
  console.log(
    `${MODEL_FILE}: ${trained ? "written" : "unchanged"}, ${(bytes / 1024).toFixed(0)} KiB, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
