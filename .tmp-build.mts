import { phrasebook } from "./functions/domain/phrasebook";
let t0 = performance.now(); phrasebook(); console.log("phrasebook load ms", (performance.now() - t0).toFixed(1));
const { detectSignals } = await import("./functions/domain/signals");
t0 = performance.now(); detectSignals("hello"); console.log("first detectSignals ms", (performance.now() - t0).toFixed(1));
t0 = performance.now(); detectSignals("where is my order, talk to agent please!!"); console.log("second ms", (performance.now() - t0).toFixed(1));
