/**
 * The committed intent model (model.json, written by `npm run train`), read from its file on first use rather than
 * compiled into the code, so a cold start that classifies nothing never reads it. In a Lambda bundle the build copies
 * the file beside the code (scripts/build.ts).
 */
import { readFileSync } from "node:fs";
import { dataFileUrl } from "./data-file";
import type { IntentModelData } from "./model";

const MODEL_FILE = dataFileUrl("intent-model.json", "model.json");

/** The model as `npm run train` wrote it. */
export function readCommittedModel(): IntentModelData {
  return JSON.parse(readFileSync(MODEL_FILE, "utf8")) as IntentModelData;
}
