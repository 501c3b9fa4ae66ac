/**
 * The committed intent model (model.json, written by `npm run train`), read from its file on first use rather than
 * compiled into the code, so a cold start that classifies nothing never reads it. In a Lambda bundle the build copies
 * the file beside the code (scripts/build.ts).
 */
import { readFileSync } from "node:fs";
import type { IntentModelData } from "./model";

/** Defined by the build in a Lambda bundle: the model is ./data/intent-model.json beside the code. */
declare const __LAMBDA_BUNDLE__: boolean | undefined;

const MODEL_FILE =
  typeof __LAMBDA_BUNDLE__ !== "undefined"
    ? new URL("./data/intent-model.json", import.meta.url)
    : new URL("./model.json", import.meta.url);

/** The model as `npm run train` wrote it. */
export function readCommittedModel(): IntentModelData {
  return JSON.parse(readFileSync(MODEL_FILE, "utf8")) as IntentModelData;
}
