/**
 * Signals that win over the topic (R2, R6): a request for a person, frustration and sensitive matters, read from the
 * message on their own, whatever the classifier makes of its topic. The policy gives them precedence.
 */
import { foldForMatching, oldStyleTones, withoutWords, type WordSets, wordSets } from "./extract";
import { type Intent, ORDER_INTENTS } from "./intent";
import { LANGUAGE_CODES } from "./languages";
import { type Phrases, phrasebook } from "./phrasebook";

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

/**
 * A letter or digit that would make a Latin phrase part of a longer word. Scripts written without spaces (Han, kana,
 * Thai) and Hangul, whose particles attach to the word before them, do not: "不要bot", "ขอคุยกับadmin" and "agent한테"
 * hold the phrase whole.
 */
const WORD_CHAR =
  "(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}])[\\p{L}\\p{N}])";
const WORDISH = new RegExp(`^${WORD_CHAR}$`, "u");

const isLatin = (p: string) => /^[\p{Script=Latin}\p{N}\s'’.,:-]+$/u.test(p);
const toPattern = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");

/**
 * One pattern for a list of phrases: Latin phrases as whole words, the others anywhere; longest first. The scanner
 * (phraseScanner) finds the same matches; test/unit/signals-scanner.test.ts holds the two to each other.
 */
export function phrasePattern(phrases: readonly string[], flags: string): RegExp | null {
  const { latin, others } = orderedPhrases(phrases);
  const parts = [
    ...(latin.length ? [`(?<!${WORD_CHAR})(?:${latin.map(toPattern).join("|")})(?!${WORD_CHAR})`] : []),
    ...(others.length ? [`(?:${others.map(toPattern).join("|")})`] : []),
  ];
  return parts.length ? new RegExp(parts.join("|"), flags) : null;
}

/** The phrases in the order the pattern tries them: Latin ones (whole words) first, each group longest first. */
function orderedPhrases(phrases: readonly string[]): { latin: string[]; others: string[] } {
  // Phrases are matched against NFKC text, so they are normalised the same way: "ㅡㅡ" and "真人！" change under it.
  // Trimmed, and empty ones dropped: whitespace at a phrase's edge would only make it fail as a whole word.
  const normalised = phrases.map((p) => oldStyleTones(p.normalize("NFKC")).trim()).filter((p) => p !== "");
  const all = [...new Set(normalised)].sort((a, b) => b.length - a.length);
  const latin: string[] = [];
  const others: string[] = [];
  for (const phrase of all) (isLatin(phrase) ? latin : others).push(phrase);
  return { latin, others };
}

type Span = readonly [start: number, end: number];

/**
 * A phrase as the scanner reads it: UTF-16 code units to compare, a run of whitespace as one WHITESPACE element that
 * matches one or more whitespace characters (the pattern's `\s+`).
 */
interface ScanPhrase {
  readonly units: Int32Array;
  /** Latin phrases match whole words only: no letter or digit right before or after. */
  readonly wholeWord: boolean;
}
const WHITESPACE = -1;
/**
 * The pattern's `\s` for one code unit, without a regular expression: ECMAScript's WhiteSpace (tab, vertical tab, form
 * feed, U+FEFF and the Unicode space separators, Zs) and LineTerminator characters, all of them in the BMP.
 */
const isSpace = (unit: number) =>
  unit < 0x80
    ? unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)
    : unit === 0xa0 ||
      unit === 0x1680 ||
      (unit >= 0x2000 && unit <= 0x200a) ||
      unit === 0x2028 ||
      unit === 0x2029 ||
      unit === 0x202f ||
      unit === 0x205f ||
      unit === 0x3000 ||
      unit === 0xfeff;

function scanPhrase(phrase: string, wholeWord: boolean): ScanPhrase {
  const units: number[] = [];
  for (let i = 0; i < phrase.length; i++) {
    const unit = phrase.charCodeAt(i);
    if (!isSpace(unit)) units.push(unit);
    else if (units.at(-1) !== WHITESPACE) units.push(WHITESPACE);
  }
  return { units: Int32Array.from(units), wholeWord };
}

