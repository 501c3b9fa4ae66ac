import { phrasebook } from "./functions/domain/phrasebook";
import { LANGUAGE_CODES } from "./functions/domain/languages";
const set = new Set<string>(); let total = 0;
for (const l of LANGUAGE_CODES) for (const [k, v] of Object.entries(phrasebook()[l])) if (Array.isArray(v)) for (const p of v) { total++; set.add(p); }
let chars = 0; for (const p of set) chars += p.length;
console.log("phrases", total, "unique", set.size, "chars", chars);
