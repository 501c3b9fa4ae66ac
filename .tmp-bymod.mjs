import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const mod = new Map(); const fn = new Map(); let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const n = byId.get(p.samples[i]); const url = n.callFrame.url; const dt = p.timeDeltas[i]; total += dt;
  let m = url ? (url.includes("node_modules/") ? url.split("node_modules/").pop().split("/").slice(0, url.split("node_modules/").pop().startsWith("@") ? 2 : 1).join("/") : url.replace(/^.*\/main\//, "")) : n.callFrame.functionName;
  mod.set(m, (mod.get(m) ?? 0) + dt);
  const k = `${n.callFrame.functionName || "(anon)"} ${m}`; fn.set(k, (fn.get(k) ?? 0) + dt);
}
console.log("total ms", (total / 1000).toFixed(0));
for (const [k, v] of [...mod].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1000).toFixed(0).padStart(7), k);
console.log("--- functions");
for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1000).toFixed(0).padStart(7), k);
