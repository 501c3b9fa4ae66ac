import { readFileSync } from "node:fs";
const [,, file, match] = process.argv;
const p = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const fn = new Map();
for (let i = 0; i < p.samples.length; i++) {
  const n = byId.get(p.samples[i]); if (!n.callFrame.url.includes(match)) continue;
  const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/^.*node_modules\//, "")}:${n.callFrame.lineNumber}`; fn.set(k, (fn.get(k) ?? 0) + p.timeDeltas[i]);
}
for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(0).padStart(7), k);
