/** Builds one minified ESM bundle per Lambda entry point under dist/<name>/index.mjs (what the CDK stack deploys). */
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";

const HANDLERS = "functions/handlers";
const entries = readdirSync(HANDLERS).filter((f) => f.endsWith(".ts"));

for (const file of entries) {
  const name = basename(file, ".ts");
  const outfile = join("dist", name, "index.mjs");
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
  console.log(`${outfile}  ${(statSync(outfile).size / 1024).toFixed(0)} KiB`);
}