/** Whether the code point ending just before `at` is a letter or digit (the pattern's lookbehind). */
function wordBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const start =
    low >= 0xdc00 && low <= 0xdfff && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2)) ? at - 2 : at - 1;
  return WORDISH.test(String.fromCodePoint(text.codePointAt(start) as number));
}
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
/** Whether the code point starting at `at` is a letter or digit (the pattern's lookahead). */
const wordAt = (text: string, at: number) =>
  at < text.length && WORDISH.test(String.fromCodePoint(text.codePointAt(at) as number));

/** Where the phrase ends if it occurs at `start` (whole words for a Latin one), or -1. */
function matchAt(text: string, start: number, phrase: ScanPhrase): number {
  const { units } = phrase;
  let at = start;
  for (let k = 0; k < units.length; k++) {
    const unit = units[k] as number;
    if (unit === WHITESPACE) {
      if (at >= text.length || !isSpace(text.charCodeAt(at))) return -1;
      // Greedy and never given back: the phrase's next unit is not whitespace (runs are whole), nor does it end in any.
      do at++;
      while (at < text.length && isSpace(text.charCodeAt(at)));
    } else if (text.charCodeAt(at) === unit) at++;
    else return -1;
  }
  return phrase.wholeWord && wordAt(text, at) ? -1 : at;
}

/**
 * A phrase list read by scanning instead of one regular expression: V8 spends tens of milliseconds compiling an
 * alternation of thousands of Unicode phrases on first use, which a cold start's first message paid. The matches are
 * the pattern's (phrasePattern): leftmost, and at one position the first phrase in its order that occurs there.
 */
export interface PhraseScanner {
  /** The next match at or after `from`, or null. */
  next(text: string, from: number): Span | null;
}

/** The scanner of a phrase list: the same matches as phrasePattern(phrases, "gu"). */
export function phraseScanner(phrases: readonly string[]): PhraseScanner {
  const { latin, others } = orderedPhrases(phrases);
  // By first code unit, in the pattern's order: Latin phrases first, each group longest first.
  const byFirst = new Map<number, ScanPhrase[]>();
  for (const phrase of [
    ...latin.map((p) => scanPhrase(p, true)),
    ...others.map((p) => scanPhrase(p, false)),
  ]) {
    const first = phrase.units[0] as number;
    const list = byFirst.get(first);
    if (list) list.push(phrase);
    else byFirst.set(first, [phrase]);
  }
  return {
    next(text, from) {
      for (let start = from; start < text.length; start++) {
        const candidates = byFirst.get(text.charCodeAt(start));
        if (!candidates) continue;
        let before: boolean | undefined;
        for (const phrase of candidates) {
          if (phrase.wholeWord) {
            before ??= wordBefore(text, start);
            if (before) continue;
          }
          const end = matchAt(text, start, phrase);
          if (end >= 0) return [start, end];
        }
      }
      return null;
    },
  };
}

/** A scanner built on first use, so a cold start that reads no message builds none. */
function lazyScanner(phrases: () => readonly string[]): PhraseScanner {
  let scanner: PhraseScanner | undefined;
  return {
    next: (text, from) => {
      scanner ??= phraseScanner(phrases());
      return scanner.next(text, from);
    },
  };
}

/** A matcher for one kind of phrase in every language: shoppers mix languages. */
function phraseMatcher(pick: (phrases: Phrases) => readonly string[]): (text: string) => boolean {
  const scanner = lazyScanner(() => LANGUAGE_CODES.flatMap((l) => pick(phrasebook()[l])));
  return (text) => scanner.next(text, 0) !== null;
}

