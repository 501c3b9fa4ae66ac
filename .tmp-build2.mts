import { phrasebook } from "./functions/domain/phrasebook";
import { LANGUAGE_CODES } from "./functions/domain/languages";
import { phraseIndex } from "./functions/domain/phrase-index";
const KINDS = ["frustration","repeat","pressure","longWait","person","personAsks","personNouns","personAsksAfter","botWords","botRefusals","botQuestion","notPerson","legal","healthSafety","fraud","privacy"] as const;
let t0 = performance.now(); const pb = phrasebook(); console.log("phrasebook ms", (performance.now() - t0).toFixed(1));
const lists = KINDS.map((k) => LANGUAGE_CODES.map((l) => (pb[l] as any)[k] as string[]));
t0 = performance.now(); const idx = phraseIndex(lists); console.log("build ms", (performance.now() - t0).toFixed(1));
t0 = performance.now(); idx.scan("where is my order, talk to agent please!!"); console.log("first scan ms", (performance.now() - t0).toFixed(1));
t0 = performance.now(); phraseIndex(lists); console.log("build again ms", (performance.now() - t0).toFixed(1));
