import { readdirSync, readFileSync } from "node:fs";
import { detectSignals } from "./functions/domain/signals";
import { extractEntities } from "./functions/domain/extract";
const dir = "test/fixtures/nlu-dev";
const texts: string[] = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) { const d = JSON.parse(readFileSync(`${dir}/${f}`, "utf8")); for (const i of d.items) texts.push(i.text); }
let t0 = performance.now(); detectSignals("warm up"); console.log("first call ms", (performance.now() - t0).toFixed(1));
for (const t of texts) detectSignals(t, "order_status");
for (let r = 0; r < 3; r++) {
  t0 = performance.now(); for (const t of texts) detectSignals(t, "order_status"); const s = performance.now() - t0;
  t0 = performance.now(); for (const t of texts) extractEntities(t, "SG"); const e = performance.now() - t0;
  console.log(`signals ${(1000 * s / texts.length).toFixed(1)} µs/msg, extract ${(1000 * e / texts.length).toFixed(1)} µs/msg over ${texts.length}`);
}
