// Score only (for check sets): prints the bench table, never items.
import { benchNluEval, nluEval } from "./bench/nlu-eval";
const dir = process.argv[2];
const rows = nluEval(dir);
for (const r of rows) console.log(r.language, r.n, "topic", r.topic, "lang", r.languageId, "frus", r.frustration.join("/"), "person", r.person.join("/"), "dlg", r.dialogue.join("/"), "calm→p", r.falseToPerson.join("/"), "falseP", r.falsePerson.join("/"));
const s = (f: (r: any) => number) => rows.reduce((a, r) => a + f(r), 0);
console.log("all", s((r) => r.n), "topic", (100 * s((r) => r.topic) / s((r) => r.n)).toFixed(1) + "%", "frus", s((r) => r.frustration[0]) + "/" + s((r) => r.frustration[1]), "person", s((r) => r.person[0]) + "/" + s((r) => r.person[1]), "dlg", s((r) => r.dialogue[0]) + "/" + s((r) => r.dialogue[1]), "calm→p", s((r) => r.falseToPerson[0]) + "/" + s((r) => r.falseToPerson[1]), "falseP", s((r) => r.falsePerson[0]) + "/" + s((r) => r.falsePerson[1]));
