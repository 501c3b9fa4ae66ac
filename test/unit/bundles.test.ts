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

  it("carries none of the web inbox's pages, which are a function of their own", () => {
    const all = [...inputsOf(true), ...inputsOf(false)];
    expect(all.filter((i) => i.startsWith("functions/http/web/"))).toEqual([]);
    expect(all).toContain("functions/http/routes/messages.ts");
  });

  it("loads the KMS client on first use of a sealed secret, not at cold start", () => {
    expect(inputsOf(true).filter((i) => i.includes("node_modules/@aws-sdk/client-kms/"))).toEqual([]);
    expect(inputsOf(false).some((i) => i.includes("node_modules/@aws-sdk/client-kms/"))).toBe(true);
  });

  it("loads the AWS SDK's unused credential providers and its nested STS and SSO clients on first use only", () => {
    const lazyOnly = [
      "@aws-sdk/nested-clients/",
      "@aws-sdk/credential-provider-ini/",
      "@aws-sdk/credential-provider-sso/",
    ];
    expect(inputsOf(true).filter((i) => lazyOnly.some((p) => i.includes(`node_modules/${p}`)))).toEqual([]);
    expect(inputsOf(false).some((i) => i.includes("node_modules/@aws-sdk/credential-provider-ini/"))).toBe(
      true,
    );
  });

  it("loads jose on the first agent token, not at cold start", () => {
    expect(inputsOf(true).filter((i) => i.includes("node_modules/jose/"))).toEqual([]);
    expect(inputsOf(false).some((i) => i.includes("node_modules/jose/"))).toBe(true);
  });

  it("carries zod's English messages alone", () => {
    const locales = inputsOf(true).filter((i) => i.includes("zod/v4/locales/"));
    expect(locales.map((i) => i.split("/").at(-1)).sort()).toEqual(["en.js", "index.js"]);
  });

  it("carries neither zod's schema compiler nor its JSON Schema reader, which nothing here calls", () => {
    const bytesOf = (suffix: string) =>
      Object.values(metafile.outputs)
        .flatMap((o) => Object.entries(o.inputs))
        .filter(([input]) => input.endsWith(suffix))
        .reduce((n, [, i]) => n + i.bytesInOutput, 0);
    // The stand-ins that throw if called are a few hundred bytes; zod's own modules are some 40 KiB.
    expect(bytesOf("zod/v4/core/compile.js")).toBeLessThan(600);
    expect(bytesOf("zod/v4/classic/from-json-schema.js")).toBeLessThan(200);
  });

  it("loads the knowledge index (MiniSearch, the tokenizer's tables) with the first shop's index, not at cold start", () => {
    const knowledge = ["node_modules/minisearch/", "functions/ai/knowledge/search-index.ts"];
    expect(inputsOf(true).filter((i) => knowledge.some((k) => i.includes(k)))).toEqual([]);
    expect(inputsOf(false).some((i) => i.includes("node_modules/minisearch/"))).toBe(true);
  });

  it("reads the phrasebook from a data file on the first message instead of compiling its phrases in", () => {
    const entry = Object.entries(outputs).find(([path]) => path.endsWith("/index.mjs"))?.[1].contents ?? "";
    expect(entry).toContain("data/phrasebook.json");
    const compiled = Object.values(metafile.outputs)
      .flatMap((o) => Object.entries(o.inputs))
      .filter(([input]) => input === "functions/domain/phrasebook.ts")
      .reduce((n, [, i]) => n + i.bytesInOutput, 0);
    expect(compiled).toBeLessThan(500);
  });

  it("reads signals' phrase index from the data file the build wrote instead of building it on the first message", () => {
    const entry = Object.entries(outputs).find(([path]) => path.endsWith("/index.mjs"))?.[1].contents ?? "";
    expect(entry).toContain("data/phrase-index.bin");
  });

  it("ships libphonenumber's metadata as JSON text for JSON.parse, not as an object literal", () => {
    // In the entry or in a chunk of code shared with what loads on first use: wherever esbuild puts it.
    const code = Object.entries(outputs)
      .filter(([path]) => path.endsWith(".mjs"))
      .map(([, o]) => o.contents)
      .join("\n");
    expect(code).toMatch(/JSON\.parse\(['"`]\{"version":4,"country_calling_codes"/);
    expect(code).not.toMatch(/\{version:4,country_calling_codes/);
  });

  it("compiles in neither the intent model, nor the locales, nor eld's n-grams: data files read on first use", () => {
    const data = [...inputsOf(true), ...inputsOf(false)].filter(
      (i) => i.endsWith("intents/model.json") || i.startsWith("locales/") || i.includes("eld/src/ngrams/"),
    );
    expect(data).toEqual([]);
  });
});
