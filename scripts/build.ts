/** Builds one minified ESM bundle per Lambda entry point under dist/<name>/index.mjs (what the CDK stack deploys). */
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";

const HANDLERS = join(import.meta.dirname, "../functions/handlers");
export const DIST = join(import.meta.dirname, "../dist");

export async function buildBundles(): Promise<{ name: string; file: string; bytes: number }[]> {
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
