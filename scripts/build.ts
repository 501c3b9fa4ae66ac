/**
 * Builds one minified ESM bundle per Lambda entry point under dist/<name>/ (index.mjs and the chunks it loads on
 * first use; the folder is what the CDK stack deploys). `--breakdown` lists what each cold start loads, by package.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { pathToFileURL } from "node:url";
import { HANDOFF_KEYWORDS } from "../functions/adapters/i18n/resources";
import { MODEL_FILE, trainIntents } from "./train-intents";

const ROOT = join(import.meta.dirname, "..");
const HANDLERS = join(ROOT, "functions/handlers");
export const DIST = join(import.meta.dirname, "../dist");

/**
 * The language detector only ever asks eld about the Latin-script languages (scripts settle the rest), so the
 * bundles carry eld's n-grams for those alone: the same scores for them, a fraction of the size.
 */
export const ELD_LANGUAGES = ["en", "ms", "tl", "vi"];

/** eld's smallest n-gram table cut to ELD_LANGUAGES, as JSON: the data file the bundles' eld reads (DATA_FILES). */
async function eldSubsetJson(): Promise<string> {
  // Not among eld's exports: read from the package's folder.
  const table = pathToFileURL(join(ROOT, "node_modules/eld/src/ngrams/extrasmall.js")).href;
  const { ngramsData } = (await import(table)) as {
    ngramsData: {
      type: string;
      languages: Record<string, string>;
      isSubset?: boolean;
      ngrams: Record<string, Record<string, number>>;
    };
  };
  const keep = new Set(
    Object.entries(ngramsData.languages)
      .filter(([, code]) => ELD_LANGUAGES.includes(code))
      .map(([id]) => id),
  );
  const ngrams: Record<string, Record<string, number>> = {};
  for (const [gram, scores] of Object.entries(ngramsData.ngrams)) {
    const kept = Object.fromEntries(Object.entries(scores).filter(([id]) => keep.has(id)));
    if (Object.keys(kept).length > 0) ngrams[gram] = kept;
  }
  return JSON.stringify({ ...ngramsData, isSubset: true, ngrams });
}

/**
 * eld's static entry builds a detector over its n-grams when imported; in the bundles it builds one on first
 * `newInstance()` (the only call the language detector makes) from the subset in a data file, so a cold start neither
 * compiles nor parses the table and a message that scripts or marker words settle never reads it.
 */
