/**
 * Signals that win over the topic (R2, R6): a request for a person, frustration and sensitive matters, read from the
 * message on their own, whatever the classifier makes of its topic. The policy gives them precedence.
 */
import { foldForMatching, withoutWords, type WordSets, wordSets } from "./extract";
import { type Intent, ORDER_INTENTS } from "./intent";
import { LANGUAGE_CODES } from "./languages";
import { type Phrases, phrasebook } from "./phrasebook";
import { builtPhraseIndex } from "./built-phrase-index";
import {
  decodePhraseIndex,
  isLatin,
  type PhraseIndex,
  type PhraseMatches,
  phraseIndex,
  type Span,
} from "./phrase-index";

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

/** The kinds of phrase signals reads, each a list per language in one index (phrase-index.ts). */
export const SIGNAL_PHRASE_KINDS = [
  "frustration",
  "repeat",
  "pressure",
  "longWait",
  "person",
  "personAsks",
  "personNouns",
  "personAsksAfter",
  "botWords",
  "botRefusals",
  "botQuestion",
  "notPerson",
  "legal",
  "healthSafety",
  "fraud",
  "privacy",
  "praise",
  "damage",
] as const satisfies readonly (keyof Phrases)[];
type Kind = (typeof SIGNAL_PHRASE_KINDS)[number];
const kindIndex = (kind: Kind) => SIGNAL_PHRASE_KINDS.indexOf(kind);

/** Every kind's phrases, by language in LANGUAGE_CODES' order: what the index holds (scripts/build.ts writes it). */
export const signalPhraseLists = () =>
  SIGNAL_PHRASE_KINDS.map((kind) => LANGUAGE_CODES.map((l) => phrasebook()[l][kind]));

/** Read from the bundle's data file, or built on first use: a cold start that reads no message does neither. */
let index: PhraseIndex | undefined;
const indexOf = () => {
  if (!index) {
    const built = builtPhraseIndex();
    index = phraseIndex(built ? decodePhraseIndex(built) : signalPhraseLists());
  }
  return index;
};

// One message is read as a whole, by sentence and without the sentences that ask about the bot: a few texts, each
// asked about by every matcher, so the last few scans are kept.
const recent = new Map<string, PhraseMatches>();
function matchesIn(text: string): PhraseMatches {
  let matches = recent.get(text);
  if (!matches) {
    if (recent.size >= 16) recent.clear();
    matches = indexOf().scan(text);
    recent.set(text, matches);
  }
  return matches;
}

/** A matcher for one kind of phrase in every language: shoppers mix languages. */
function phraseMatcher(kind: Kind): (text: string) => boolean {
  const k = kindIndex(kind);
  return (text) => matchesIn(text).has(k);
}

/** Where a kind's phrases, in every language, occur in a text. */
function phraseSpans(kind: Kind): (text: string) => Span[] {
  const k = kindIndex(kind);
  return (text) => matchesIn(text).spans(k);
}

/** At most this many characters between two phrases read together ("talk to your manager", "担当の方と話"). */
const NEAR = 14;
/** The marks that end a sentence, the Devanagari danda (।, ॥) among them, as a character class's contents. */
const SENTENCE_MARKS = ".!?。！？।॥\\n";
/** A sentence's end: two phrases on either side of one are not read together. */
const SENTENCE_END = new RegExp(`[${SENTENCE_MARKS}]`, "u");

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
function pairMatcher(before: Kind, after: Kind, near: number): (text: string) => boolean {
  const [first, second] = [kindIndex(before), kindIndex(after)];
  const english = 1 << LANGUAGE_CODES.indexOf("en");
  const others = LANGUAGE_CODES.map((_, i) => 1 << i).filter((bit) => bit !== english);
  const pairIn = (matches: PhraseMatches, text: string, languages: number) => {
    const spans = matches.spans(first, languages);
    return spans.length > 0 && followedBy(text, spans, matches.spans(second, languages), near);
  };
  return (text) => {
    const matches = matchesIn(text);
    // Most messages hold no phrase of the first kind in any language: one look spares the per-language reading.
    if (!matches.has(first)) return false;
    // A language none of whose own phrases occur reads as English alone: that is read once, the others each.
    return (
      pairIn(matches, text, english) ||
      others.some(
        (bit) =>
          (matches.has(first, bit) || matches.has(second, bit)) && pairIn(matches, text, bit | english),
      )
    );
  };
}

