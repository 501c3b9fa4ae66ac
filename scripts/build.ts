/**
 * Builds one minified ESM bundle per Lambda entry point under dist/<name>/ (index.mjs and the chunks it loads on
 * first use; the folder is what the CDK stack deploys). `--breakdown` lists what each cold start loads, by package.
 */
import { readdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { pathToFileURL } from "node:url";
import { trainIntents } from "./train-intents";

const HANDLERS = join(import.meta.dirname, "../functions/handlers");
export const DIST = join(import.meta.dirname, "../dist");

/**
 * The language detector only ever asks eld about the Latin-script languages (scripts settle the rest), so the
 * bundles carry eld's n-grams for those alone: the same scores for them, a fraction of the size.
 */
export const ELD_LANGUAGES = ["en", "ms", "tl", "vi"];

const eldSubset: Plugin = {
  name: "eld-subset",
  setup(b) {
    b.onLoad({ filter: /eld[\\/]src[\\/]ngrams[\\/]extrasmall\.js$/ }, async (args) => {
      const { ngramsData } = (await import(pathToFileURL(args.path).href)) as {
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
      const data = { ...ngramsData, isSubset: true, ngrams };
      return { contents: `export const ngramsData = ${parsedJson(data)};`, loader: "js" };
    });
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
      return { contents: `export default ${parsedJson(JSON.parse(literal))};`, loader: "js" };
    });
  },
};

/**
 * zod registers its error messages in some forty languages under `z.locales`; nothing here reads them (zod's own
 * default, English, is imported directly by zod), so the bundles carry English alone.
 */
const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: `export { default as en } from "./en.js";`,
      loader: "js",
    }));
  },
};

/** One built entry point: its files, the bytes loaded at cold start and in all, and esbuild's account of them. */
export interface BuiltBundle {
  readonly name: string;
  /** dist/<name>/index.mjs, the handler's module. */
  readonly file: string;
  /** What a cold start loads: the handler's module and the chunks it imports statically. */
  readonly initBytes: number;
  /** Everything shipped: also the chunks loaded on first use (the OpenAI SDK, credential providers). */
  readonly totalBytes: number;
  readonly metafile: Metafile;
}

const isCode = (output: string) => output.endsWith(".mjs");

/** The output files a cold start loads: the entry and what it imports statically, transitively. */
export function initOutputs(metafile: Metafile): Set<string> {
  const entry = Object.keys(metafile.outputs).find((o) => isCode(o) && metafile.outputs[o]?.entryPoint);
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
    // Dynamic imports (the OpenAI SDK, the AWS SDK's unused credential providers) become chunks beside the handler,
    // shipped in the same asset and loaded only when called.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: "node",
    target: "node22",
    format: "esm",
    // Some dependencies still call require(); give every ESM module of the bundle one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    legalComments: "none",
    // Locales are mostly Thai, CJK and Devanagari: escaped as \uXXXX they would triple in size.
    charset: "utf8",
    plugins: [eldSubset, jsonAsParse, zodEnglishOnly],
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
    const bytes = (outputs: Iterable<string>) =>
      [...outputs].filter(isCode).reduce((n, o) => n + (metafile.outputs[o]?.bytes ?? 0), 0);
    built.push({
      name,
      file: join(outdir, "index.mjs"),
      initBytes: bytes(initOutputs(metafile)),
      totalBytes: bytes(Object.keys(metafile.outputs)),
      metafile,
    });
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  for (const b of await buildBundles()) {
    console.log(`dist/${b.name}/  ${kib(b.initBytes)} loaded at cold start, ${kib(b.totalBytes)} in all`);
    if (process.argv.includes("--breakdown"))
      for (const { input, bytes } of breakdown(b.metafile).slice(0, 15))
        console.log(`  ${kib(bytes).padStart(9)}  ${input}`);
  }
}
