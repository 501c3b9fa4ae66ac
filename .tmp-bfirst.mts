import { mkdtempSync } from "node:fs"; import { tmpdir } from "node:os"; import { join } from "node:path";
import { build } from "esbuild"; import { bundleOptions, copyDataFiles } from "./scripts/build";
const dir = mkdtempSync(join(tmpdir(), "bf-"));
const { metafile } = await build({ ...bundleOptions(join(process.cwd(), "functions/domain/signals.ts"), dir), sourcemap: false });
console.log("data bytes", await copyDataFiles(metafile, dir), dir);
