import { phrasebook } from "./functions/domain/phrasebook";
import { LANGUAGE_CODES } from "./functions/domain/languages";
import { oldStyleTones } from "./functions/domain/extract";
const all: string[] = [];
for (const l of LANGUAGE_CODES) for (const v of Object.values(phrasebook()[l])) if (Array.isArray(v)) all.push(...v);
for (let r = 0; r < 3; r++) {
let t0 = performance.now(); const n = all.map((p) => p.normalize("NFKC")); const a = performance.now() - t0;
t0 = performance.now(); const o = n.map(oldStyleTones); const b = performance.now() - t0;
t0 = performance.now(); const c = o.map((p) => /^[\p{Script=Latin}\p{N}\s'’.,:-]+$/u.test(p)); const d = performance.now() - t0;
t0 = performance.now(); const m = new Map<number, number>(); let k = 0; for (const p of o) for (let i = 0; i < p.length; i++) { const key = k * 3000 + (p.charCodeAt(i) % 3000); if (!m.has(key)) m.set(key, ++k); } const e = performance.now() - t0;
console.log("nfkc", a.toFixed(1), "tones", b.toFixed(1), "isLatin", d.toFixed(1), "map", e.toFixed(1), m.size);
}
