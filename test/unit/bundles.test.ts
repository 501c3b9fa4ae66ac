import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleOptions, initOutputs } from "../../scripts/build";

let metafile: Metafile;
let outputs: Record<string, { contents: string }>;
const outdir = mkdtempSync(join(tmpdir(), "api-bundle-"));

beforeAll(async () => {
  const result = await build({
    ...bundleOptions(join(import.meta.dirname, "../../functions/handlers/api.ts"), outdir),
    sourcemap: false,
    write: false,
  });
  metafile = result.metafile;
  outputs = Object.fromEntries(result.outputFiles.map((f) => [f.path, { contents: f.text }]));
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The inputs of the outputs a cold start loads, or of those it does not. */
const inputsOf = (atInit: boolean) => {
  const init = initOutputs(metafile);
  return Object.entries(metafile.outputs)
    .filter(([o]) => o.endsWith(".mjs") && init.has(o) === atInit)
    .flatMap(([, o]) => Object.keys(o.inputs));
};

describe("the API bundle", () => {
  it("loads the OpenAI SDK on first use, from a chunk beside the handler, not at cold start", () => {
    expect(inputsOf(true).filter((i) => i.includes("node_modules/openai/"))).toEqual([]);
    expect(inputsOf(false).some((i) => i.includes("node_modules/openai/"))).toBe(true);
  });

  it("carries zod's English messages alone", () => {
    const locales = inputsOf(true).filter((i) => i.includes("zod/v4/locales/"));
    expect(locales.map((i) => i.split("/").at(-1)).sort()).toEqual(["en.js", "index.js"]);
  });

  it("ships the intent model and the locales as JSON text for JSON.parse, not as object literals", () => {
    const entry = Object.entries(outputs).find(([path]) => path.endsWith("/index.mjs"))?.[1].contents ?? "";
    // libphonenumber's metadata, the intent model and 36 locale files: each one JSON.parse of a string literal.
    expect(entry).toMatch(/JSON\.parse\(['"`]\{"version":4,"country_calling_codes"/);
    expect(entry.match(/JSON\.parse\(['"`]\{"/g)?.length ?? 0).toBeGreaterThanOrEqual(38);
  });
});