/** Where the phrases occur in a text. */
function phraseSpans(phrases: () => readonly string[]): (text: string) => Span[] {
  const scanner = lazyScanner(phrases);
  return (text) => {
    const spans: Span[] = [];
    for (let span = scanner.next(text, 0); span; span = scanner.next(text, span[1])) spans.push(span);
    return spans;
  };
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
    const pick = (f: (p: Phrases) => readonly string[]) => () => [
      ...f(phrasebook()[l]),
      ...f(phrasebook().en),
    ];
    return [phraseSpans(pick(before)), phraseSpans(pick(after))] as const;
  });
  // One scan for the first kind in any language spares the 24 per-language scans on most messages, which hold none.
  const anyFirst = phraseMatcher(before);
  return (text) =>
    anyFirst(text) &&
    perLanguage.some(([first, second]) => {
      const spans = first(text);
      return spans.length > 0 && followedBy(text, spans, second(text), near);
    });
}

const frustrationWords = phraseMatcher((p) => p.frustration);
const repeatWords = phraseMatcher((p) => p.repeat);
const pressureWords = phraseSpans(() => LANGUAGE_CODES.flatMap((l) => phrasebook()[l].pressure));
const longWaitWords = phraseMatcher((p) => p.longWait);
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
const roleSpans = phraseSpans(() => LANGUAGE_CODES.flatMap((l) => phrasebook()[l].personNouns));
const notPerson = phraseMatcher((p) => p.notPerson);
const legalWords = phraseMatcher((p) => p.legal);
const legalSpans = phraseSpans(() => LANGUAGE_CODES.flatMap((l) => phrasebook()[l].legal));
const SENSITIVE: readonly [SensitiveSignal, (text: string) => boolean][] = [
  ["sensitive_health_safety", phraseMatcher((p) => p.healthSafety)],
  ["sensitive_legal", legalWords],
  ["sensitive_fraud", phraseMatcher((p) => p.fraud)],
  ["sensitive_privacy", phraseMatcher((p) => p.privacy)],
];

const ANGRY_EMOJI = /[😡🤬💢👿😤😠🖕😒🙄🤦]/u;
const EXCLAMATIONS = /[!！]{2,}/u;
const LOUD = /[!！]{3,}/u;
const IMPATIENT_MARKS = /[?？][!！]|[!！][?？]|[?？]{2,}/u;
const IMPATIENT_RUNS = /(?:[?？][!！]|[!！][?？]|[?？]{2,})[?？!！]*/gu;
const CLAPPING = /👏/u;

/** Sentences of a message, each with the punctuation that ends it. */
const sentencesOf = (text: string) => text.match(/[^.!?。！？\n]+[.!?。！？\n]*/gu) ?? [];

/**
 * Whether the message asks if the shopper talks to a bot ("bot or real person?", "ni bot ke orang?", "你是机器人吗"):
 * a question about the store, not a request for a person.
 */
export function asksIfBot(text: string): boolean {
  return botQuestion(foldForMatching(text));
}

let roles:
  | {
      nouns: ReadonlySet<string>;
      /** Latin roles of five letters or more, which a typo still names. */
      typoable: readonly string[];
      vocatives: ReadonlySet<string>;
      particles: WordSets;
    }
  | undefined;
const rolesOf = () =>
  (roles ??= (() => {
    const normal = (pick: (p: Phrases) => readonly string[]) =>
      LANGUAGE_CODES.flatMap((l) => pick(phrasebook()[l]).map(foldForMatching));
    const nouns = new Set(normal((p) => p.personNouns));
    return {
      nouns,
      typoable: [...nouns].filter((n) => isLatin(n) && n.length >= 5),
      vocatives: new Set(normal((p) => p.vocatives)),
      particles: wordSets(normal((p) => p.particles)),
    };
  })());

/**
 * A sentence that is a role and nothing else, particles aside ("agent", "cs pls", "staff la weh", "상담원요"), asks for
 * one, unless the role is how shoppers address the seller ("사장님~", "老板"): that alone is a ping.
 */