const frustrationWords = phraseMatcher("frustration");
const repeatWords = phraseMatcher("repeat");
const pressureWords = phraseSpans("pressure");
const longWaitWords = phraseMatcher("longWait");
const praiseWords = phraseMatcher("praise");
const damageWords = phraseMatcher("damage");
const personWords = phraseMatcher("person");
// "talk to … a manager", "sambungkan ke … admin", "转 … 人工"; and "担当の方 … と話", "상담원 … 연결", "manager … से बात".
const askThenPerson = pairMatcher("personAsks", "personNouns", NEAR);
const personThenAsk = pairMatcher("personNouns", "personAsksAfter", NEAR);
// "not the bot", "stop bot ni", "봇 말고", "自動返信やめて": turning the bot away is asking for a person.
const refusalThenBot = pairMatcher("botRefusals", "botWords", 8);
const botThenRefusal = pairMatcher("botWords", "botRefusals", 8);
const botQuestion = phraseMatcher("botQuestion");
const roleSpans = phraseSpans("personNouns");
const notPerson = phraseMatcher("notPerson");
const legalWords = phraseMatcher("legal");
const legalSpans = phraseSpans("legal");
const SENSITIVE: readonly [SensitiveSignal, (text: string) => boolean][] = [
  ["sensitive_health_safety", phraseMatcher("healthSafety")],
  ["sensitive_legal", legalWords],
  ["sensitive_fraud", phraseMatcher("fraud")],
  ["sensitive_privacy", phraseMatcher("privacy")],
];

const ANGRY_EMOJI = /[😡🤬💢👿😤😠🖕😒🙄🤦]/u;
const EXCLAMATIONS = /[!！]{2,}/u;
/** Three marks or more in a row, "!!!" or "???": about an order problem, anger rather than one eager question. */
const LOUD = /[!！]{3,}|[?？]{3,}/u;
const IMPATIENT_MARKS = /[?？][!！]|[!！][?？]|[?？]{2,}/u;
const IMPATIENT_RUNS = /(?:[?？][!！]|[!！][?？]|[?？]{2,})[?？!！]*/gu;
const CLAPPING = /👏/u;
/** Words for days and for weeks: Latin-script ones end where the word does, the others anywhere. */
const DAY_WORDS = { latin: "days?|din|hari|araw|ngày", other: "दिन|วัน|天" };
const WEEK_WORDS = {
  latin: "weeks?|minggu|linggo|tuần|hafte|hafta",
  other: "हफ्ते|हफ़्ते|สัปดาห์|อาทิตย์|周|週|个星期|個星期|주",
};
const unitOf = (...words: readonly { latin: string; other: string }[]) =>
  `(?:(?:${words.map((w) => w.latin).join("|")})(?![\\p{L}\\p{M}])|${words.map((w) => w.other).join("|")})`;
/**
 * A wait counted in ten days or more, or two weeks or more ("sirf 20 din lage", "20天", "paid 2 weeks ago", "2주"):
 * anger beside sarcastic clapping or an impatient "?!" only, since "thank you!! arrived in 10 days" is joy. Days of the
 * month are left out: 日 and 일 also name a date ("20日に注文", "20일에 주문").
 */
const LONG_WAIT_IN_DAYS = new RegExp(
  `(?<!\\d)(?:[1-9]\\d\\s*${unitOf(DAY_WORDS)}|[2-9]\\s*${unitOf(WEEK_WORDS)})`,
  "u",
);
/** The upside-down face, ironic; beside a counted wait ("'ships in 24 hours' 🙃 it's been 6 days") it is sarcasm. */
const IRONIC_FACE = /🙃/u;
/**
 * A wait counted in days or weeks, two or more ("6 days", "3 hari", "三个礼拜"), in digits or in Chinese numerals; 日 and
 * 일 are left out as dates.
 */
const WAIT_COUNTED = new RegExp(
  `(?<![一-鿿])[两兩二三四五六七八九十]+\\s*(?:天|个星期|個星期|个礼拜|個禮拜|礼拜|禮拜|周|週)|(?<!\\d)(?:[2-9]|[1-9]\\d)\\s*${unitOf(DAY_WORDS, WEEK_WORDS)}`,
  "u",
);
/** A wait told as the day it has reached ("第6天", "5일째", "5日経って", "วันที่ 5", "ngày thứ 5", "day 6"). */
const DAY_REACHED =
  /第\s*[\d一二三四五六七八九十]+\s*[天日]|\d+\s*일째|\d+\s*日(?:目|経)|วันที่\s*\d+|ngày thứ\s*\d+|(?<![\p{L}\p{M}])day\s*\d+/u;
/**
 * Words in quotation marks ("'ships within 24 hours'", "「24時間以内発送」", "'당일발송'이라면서요"): beside a counted wait, the
 * store's promise quoted back. An apostrophe inside a Latin word ("it's") opens or closes nothing.
 */
const QUOTED =
  /(?<![\p{Script=Latin}\p{N}])['‘"“「『][^'‘’"“”「」『』\n]{2,40}['’"”」』](?![\p{Script=Latin}])/u;
/** Laughing at a wait ("😂", "笑", "ㅋㅋ", "555", "lol", "wkwk"): beside a counted wait, derision. */
const LAUGHING = /😂|🤣|😅|笑|ㅋㅋ|(?<!\d)555|(?<![\p{L}\p{M}])(?:lol|haha|wkwk|hehe)/iu;
/** A wink of sarcasm beside praise of a damaged item ("nice 👍 arrived broken", "素晴らしいお店ですね🙃 違う色"). */
const SARCASM_MARKS = /🙃|👍|😂|🤣|👏|🙂/u;
/**
 * A word of persistence written in capitals inside a lower-case message ("I STILL don't have it", "MASIH belum
 * sampai", "wala PA RIN"): stress on how long this has gone on, where a capitalised acronym (COD, DHL) is not.
 */
