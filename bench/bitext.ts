/**
 * Shopper understanding on a public third-party set: the English test split of Bitext's customer-service intent
 * dataset (test/fixtures/bitext, CDLA-Sharing-1.0). Evaluation data only — never trained or tuned on — scored on the
 * Bitext intents that map to our topics, read exactly as the reply pipeline reads a first message.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HANDOFF_KEYWORDS } from "../functions/adapters/i18n/resources";
import type { IntentModelData } from "../functions/ai/intents/model";
import { createEmbeddedUnderstanding } from "../functions/ai/understanding";
import type { Intent } from "../functions/domain/intent";
import { pipelineReader } from "./nlu-eval";
import { fmt } from "./stats";

export const BITEXT_FILE = join(import.meta.dirname, "../test/fixtures/bitext/customer-service-test.csv");

/**
 * Each Bitext intent and the topics that count as understanding it; null: no topic of ours (accounts, invoices,
 * newsletters, reviews, contract fees, editing an order's items), left out of the figure. Where Bitext's intent
 * straddles two of ours, both count: "how soon can I expect my purchase" is an order's status or shipping times,
 * "what hours is customer service available" asks for a person or about the store.
 */
export const BITEXT_TOPICS: Readonly<Record<string, readonly Intent[] | null>> = {
  cancel_order: ["cancel_order"],
  change_shipping_address: ["change_address"],
  set_up_shipping_address: ["change_address"],
  check_payment_methods: ["payment_methods"],
  payment_issue: ["payment_issue"],
  check_refund_policy: ["return_policy"],
  get_refund: ["refund_return"],
  track_refund: ["refund_return"],
  track_order: ["order_status"],
  delivery_options: ["shipping_info"],
  delivery_period: ["order_status", "shipping_info"],
  complaint: ["complaint"],
  contact_human_agent: ["human_request"],
  contact_customer_service: ["human_request", "store_info"],
  change_order: null,
  check_cancellation_fee: null,
  check_invoice: null,
  get_invoice: null,
  place_order: null,
  review: null,
  newsletter_subscription: null,
  create_account: null,
  delete_account: null,
  edit_account: null,
  recover_password: null,
  registration_problems: null,
  switch_account: null,
};

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

export interface BitextItem {
  readonly utterance: string;
  readonly intent: string;
}

export function loadBitext(file: string = BITEXT_FILE): BitextItem[] {
  const [head, ...rows] = parseCsv(readFileSync(file, "utf8"));
  const at = (name: string) => head?.indexOf(name) ?? -1;
  const [u, i] = [at("utterance"), at("intent")];
  return rows.map((r) => ({ utterance: r[u] ?? "", intent: r[i] ?? "" }));
}

export interface BitextRow {
  readonly intent: string;
  readonly n: number;
  readonly right: number;
  /** What the misses were read as, most frequent first. */
  readonly misreadAs: readonly string[];
}

/** Accuracy per mapped Bitext intent. Shoppers on this set write in English from Singapore (our English market). */
export function bitextEval(modelData?: IntentModelData): BitextRow[] {
  const read = pipelineReader(createEmbeddedUnderstanding(HANDOFF_KEYWORDS, modelData));
  const byIntent = new Map<string, { n: number; right: number; misses: Map<string, number> }>();
  for (const item of loadBitext()) {
    const accepted = BITEXT_TOPICS[item.intent];
    if (accepted === undefined) throw new Error(`Bitext intent ${item.intent} is not in BITEXT_TOPICS`);
    if (accepted === null) continue;
    const { topic, signals } = read(item.utterance, "SG");
    const row = byIntent.get(item.intent) ?? { n: 0, right: 0, misses: new Map() };
    row.n++;
    // A complaint read as frustration still reaches a person, which is what a complaint needs.
    const right =
      accepted.includes(topic.intent) || (item.intent === "complaint" && signals.includes("frustration"));
    if (right) row.right++;
    else row.misses.set(topic.intent, (row.misses.get(topic.intent) ?? 0) + 1);
    byIntent.set(item.intent, row);
  }
  return [...byIntent].map(([intent, r]) => ({
    intent,
    n: r.n,
    right: r.right,
    misreadAs: [...r.misses].sort((a, b) => b[1] - a[1]).map(([m, k]) => `${m} ${k}`),
  }));
}

export function benchBitext(modelData?: IntentModelData): { text: string; accuracy: number } {
  const rows = bitextEval(modelData);
  const n = rows.reduce((a, r) => a + r.n, 0);
  const right = rows.reduce((a, r) => a + r.right, 0);
  const lines = [
    "Bitext customer-service test split (English, third-party, evaluation only), mapped intents",
    ...rows.map(
      (r) =>
        `${r.intent.padEnd(26)} ${String(r.n).padStart(3)}  ${fmt((100 * r.right) / r.n).padStart(5)}%  ${r.misreadAs.slice(0, 3).join(", ")}`,
    ),
    `${"all mapped".padEnd(26)} ${String(n).padStart(3)}  ${fmt((100 * right) / n).padStart(5)}%   (goal ≥ 90%)`,
  ];
  return { text: lines.join("\n"), accuracy: right / n };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchBitext().text);
