/** The embedded engine on one core: understanding, policy and rendering of a 200-character message. */
import { HANDOFF_KEYWORDS } from "../functions/adapters/i18n/resources";
import { createTranslator } from "../functions/adapters/i18n/translator";
import { renderLines, withDisclosure } from "../functions/domain/render";
import { createEmbeddedUnderstanding } from "../functions/ai/understanding";
import { INITIAL_MEMORY } from "../functions/domain/conversation";
import { MARKETS } from "../functions/domain/markets";
import { decide } from "../functions/domain/policy";
import { DEMO_ORDERS } from "../functions/local/demo-data";
import { createIntentClassifier } from "../functions/ai/intents/classifier";
import { type IntentModelData, loadIntentModel } from "../functions/ai/intents/model";
import model from "../functions/ai/intents/model.json";
import { examplesOf } from "../functions/ai/intents/train";
import { UTTERANCES } from "../functions/ai/intents/utterances";
import type { GoalRow } from "./goals";
import { fmt, percentile } from "./stats";

/** Loading the shipped intent model (decoding, no training) and classifying every utterance, on one core. */
export function benchClassifier(): string {
  const loads: number[] = [];
  let classifier = createIntentClassifier(loadIntentModel(model as IntentModelData));
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    classifier = createIntentClassifier(loadIntentModel(model as IntentModelData));
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);
  const texts = examplesOf(Object.values(UTTERANCES)).map((e) => e.text);
  for (const text of texts) classifier.classify(text);
  const start = performance.now();
  const rounds = 3;
  for (let r = 0; r < rounds; r++) for (const text of texts) classifier.classify(text);
  const seconds = (performance.now() - start) / 1000;
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  return [
    `intent classifier: ${fmt((rounds * texts.length) / seconds, 0)} messages/s on the ${texts.length} training utterances (mean ${fmt(chars, 0)} characters), one core (goal ≥ 5,000/s)`,
    `  model load (decode ${fmt(JSON.stringify(model).length / 1024, 0)} KiB of JSON, nothing trained): median ${fmt(percentile(loads, 50), 1)} ms, first-import cost excluded (goal ≤ 20 ms)`,
  ].join("\n");
}

/** The goal for the embedded engine on one core. */
const ENGINE_REPLIES_PER_SECOND = 5000;

export function benchEngine(goals: GoalRow[] = []): string {
  const coldStart = performance.now();
  const understanding = createEmbeddedUnderstanding(HANDOFF_KEYWORDS);
  const translator = createTranslator();
  const initMs = performance.now() - coldStart;
  const market = MARKETS.ID;
  const order = DEMO_ORDERS[0];
  if (!order) throw new Error("demo order missing");
  const text =
    "Halo kak, pesanan saya #1001 sudah dikirim belum ya? Saya pesan minggu lalu dan belum ada kabar, tolong dicek ya kak karena barangnya mau dipakai untuk acara keluarga hari Sabtu ini. Terima kasih!";
  const reply = () => {
    const { language } = understanding.detectLanguage(text, market, undefined);
    const { intent } = understanding.classify(text);
    const d = decide({
      status: "ai",
      memory: INITIAL_MEMORY,
      language,
      intent,
      gaveOrderDetails: true,
      order: { kind: "found", order },
      shopperName: "Siti",
      posture: market.posture,
      firstReply: false,
    });
    if (d.kind === "held") return "";
    return withDisclosure(
      translator,
      language,
      renderLines(translator, d.lines, { locale: language, market }),
    );
  };
  for (let i = 0; i < 500; i++) reply();
  const n = 5000;
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    reply();
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  goals.push({
    what: "embedded engine replies, one core",
    goal: `≥ ${ENGINE_REPLIES_PER_SECOND}/s`,
    figure: `${fmt(n / seconds, 0)}/s`,
    met: n / seconds >= ENGINE_REPLIES_PER_SECOND,
  });
  return [
    `embedded engine, ${text.length}-character message, one core: ${fmt(n / seconds, 0)} replies/s, p50 ${fmt(percentile(times, 50), 3)} ms, p99 ${fmt(percentile(times, 99), 3)} ms (goal ≥ 5,000/s, p99 ≤ 1 ms)`,
    `  initialisation (load the intent model, load locales): ${fmt(initMs, 0)} ms`,
  ].join("\n");
}