const EMPHASISED_PERSISTENCE =
  /(?<![\p{L}\p{M}])(?:STILL|AGAIN|NEVER|NOTHING|NOBODY|ALREADY|YET|EVER|MASIH|BELUM|LAGI|SUDAH|UDAH|PARIN|NAMAN|RIN|VẪN|CHƯA|LẠI|ABHI|PHIR|KABHI|NAHI)(?![\p{L}\p{M}])/u;
const LOWER_CASE_WORD = /\p{Ll}{3,}/u;

const SENTENCE = new RegExp(`[^${SENTENCE_MARKS}]+[${SENTENCE_MARKS}]*`, "gu");
/** Sentences of a message, each with the punctuation that ends it. */
const sentencesOf = (text: string) => text.match(SENTENCE) ?? [];
/** A space between Thai words: Thai marks a clause's end with one, not with a comma. */
const THAI_GAP = /(?<=\p{Script=Thai})\s+(?=\p{Script=Thai})/u;
/** Clauses of a sentence, each with the comma that ends it (or, in Thai, the space). */
const clausesOf = (sentence: string) =>
  sentence.split(THAI_GAP).flatMap((part) => part.match(/[^,，、;；]+[,，、;；]*/gu) ?? []);

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
 * Whether a message asks for a person, leaving out sentences that ask whether this is a bot and clauses that refuse a
 * call or report one already had ("courier ne call kiya tha, manager se baat karao" still asks). A legal
 * threat that names a role ("if no manager calls me I'll report you to DTI", "責任者が対応しないなら消費者センターに")
 * demands that person, the threat being the "or else".
 */
function asksForPerson(lower: string): boolean {
  const sentences = sentencesOf(lower);
  if (sentences.some(onlyARole)) return true;
  if (sentences.some(threatensForARole)) return true;
  const asked = sentences
    .filter((sentence) => !botQuestion(sentence))
    .flatMap(clausesOf)
    .filter((clause) => !notPerson(clause))
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
 * shouted sentence count 2; a shouted phrase or a stressed "STILL", "!!", "??" or "?!" (twice over, 2), each word of pressure
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
  const shouted = shouting(text.normalize("NFKC"));
  const emphasised = shouted === 0 && EMPHASISED_PERSISTENCE.test(text) && LOWER_CASE_WORD.test(text);
  score += shouted + (emphasised ? 1 : 0);
  if (EXCLAMATIONS.test(text)) score += 1;
  // Asking impatiently twice in one message ("???? 답장 언제 해요????") is insistence, not one eager question.
  score += Math.min(2, text.match(IMPATIENT_RUNS)?.length ?? 0);
  score += Math.min(2, new Set(pressureWords(lower).map(([a, b]) => lower.slice(a, b))).size);
  // Weeks of waiting beside clapping, insistent punctuation or a stressed "STILL" is sarcasm or anger; beside
  // "so slow" it is one sign.
  const sarcasticOrImpatient = CLAPPING.test(text) || IMPATIENT_MARKS.test(text) || emphasised;
  const insists = sarcasticOrImpatient || EXCLAMATIONS.test(text);
  if ((longWaitWords(lower) && insists) || (sarcasticOrImpatient && LONG_WAIT_IN_DAYS.test(lower)))
    score += 1;
  // A promise or a status quoted back, a wait of days or weeks, laughter or the upside-down face: any two of them
  // together are sarcasm ("'sedang dikemas' terus 😂", "'ship today po' daw 🙃", "'당일발송'이라면서요? 5일째").
  const ironic = IRONIC_FACE.test(text);
  const dayReached = DAY_REACHED.test(lower);
  const counted = WAIT_COUNTED.test(lower) || dayReached;
  const waited = counted || longWaitWords(lower);
  const quoted = QUOTED.test(text);
  // Read in the text as typed: folding turns the Korean ㅋ into another letter.
  const laughing = LAUGHING.test(text);
  if (ironic && WAIT_COUNTED.test(lower)) score += 1;
  // The day the wait has reached beside a quoted promise ("'당일 발송'이라면서요? 지금 8일째") is the promise thrown back.
  if (waited && quoted) score += dayReached ? 2 : 1;
  if (waited && laughing) score += 1;
  if (quoted && (laughing || ironic)) score += 1;
  // Praise with a wink about a broken or wrong item ("thanks 👍 arrived cracked") is not praise; with a wink beside a
  // wait or a quoted reply ("cepet banget 👍" after four days), or beside the upside-down face, it is one sign.
  if (praiseWords(lower)) {
    const winks = SARCASM_MARKS.test(text);
    if (winks && damageWords(lower)) score += 2;
    else if (ironic || ((waited || quoted) && winks)) score += 1;
  }
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