function onlyARole(sentence: string): boolean {
  const said = sentence.replace(/[\p{P}\p{S}\s]+/gu, " ").trim();
  if (!said || said.length > 40) return false;
  const { nouns, typoable, vocatives, particles } = rolesOf();
  const bare = withoutWords(said, particles);
  if (vocatives.has(said) || vocatives.has(bare)) return false;
  if (nouns.has(said) || nouns.has(bare)) return true;
  // A typo in a Latin role still names it ("agnet", "custmer service", "supervsor"); a five-letter role only by a
  // changed or swapped letter, so "orange" is not "orang" with one added.
  return (
    isLatin(bare) &&
    bare.length >= 5 &&
    bare.length <= 30 &&
    typoable.some((n) => (n.length >= 6 || n.length === bare.length) && oneEditApart(bare, n))
  );
}

/** Whether two words differ by at most one letter added, dropped, changed, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1);
  if (a.length === b.length)
    return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A legal threat beside a role outside its own words ("Cục Bảo vệ người tiêu dùng" names no one to talk to). */
function threatensForARole(sentence: string): boolean {
  if (!legalWords(sentence) || notPerson(sentence)) return false;
  const legal = legalSpans(sentence);
  return roleSpans(sentence).some(([start, end]) => legal.every(([s, e]) => end <= s || start >= e));
}

/**
 * Whether a message asks for a person, leaving out sentences that ask whether this is a bot or refuse a call. A legal
 * threat that names a role ("if no manager calls me I'll report you to DTI", "責任者が対応しないなら消費者センターに")
 * demands that person, the threat being the "or else".
 */
function asksForPerson(lower: string): boolean {
  const sentences = sentencesOf(lower);
  if (sentences.some(onlyARole)) return true;
  if (sentences.some(threatensForARole)) return true;
  const asked = sentences.filter((sentence) => !botQuestion(sentence) && !notPerson(sentence)).join(" ");
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
 * shouted sentence count 2; a shouted phrase, "!!", "??" or "?!" (twice over, 2), each word of pressure
 * ("immediately", "马上", 👏 with a slow reply) and weeks of waiting beside 👏 or such punctuation count 1, so a
 * single one ("thank you!!", "can ship now?") is not anger but two together are.
 */
export function frustrationScore(text: string): number {
  // Cantonese asks "is anyone…?" as 有冇人…, which holds 冇人… ("no one…"); read it as the question it is.
  const lower = foldForMatching(text).replace(/有冇(?=人)/gu, "有沒有");
  let score = 0;
  if (frustrationWords(lower)) score += 2;
  if (repeatWords(lower)) score += 2;
  if (ANGRY_EMOJI.test(text)) score += 2;
  score += shouting(text.normalize("NFKC"));
  if (EXCLAMATIONS.test(text)) score += 1;
  // Asking impatiently twice in one message ("???? 답장 언제 해요????") is insistence, not one eager question.
  score += Math.min(2, text.match(IMPATIENT_RUNS)?.length ?? 0);
  score += Math.min(2, new Set(pressureWords(lower).map(([a, b]) => lower.slice(a, b))).size);
  // Weeks of waiting beside clapping or insistent punctuation is sarcasm or anger; beside "so slow" it is one sign.
  if (longWaitWords(lower) && (CLAPPING.test(text) || EXCLAMATIONS.test(text) || IMPATIENT_MARKS.test(text)))
    score += 1;
  return score;
}

/**
 * The signals in a shopper's message, in the order the policy weighs them: a person, sensitive matters, frustration.
 * The classifier's topic, when given, tells one thing the words cannot: "!!!" about a late parcel or a refund is anger
 * ("15 दिन हो गए, पार्सल अभी तक नहीं आया!!!"), where "thank you!!!" is joy.
 */
export function detectSignals(text: string, topic?: Intent): Signal[] {
  const lower = foldForMatching(text);
  const found: Signal[] = [];
  if (asksForPerson(lower)) found.push("person");
  for (const [signal, matches] of SENSITIVE) if (matches(lower)) found.push(signal);
  const loudProblem =
    topic !== undefined && (ORDER_INTENTS.has(topic) || topic === "complaint") && LOUD.test(text);
  if (frustrationScore(text) + (loudProblem ? 1 : 0) >= 2) found.push("frustration");
  return found;
}
