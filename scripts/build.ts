/** Builds one minified ESM bundle per Lambda entry point under dist/<name>/index.mjs (what the CDK stack deploys). */
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { build, type Plugin } from "esbuild";
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
      return { contents: `export const ngramsData = ${JSON.stringify(data)};`, loader: "js" };
    });
  },
};

export async function buildBundles(): Promise<{ name: string; file: string; bytes: number }[]> {
  // The bundles carry the intent model, so it is brought up to date with the utterances first.
  trainIntents();
  const entries = readdirSync(HANDLERS).filter((f) => f.endsWith(".ts"));
  const built = [];
  for (const file of entries) {
    const name = basename(file, ".ts");
    const outfile = join(DIST, name, "index.mjs");
    await build({
      entryPoints: [join(HANDLERS, file)],
      outfile,
      bundle: true,
      minify: true,
      sourcemap: true,
      platform: "node",
      target: "node22",
      format: "esm",
      // Some dependencies still call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      legalComments: "none",
      // Locales are mostly Thai, CJK and Devanagari: escaped as \uXXXX they would triple in size.
      charset: "utf8",
      plugins: [eldSubset],
      logLevel: "warning",
    });
    built.push({ name, file: outfile, bytes: statSync(outfile).size });
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await buildBundles())
    console.log(`dist/${b.name}/index.mjs  ${(b.bytes / 1024).toFixed(0)} KiB`);
}
