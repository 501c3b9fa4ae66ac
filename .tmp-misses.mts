// Dev-set misses (refuses eval/check paths).
import { readFileSync } from "node:fs";
import { HANDOFF_KEYWORDS } from "./functions/adapters/i18n/resources";
import { createEmbeddedUnderstanding } from "./functions/ai/understanding";
import { MARKETS, type MarketCode } from "./functions/domain/markets";
import { pipelineReader } from "./bench/nlu-eval";
const files = process.argv.slice(2);
if (files.some((f) => !f.includes("nlu-dev"))) throw new Error("dev files only");
const u = createEmbeddedUnderstanding(HANDOFF_KEYWORDS);
const read = pipelineReader(u);
const AW: any = { asked_order_number: "order_number", asked_checkout_contact: "checkout_contact", asked_confirmation: "confirmation" };
let n = 0;
for (const f of files) {
  const file = JSON.parse(readFileSync(f, "utf8"));
  for (const it of file.items) {
    const m = (it.market ?? file.market) as MarketCode;
    const r = read(it.text, m);
    const intent = r.topic.intent;
    const right = intent === it.intent || (intent === "unknown" && it.intent === "out_of_scope") || (intent === "human_request" && it.wantsPerson);
    const toPerson = r.signals.length > 0 || intent === "human_request" || intent === "complaint" || intent.startsWith("sensitive_");
    const asks = r.signals.includes("person") || intent === "human_request";
    const probs: string[] = [];
    if (!right) probs.push(`topic ${intent}≠${it.intent}`);
    if (it.frustrated && !toPerson) probs.push("frustration missed");
    if (it.wantsPerson && !asks) probs.push("person missed");
    if (!it.wantsPerson && asks) probs.push("false person");
    const personTopic = it.intent === "human_request" || it.intent === "complaint" || it.intent.startsWith("sensitive_");
    if (!it.frustrated && !it.wantsPerson && !personTopic && toPerson) probs.push(`calm→person [${r.signals}]`);
    const lang = u.detectLanguage(it.text, MARKETS[m], undefined).language;
    if (lang !== file.language) probs.push(`lang ${lang}`);
    if (probs.length) { n++; console.log(`${file.language}\t${probs.join("; ")}\t${it.text}`); }
  }
  for (const d of file.dialogue ?? []) {
    const memory: any = { misunderstandings: 0, awaiting: AW[d.context], pendingIntent: "refund_return" };
    const r = read(d.text, (d.market ?? file.market) as MarketCode, memory);
    const ok = d.expect === "order_number" ? r.reading.answers !== null && r.entities.orderNames.length > 0
      : d.expect === "email" ? r.reading.answers !== null && r.entities.emails.length > 0
      : d.expect === "phone" ? r.reading.answers !== null && r.entities.phones.length > 0
      : d.expect === "yes" || d.expect === "no" ? r.reading.yesNo === d.expect
      : r.reading.answers === null && r.reading.yesNo === null && r.topic.intent === d.intent;
    if (!ok) { n++; console.log(`${file.language}\tdialogue ${d.context} expect ${d.expect}${d.intent ? ` ${d.intent}` : ""} got ${r.topic.intent}/${r.reading.answers}/${r.reading.yesNo}\t${d.text}`); }
  }
}
console.log(`${n} misses`);
