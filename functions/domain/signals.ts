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

const isLatin = (p: string) => /^[\p{Script=Latin}\p{N}\s'’.,:-]+$/u.test(p);
const toPattern = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");

/** One pattern for a list of phrases: Latin phrases as whole words, the others anywhere; longest first. */
function phrasePattern(phrases: readonly string[], flags: string): RegExp | null {
  // Phrases are matched against NFKC text, so they are normalised the same way: "ㅡㅡ" and "真人！" change under it.
  const all = [...new Set(phrases.map((p) => p.normalize("NFKC")))].sort((a, b) => b.length - a.length);
  const latin = all.filter(isLatin).map(toPattern);
  const others = all.filter((p) => !isLatin(p)).map(toPattern);
  const parts = [
    ...(latin.length ? [`(?<![\\p{L}\\p{N}])(?:${latin.join("|")})(?![\\p{L}\\p{N}])`] : []),
    ...(others.length ? [`(?:${others.join("|")})`] : []),
  ];
  return parts.length ? new RegExp(parts.join("|"), flags) : null;
}

/** A matcher for one kind of phrase in every language: shoppers mix languages. */
function phraseMatcher(pick: (phrases: Phrases) => readonly string[]): (text: string) => boolean {
  const pattern = phrasePattern(
    LANGUAGE_CODES.flatMap((l) => pick(PHRASEBOOK[l])),
    "u",
  );
  return (text) => pattern?.test(text) ?? false;
}

type Span = readonly [start: number, end: number];
/** Where the phrases occur in a text. */
function phraseSpans(phrases: readonly string[]): (text: string) => Span[] {
  const pattern = phrasePattern(phrases, "gu");
  return (text) =>
    pattern ? [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as const) : [];
}

/** At most this many characters between two phrases read together ("talk to your manager", "担当の方と話"). */
const NEAR = 14;
/** A sentence's end: two phrases on either side of one are not read together. */
const SENTENCE_END = /[.!?。！？\n]/u;

/** Whether a phrase of the first kind comes shortly before one of the second, in the same sentence. */
function followedBy(text: string, first: readonly Span[], second: readonly Span[], near: number): boolean {
  return first.some(([, end]) =>
    second.some(
      ([start]) => start >= end && start - end <= near && !SENTENCE_END.test(text.slice(end, start)),
    ),
  );
}

/**
 * Two kinds of phrase read together, per language with English beside it (shoppers mix English words into every
 * language, not Thai into Vietnamese): true when the pair occurs in the order given.
 */
function pairMatcher(
  before: (phrases: Phrases) => readonly string[],
  after: (phrases: Phrases) => readonly string[],
  near: number,
): (text: string) => boolean {
  const perLanguage = LANGUAGE_CODES.map((l) => {
    const pick = (f: (p: Phrases) => readonly string[]) => [...f(PHRASEBOOK[l]), ...f(PHRASEBOOK.en)];
    return [phraseSpans(pick(before)), phraseSpans(pick(after))] as const;
  });
  // One scan for the first kind in any language spares the 24 per-language scans on most messages, which hold none.
  const anyFirst = phrasePattern(
    LANGUAGE_CODES.flatMap((l) => before(PHRASEBOOK[l])),
    "u",
  );
  return (text) =>
    anyFirst?.test(text) === true &&
    perLanguage.some(([first, second]) => {
      const spans = first(text);
      return spans.length > 0 && followedBy(text, spans, second(text), near);
    });
}

const frustrationWords = phraseMatcher((p) => p.frustration);
const repeatWords = phraseMatcher((p) => p.repeat);
const pressureWords = phraseSpans(LANGUAGE_CODES.flatMap((l) => PHRASEBOOK[l].pressure));
const personWords = phraseMatcher((p) => p.person);
// "talk to … a manager", "sambungkan ke … admin", "转 … 人工"; and "担当の方 … と話", "상담원 … 연결", "manager … से बात".
const askThenPerson = pairMatcher(
  (p) => p.personAsks,
  (p) => p.personNouns,
  NEAR,
);
const personThenAsk = pairMatcher(
  (p) => p.personNouns,
  (p) => p.personAsksAfter,
  NEAR,
);
// "not the bot", "stop bot ni", "봇 말고", "自動返信やめて": turning the bot away is asking for a person.
const refusalThenBot = pairMatcher(
  (p) => p.botRefusals,
  (p) => p.botWords,
  8,
);
const botThenRefusal = pairMatcher(
  (p) => p.botWords,
  (p) => p.botRefusals,
  8,
);
const botQuestion = phraseMatcher((p) => p.botQuestion);
const notPerson = phraseMatcher((p) => p.notPerson);
const SENSITIVE: readonly [SensitiveSignal, (text: string) => boolean][] = [
  ["sensitive_health_safety", phraseMatcher((p) => p.healthSafety)],
  ["sensitive_legal", phraseMatcher((p) => p.legal)],
  ["sensitive_fraud", phraseMatcher((p) => p.fraud)],
  ["sensitive_privacy", phraseMatcher((p) => p.privacy)],
];

const ANGRY_EMOJI = /[😡🤬💢👿😤😠🖕😒🙄🤦]/u;
const EXCLAMATIONS = /[!！]{2,}/u;
const IMPATIENT_MARKS = /[?？][!！]|[!！][?？]|[?？]{2,}/u;

/** Sentences of a message, each with the punctuation that ends it. */
const sentencesOf = (text: string) => text.match(/[^.!?。！？\n]+[.!?。！？\n]*/gu) ?? [];

/**
 * Whether the message asks if the shopper talks to a bot ("bot or real person?", "ni bot ke orang?", "你是机器人吗"):
 * a question about the store, not a request for a person.
 */
export function asksIfBot(text: string): boolean {
  return botQuestion(text.normalize("NFKC").toLowerCase());
}

/** Whether a message asks for a person, leaving out sentences that ask whether this is a bot or refuse a call. */
function asksForPerson(lower: string): boolean {
  const asked = sentencesOf(lower)
    .filter((sentence) => !botQuestion(sentence) && !notPerson(sentence))
    .join(" ");
  return (
    personWords(asked) ||
    askThenPerson(asked) ||
    personThenAsk(asked) ||
    refusalThenBot(asked) ||
    botThenRefusal(asked)
  );
}

/**
 * Shouting: 2 for a shouted sentence (three words or more in capitals in a row, or most of the letters in capitals
 * over four such words), 1 for a shouted phrase (two words in a row), 0 for an acronym or two.
 */
function shouting(text: string): number {
  const words = [...text.matchAll(/(?<![\p{L}\p{M}])\p{Lu}[\p{Lu}\p{M}]+(?![\p{L}\p{M}])/gu)];
  let run = 0;
  let longest = 0;
  let previousEnd = -1;
  for (const word of words) {
    const between = previousEnd < 0 ? "" : text.slice(previousEnd, word.index);
    run = previousEnd >= 0 && /^[\s,'’-]*$/u.test(between) ? run + 1 : 1;
    longest = Math.max(longest, run);
    previousEnd = word.index + word[0].length;
  }
  const capitals = words.map((w) => w[0]).join("").length;
  if (longest >= 3 && capitals >= 6) return 2;
  const letters = text.match(/\p{Script=Latin}/gu) ?? [];
  const upper = letters.filter((ch) => ch !== ch.toLowerCase()).length;
  const long = words.filter((w) => w[0].length >= 3).length;
  if (letters.length >= 8 && upper / letters.length >= 0.7 && long >= 4) return 2;
  return longest >= 2 && capitals >= 5 ? 1 : 0;
}

/**
 * How strongly a message shows frustration: words of anger or contempt, of having to ask again, an angry emoji and a
 * shouted sentence count 2; a shouted phrase, "!!", "??" or "?!", and each word of pressure ("immediately", "马上",
 * 👏 with a slow reply) count 1, so a single one ("thank you!!", "can ship now?") is not anger but two together are.
 */
export function frustrationScore(text: string): number {
  const lower = text.normalize("NFKC").toLowerCase();
  let score = 0;
  if (frustrationWords(lower)) score += 2;
  if (repeatWords(lower)) score += 2;
  if (ANGRY_EMOJI.test(text)) score += 2;
  score += shouting(text.normalize("NFKC"));
  if (EXCLAMATIONS.test(text)) score += 1;
  if (IMPATIENT_MARKS.test(text)) score += 1;
  score += Math.min(2, new Set(pressureWords(lower).map(([a, b]) => lower.slice(a, b))).size);
  return score;
}

/** The signals in a shopper's message, in the order the policy weighs them: a person, sensitive matters, frustration. */
export function detectSignals(text: string): Signal[] {
  const lower = text.normalize("NFKC").toLowerCase();
  const found: Signal[] = [];
  if (asksForPerson(lower)) found.push("person");
  for (const [signal, matches] of SENSITIVE) if (matches(lower)) found.push(signal);
  if (frustrationScore(text) >= 2) found.push("frustration");
  return found;
}
