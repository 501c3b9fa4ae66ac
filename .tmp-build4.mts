import { phrasebook } from "./functions/domain/phrasebook";
import { LANGUAGE_CODES } from "./functions/domain/languages";
import { phraseIndex } from "./functions/domain/phrase-index";
const KINDS = ["frustration","repeat","pressure","longWait","person","personAsks","personNouns","personAsksAfter","botWords","botRefusals","botQuestion","notPerson","legal","healthSafety","fraud","privacy"] as const;
const lists = KINDS.map((k) => LANGUAGE_CODES.map((l) => (phrasebook()[l] as any)[k] as string[]));
for (let r = 0; r < 6; r++) { const t0 = performance.now(); phraseIndex(lists); console.log("build ms", (performance.now() - t0).toFixed(1)); }
