/**
 * Signals that win over the topic (R2, R6): a request for a person, frustration and sensitive matters, read from the
 * message on their own, whatever the classifier makes of its topic. The policy gives them precedence.
 */
import { LANGUAGE_CODES } from "./languages";
import { PHRASEBOOK, type Phrases } from "./phrasebook";

export const SIGNALS = [
  "person",
  "frustration",
  "sensitive_health_safety",
  "sensitive_legal",
  "sensitive_fraud",
  "sensitive_privacy",
] as const;
export type Signal = (typeof SIGNALS)[number];
export type SensitiveSignal = Extract<Signal, `sensitive_${string}`>;

export const isSensitiveSignal = (signal: Signal): signal is SensitiveSignal =>
  signal.startsWith("sensitive_");

/** A matcher for one kind of phrase in every language: Latin phrases as whole words, the others anywhere. */
function phraseMatcher(pick: (phrases: Phrases) => readonly string[]): (text: string) => boolean {
  const all = [...new Set(LANGUAGE_CODES.flatMap((l) => pick(PHRASEBOOK[l])))];
  const isLatin = (p: string) => /^[\p{Script=Latin}\p{N}\s'’.,:-]+$/u.test(p);
  const toPattern = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  const latin = all.filter(isLatin);
  const others = all.filter((p) => !isLatin(p));
  const words = latin.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${latin.map(toPattern).join("|")})(?![\\p{L}\\p{N}])`, "u")
    : null;
  return (text) => (words?.test(text) ?? false) || others.some((p) => text.includes(p));
}

const frustrationWords = phraseMatcher((p) => p.frustration);
const repeatWords = phraseMatcher((p) => p.repeat);
const personWords = phraseMatcher((p) => p.person);
const SENSITIVE: readonly [SensitiveSignal, (text: string) => boolean][] = [
  ["sensitive_health_safety", phraseMatcher((p) => p.healthSafety)],
  ["sensitive_legal", phraseMatcher((p) => p.legal)],
  ["sensitive_fraud", phraseMatcher((p) => p.fraud)],
  ["sensitive_privacy", phraseMatcher((p) => p.privacy)],
];

const ANGRY_EMOJI = /[😡🤬💢👿😤😠🖕]/u;
const EXCLAMATION_RUN = /[!！]{3,}/u;
const IMPATIENT_MARKS = /[?？][!！]|[!！][?？]|[?？]{3,}/u;

/**
 * Shouting: most Latin letters in capitals, over words long enough that it is not an acronym; 2 for a whole shouted
 * sentence (four words or more), 1 for a shouted phrase, 0 otherwise.
 */
function shouting(text: string): number {
  const letters = text.match(/\p{Script=Latin}/gu) ?? [];
  if (letters.length < 8) return 0;
  const upper = letters.filter((ch) => ch !== ch.toLowerCase()).length;
  const capsWords = (text.match(/(?<![\p{L}])\p{Lu}{2,}(?![\p{L}])/gu) ?? []).filter((w) => w.length >= 3);
  if (upper / letters.length < 0.7 || capsWords.length < 2) return 0;
  return capsWords.length >= 4 ? 2 : 1;
}

/**
 * How strongly a message shows frustration: words of anger or of having to ask again, angry emoji and a shouted
 * sentence count 2; a shouted phrase, a run of exclamation marks and "?!" count 1 each, so punctuation alone
 * ("thank you!!!") is not anger.
 */
export function frustrationScore(text: string): number {
  const lower = text.normalize("NFKC").toLowerCase();
  let score = 0;
  if (frustrationWords(lower)) score += 2;
  if (repeatWords(lower)) score += 2;
  if (ANGRY_EMOJI.test(text)) score += 2;
  score += shouting(text);
  if (EXCLAMATION_RUN.test(text)) score += 1;
  if (IMPATIENT_MARKS.test(text)) score += 1;
  return score;
}

/** The signals in a shopper's message, in the order the policy weighs them: a person, sensitive matters, frustration. */
export function detectSignals(text: string): Signal[] {
  const lower = text.normalize("NFKC").toLowerCase();
  const found: Signal[] = [];
  if (personWords(lower)) found.push("person");
  for (const [signal, matches] of SENSITIVE) if (matches(lower)) found.push(signal);
  if (frustrationScore(text) >= 2) found.push("frustration");
  return found;
}