const eldOnFirstUse: Plugin = {
  name: "eld-on-first-use",
  setup(b) {
    b.onLoad({ filter: /eld[\\/]src[\\/]entries[\\/]static\.extrasmall\.js$/ }, (args) => ({
      contents: `import { readFileSync } from "node:fs";
import { createEld } from "../languageDetector.js";
let ngramsData;
function newInstance() {
  ngramsData ??= JSON.parse(readFileSync(new URL("./data/eld-ngrams.json", import.meta.url), "utf8"));
  const { instance, loadData } = createEld();
  loadData(ngramsData);
  instance.newInstance = newInstance;
  return instance;
}
export const eld = { newInstance };
export default eld;`,
      loader: "js",
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Data as a JSON string handed to JSON.parse: V8 scans a string literal and parses JSON several times faster than it
 * compiles and runs the same object as a JavaScript literal, which is what cold starts pay for data-heavy bundles.
 */
const parsedJson = (data: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(data))})`;

/** The project's JSON (locales, the intent model) and libphonenumber's metadata, loaded through JSON.parse. */
const jsonAsParse: Plugin = {
  name: "json-as-parse",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      // Dependencies' own JSON (package.json read through require) keeps esbuild's loader and its named exports.
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const data: unknown = JSON.parse(await readFile(args.path, "utf8"));
      return { contents: `export default ${parsedJson(data)};`, loader: "js" };
    });
    b.onLoad({ filter: /libphonenumber-js[\\/]metadata\.min\.json\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const literal = source
        .slice(source.indexOf("export default ") + "export default ".length)
        .trim()
        .replace(/;$/, "");
      const metadata = compactPhoneMetadata(JSON.parse(literal) as PhoneMetadata);
      return { contents: `export default ${parsedJson(metadata)};`, loader: "js" };
    });
  },
};

/** The phrasebook's module in the source: evaluated by the build, its data written beside the bundle. */
const PHRASEBOOK_MODULE = join(ROOT, "functions/domain/phrasebook.ts");
/** Where the phrasebook's data goes in a function's folder: written by DATA_FILES, read by the bundled module. */
const PHRASEBOOK_DATA = "data/phrasebook.json";

/**
 * The phrasebook in a bundle: some six thousand lines of phrases are data, so the bundle reads them from
 * data/phrasebook.json on the first message (the module's one export, `phrasebook()`) instead of compiling them in.
 */
const phrasebookAsData: Plugin = {
  name: "phrasebook-as-data",
  setup(b) {
    b.onLoad({ filter: /[\\/]functions[\\/]domain[\\/]phrasebook\.ts$/ }, () => ({
      contents: `import { readFileSync } from "node:fs";
let book;
export const phrasebook = () =>
  (book ??= JSON.parse(readFileSync(new URL("./${PHRASEBOOK_DATA}", import.meta.url), "utf8")));`,
      loader: "js",
    }));
  },
};

/** Where signals' phrase index goes in a function's folder: written by DATA_FILES, read by the bundled module. */
const PHRASE_INDEX_DATA = "data/phrase-index.bin";

/**
 * Signals' phrase index in a bundle: built now from the phrasebook (tens of milliseconds of a cold start's first
 * message when built there) and read back from data/phrase-index.bin as it is.
 */
const phraseIndexAsData: Plugin = {
  name: "phrase-index-as-data",
  setup(b) {
    b.onLoad({ filter: /[\\/]functions[\\/]domain[\\/]built-phrase-index\.ts$/ }, () => ({
      contents: `import { readFileSync } from "node:fs";
export const builtPhraseIndex = () => readFileSync(new URL("./${PHRASE_INDEX_DATA}", import.meta.url));`,
      loader: "js",
    }));
  },
};

/** The phrase index signals.ts reads, built from the phrasebook in the source. */
async function phraseIndexBytes(): Promise<Uint8Array> {
  const { signalPhraseLists } = await import(join(ROOT, "functions/domain/signals.ts"));
  const { buildPhraseIndex, encodePhraseIndex } = await import(
    join(ROOT, "functions/domain/phrase-index.ts")
  );
  return encodePhraseIndex(buildPhraseIndex(signalPhraseLists()));
}

/** libphonenumber-js's metadata: per country, an array whose fifth entry is its national formatting patterns. */
export interface PhoneMetadata {
  readonly countries: Record<string, unknown[]>;
  readonly [key: string]: unknown;
}

/**
 * The phone metadata without the national formatting patterns (more than half of it): the code only parses and finds
 * numbers, which never read them (libphonenumber-js reads them to format and in leniencies stricter than its default),
 * so every country stays parseable exactly as before. test/unit/phone-metadata.test.ts checks the equivalence.
 */
export function compactPhoneMetadata(metadata: PhoneMetadata): PhoneMetadata {
  const countries = Object.fromEntries(
    Object.entries(metadata.countries).map(([code, plan]) => [
      code,
      plan.length > 4 ? [...plan.slice(0, 4), 0, ...plan.slice(5)] : plan,
    ]),
  );
  return { ...metadata, countries };
}

/** What a part of zod left out of the bundles answers if it is ever called: a clear error, not a missing function. */
const notBundled = (name: string) =>
  `() => { throw new Error("zod's ${name} is not in this bundle (scripts/build.ts)"); }`;

/**
 * zod registers its error messages in some forty languages under `z.locales`; nothing here reads them (zod's own
 * default, English, is imported directly by zod), so the bundles carry English alone. Likewise `z.core.compile` (a
 * schema compiler) and `z.fromJSONSchema`, which only the `z` namespace re-exports and nothing here calls.
 */
const zodWithoutUnusedParts: Plugin = {
  name: "zod-without-unused-parts",
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: `export { default as en } from "./en.js";`,
      loader: "js",
    }));
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/]compile\.js$/ }, () => ({
      contents: [
        `export const INVALID = Symbol.for("zod.compile.invalid");`,
        "export class ZodCompileAsyncError extends Error {}",
        "export class ZodCompileUnsupportedError extends Error {}",
        ...["compile", "compileFn", "withParser"].map(
          (name) => `export const ${name} = ${notBundled(name)};`,
        ),
      ].join("\n"),
      loader: "js",
    }));
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]classic[\\/]from-json-schema\.js$/ }, () => ({
      contents: `export const fromJSONSchema = ${notBundled("fromJSONSchema")};`,
      loader: "js",
    }));
  },
};

/**
 * Data a bundle reads from files beside its code on first use instead of compiling it in (the modules name the
 * paths): copied into a function's folder when the module that reads it is in that function's bundle.
 */
export const DATA_FILES: readonly {
  /** The module that reads it, as the metafile names its input (a suffix). */
  readonly reader: string;
  /** A file or folder to copy, or the file's contents made now. */
  readonly from: string | (() => Promise<string | Uint8Array>);
  /** Where it goes in the function's folder. */
  readonly to: string;
}[] = [
  { reader: "functions/ai/intents/committed-model.ts", from: MODEL_FILE, to: "data/intent-model.json" },
  {
    reader: "functions/ai/intents/simplify-han.ts",
    from: join(ROOT, "functions/ai/intents/han-simplified.json"),
    to: "data/han-simplified.json",
  },
  { reader: "functions/adapters/i18n/resources.ts", from: join(ROOT, "locales"), to: "locales" },
  {
    reader: "functions/domain/phrasebook.ts",
    from: async () => JSON.stringify((await import(PHRASEBOOK_MODULE)).PHRASEBOOK),
    to: PHRASEBOOK_DATA,
  },
  { reader: "functions/domain/built-phrase-index.ts", from: phraseIndexBytes, to: PHRASE_INDEX_DATA },
  {
    reader: "node_modules/eld/src/entries/static.extrasmall.js",
    from: eldSubsetJson,
    to: "data/eld-ngrams.json",
  },
];

/** Copies the data files the bundle's modules read into its folder; returns their bytes. */
export async function copyDataFiles(metafile: Metafile, outdir: string): Promise<number> {
  // The modules in the bundle's code: a module esbuild read and then shook out reads no file.
  const inputs = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  let bytes = 0;
  for (const { reader, from, to } of DATA_FILES) {
    if (!inputs.some((i) => i.endsWith(reader))) continue;
    const target = join(outdir, to);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof from === "string") cpSync(from, target, { recursive: true });
    else writeFileSync(target, await from());
    bytes += sizeOf(target);
  }
  return bytes;
}

const sizeOf = (path: string): number =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0)
    : statSync(path).size;

/** One built entry point: its files, the bytes loaded at cold start and in all, and esbuild's account of them. */
export interface BuiltBundle {
  readonly name: string;
  /** dist/<name>/index.mjs, the handler's module. */
  readonly file: string;
  /** What a cold start loads: the handler's module and the chunks it imports statically. */
  readonly initBytes: number;
  /** Everything shipped: also the chunks loaded on first use (the OpenAI SDK, credential providers). */
  readonly totalBytes: number;
  /** The data files beside the code, each read when first needed (the intent model, the locales): DATA_FILES. */
  readonly dataBytes: number;
  readonly metafile: Metafile;
}

const isCode = (output: string) => output.endsWith(".mjs");

/** The output files a cold start loads: the entry and what it imports statically, transitively. */
export function initOutputs(metafile: Metafile): Set<string> {
  // The handler's module (entryPoints names it index); chunks of dynamic imports are entry points in the metafile too.
  const entry = Object.keys(metafile.outputs).find((o) => /(^|\/)index\.mjs$/.test(o));
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const i of metafile.outputs[output]?.imports ?? [])
      if (i.kind === "import-statement" && !i.external) visit(i.path);
  };
  if (entry) visit(entry);
  return seen;
}

/** The bytes a bundle spends per package (node_modules) or per source folder, largest first, loaded at init or later. */
export function breakdown(
  metafile: Metafile,
  part: "init" | "lazy" = "init",
): { input: string; bytes: number }[] {
  const init = initOutputs(metafile);
  const totals = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (!isCode(output) || init.has(output) !== (part === "init")) continue;
    for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
      const key = pkg ?? path.replace(/\/[^/]+$/, "/");
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The esbuild options of a Lambda bundle: minified ESM for Node 22, chunks for what is imported on first use. */
export function bundleOptions(entry: string, outdir: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: { index: entry },
    outdir,
    outExtension: { ".js": ".mjs" },
    // Dynamic imports (the OpenAI SDK, the KMS client, the AWS SDK's unused credential providers) become chunks
    // beside the handler, in the same folder so `import.meta.url` finds the data files from any of them.
    splitting: true,
    chunkNames: "[name]-[hash]",
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: "node",
    // The AWS SDK's ES modules: their credential providers are dynamic imports (chunks) where the CommonJS builds
    // require() every provider and the nested STS/SSO clients at cold start, and they tree-shake.
    mainFields: ["module", "main"],
    target: "node22",
    format: "esm",
    // Some dependencies still call require(); give every ESM module of the bundle one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    legalComments: "none",
    // Locales are mostly Thai, CJK and Devanagari: escaped as \uXXXX they would triple in size.
    charset: "utf8",
    plugins: [eldOnFirstUse, jsonAsParse, zodWithoutUnusedParts, phrasebookAsData, phraseIndexAsData],
    // Modules that read data files look beside the bundle (DATA_FILES); the handoff keywords are read now, once.
    define: {
      __LAMBDA_BUNDLE__: "true",
      __HANDOFF_KEYWORDS__: JSON.stringify(HANDOFF_KEYWORDS),
    },
    logLevel: "warning",
    metafile: true,
  };
}

export async function buildBundles(): Promise<BuiltBundle[]> {
  // The bundles carry the intent model, so it is brought up to date with the utterances first.
  trainIntents();
  const entries = readdirSync(HANDLERS).filter((f) => f.endsWith(".ts"));
  const built = [];
  for (const file of entries) {
    const name = basename(file, ".ts");
    const outdir = join(DIST, name);
    // The folder is the function's asset: chunks of an earlier build must not ship with this one.
    rmSync(outdir, { recursive: true, force: true });
    const { metafile } = await build(bundleOptions(join(HANDLERS, file), outdir));
    const dataBytes = await copyDataFiles(metafile, outdir);
    const bytes = (outputs: Iterable<string>) =>
      [...outputs].filter(isCode).reduce((n, o) => n + (metafile.outputs[o]?.bytes ?? 0), 0);
    built.push({
      name,
      file: join(outdir, "index.mjs"),
      initBytes: bytes(initOutputs(metafile)),
      totalBytes: bytes(Object.keys(metafile.outputs)),
      dataBytes,
      metafile,
    });
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  for (const b of await buildBundles()) {
    console.log(
      `dist/${b.name}/  ${kib(b.initBytes)} loaded at cold start, ${kib(b.totalBytes)} in all, ${kib(b.dataBytes)} of data files read on first use`,
    );
    if (process.argv.includes("--breakdown"))
      for (const { input, bytes } of breakdown(b.metafile).slice(0, 15))
        console.log(`  ${kib(bytes).padStart(9)}  ${input}`);
  }
}
