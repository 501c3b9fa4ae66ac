/**
 * Dialogue state: when the AI asked something (which order, the checkout email or phone, a yes or no), the next
 * message is first read as the answer to it; and a message that is mainly details (an order number, an email, a
 * phone, a name, with a particle or two) is never a topic of its own. Pure; words come from the catalogues.
 */
import type { Awaiting, Memory } from "./conversation";
import {
  type Entities,
  fillers,
  isLatinWord as isLatin,
  loneNumber,
  normaliseWords as normalise,
  withoutDetails,
  wordWeight,
} from "./extract";

export { wordWeight };
import { type Intent, isSensitive, ORDER_INTENTS } from "./intent";
import { LANGUAGE_CODES, LANGUAGES } from "./languages";
import type { Classification } from "./ports";
import { asksIfBot, isSensitiveSignal, type Signal } from "./signals";

export interface DialogueReading {
  /** The question of ours this message answers, if it answers one. */
  readonly answers: Awaiting | null;
  /** The answer to a yes-or-no question. */
  readonly yesNo: "yes" | "no" | null;
  /** Details with little else around them: an answer, never a topic of its own. */
  readonly mainlyDetails: boolean;
  /** No words at all: question marks alone are a ping ("??"), a thumbs-up or folded hands a thanks ("👍"). */
  readonly wordless?: "greeting" | "thanks";
  /** The message asks whether it is a bot ("bot or real person?"): a question about the store. */
  readonly asksIfBot?: boolean;
}

export const NO_READING: DialogueReading = { answers: null, yesNo: null, mainlyDetails: false };

const hasDetails = (e: Entities) =>
  e.orderNames.length + e.emails.length + e.phones.length + (e.names?.length ?? 0) > 0;

/** At most this much besides the details, and the message is the details. */
const MAINLY_DETAILS_WEIGHT = 1;

/** The message is details and little else ("my email is linh@example.vn", "#1001です"). */
export function isMainlyDetails(text: string, entities: Entities): boolean {
  return hasDetails(entities) && wordWeight(withoutDetails(text)) <= MAINLY_DETAILS_WEIGHT;
}

type Answer = "yes" | "no";
/**
 * Every word a yes-or-no reply is made of: the answers, then what may stand beside them without changing them (the
 * action said again, a particle, a filler). Longest first; at one length an answer goes before a filler ("no").
 */
let answerWords: readonly (readonly [string, Answer | null])[] | undefined;
const answerWordsOf = () =>
  (answerWords ??= [
    ...LANGUAGE_CODES.flatMap((l) => [
      ...LANGUAGES[l].yesNo.yes.map((p) => [normalise(p), "yes"] as const),
      ...LANGUAGES[l].yesNo.no.map((p) => [normalise(p), "no"] as const),
    ]),
    ...LANGUAGE_CODES.flatMap((l) => LANGUAGES[l].yesNo.echo.map((p) => [normalise(p), null] as const)),
    ...fillers().map((f) => [f, null] as const),
  ]
    .filter(([phrase]) => phrase.length > 0)
    .sort((a, b) => b[0].length - a[0].length));

/** Every language's particles and fillers that may stand beside an answer ("ค่ะ", "please", "요"). */
let particles: ReadonlySet<string> | undefined;
const particlesOf = () =>
  (particles ??= new Set(LANGUAGE_CODES.flatMap((l) => LANGUAGES[l].yesNo.echo.map((p) => normalise(p)))));

/** A Latin word ends where no Latin letter or digit follows: "nothing" is not "no" and "thing". */
const endsWord = (phrase: string, rest: string) =>
  !isLatin(phrase) || !/^[\p{Script=Latin}\p{N}]/u.test(rest);

/**
 * "no thanks", "không ạ", "아니요", "大丈夫です", "ok go ahead", "不要取消", "ㄴㄴ 취소하지 마세요": a yes or a no, when the
 * whole reply is answers, the action asked about said again and particles. The last answer wins ("ok, don't cancel").
 */
export function readYesNo(text: string): Answer | null {
  let said = normalise(text);
  let answer: Answer | null = null;
  while (said) {
    const rest = said;
    const word = answerWordsOf().find(
      ([phrase]) => rest.startsWith(phrase) && endsWord(phrase, rest.slice(phrase.length)),
    );
    if (!word) return null;
    // A particle that alone answers yes ("ค่ะ", "please") does not overturn an answer before it ("ไม่ยกเลิกค่ะ").
    if (!(answer && particlesOf().has(word[0]))) answer = word[1] ?? answer;
    said = said.slice(word[0].length).trimStart();
  }
  return answer;
}

/** Reads a message against what the AI last asked. */
export function readMessage(text: string, entities: Entities, memory: Memory): DialogueReading {
  const mainlyDetails = isMainlyDetails(text, entities);
  const contact = entities.emails.length + entities.phones.length > 0;
  const order = entities.orderNames.length > 0;
  let answers: Awaiting | null = null;
  if (memory.awaiting === "order_number" && (order || contact) && (mainlyDetails || saysLittleElse(text)))
    answers = "order_number";
  if (memory.awaiting === "checkout_contact" && (contact || order) && (mainlyDetails || saysLittleElse(text)))
    answers = "checkout_contact";
  const yesNo = memory.awaiting === "confirmation" ? readYesNo(text) : null;
  const wordless = wordlessTopic(text);
  return {
    answers,
    yesNo,
    mainlyDetails,
    ...(wordless ? { wordless } : {}),
    ...(asksIfBot(text) ? { asksIfBot: true } : {}),
  };
}

/** "??", "？", "👍", "🙏": a message without a letter or digit that still says something. */
function wordlessTopic(text: string): "greeting" | "thanks" | undefined {
  // Variation selectors and skin tones change how an emoji looks, not what it says.
  const said = text.replace(/\s|\u{FE0F}|[\u{1F3FB}-\u{1F3FF}]/gu, "");
  if (!said || /[\p{L}\p{N}]/u.test(said)) return undefined;
  if (/^[?？]+$/u.test(said)) return "greeting";
  if (/^(?:👍|🙏|👌|🫡|🥰|😊|❤|♥)+$/u.test(said)) return "thanks";
  return undefined;
}

/**
 * Words an answer to "which order?" or to the checkout contact question may carry beside the number and still be the
 * answer ("the one from last week, 63077", "yg kemarin kak 63077", "try this one 9123 4567"): more is a message of
 * its own that names an order or a contact.
 */
const ANSWER_WEIGHT = 5;
const saysLittleElse = (text: string) => wordWeight(withoutDetails(text)) <= ANSWER_WEIGHT;

/**
 * The order number in a reply to "which order?" that gives it with a few words around it and no "#" or order word
 * ("the one from last week, 63077"): only our question makes that number an order number, so it is read once the
 * conversation's memory is known. Null when the reply names an order, an email or a phone already, or says more.
 */
export function orderNumberAskedFor(text: string, entities: Entities, memory: Memory): string | null {
  if (memory.awaiting !== "order_number" || hasDetails(entities)) return null;
  const number = loneNumber(text);
  return number && saysLittleElse(text) ? `#${number}` : null;
}

/** The pending order a checkout email or phone is the answer for: that order, with the contact, unlocks it. */
export function pendingOrderAnswered(reading: DialogueReading, entities: Entities, memory: Memory) {
  const contact = entities.emails.length + entities.phones.length > 0;
  return reading.answers === "checkout_contact" && contact && entities.orderNames.length === 0
    ? (memory.pendingOrder ?? null)
    : null;
}

/** Topics the classifier gives a message it reads no clear request in: a question whether it is a bot is store_info. */
const VAGUE_TOPICS: ReadonlySet<Intent> = new Set<Intent>([
  "human_request",
  "complaint",
  "greeting",
  "unknown",
]);
/** Topics that stay what they are in an angry message: a person or a sensitive matter already goes to a person. */
const keptWhenAngry = (intent: Intent) => intent === "human_request" || isSensitive(intent);

const orderIntentOr = (intent: Intent | undefined, fallback: Intent): Intent =>
  intent && ORDER_INTENTS.has(intent) ? intent : fallback;

/**
 * The topic of a message: signals that name one first (a person, a sensitive matter), then the answer to our
 * question (the topic continues), then details alone (never a topic of their own, beyond an order question), then
 * the classifier's reading. An angry message that asks about no order is a complaint; one about an order keeps its
 * topic, and the policy hands it to a person for the frustration.
 */
export function topicOf(input: {
  readonly classified: Classification;
  readonly reading: DialogueReading;
  readonly memory: Memory;
  readonly signals: readonly Signal[];
}): { intent: Intent; confidence: number } {
  const { classified, reading, memory, signals } = input;
  // The classifier's reading of a request for a person counts in a message of its own: not in an answer to our
  // question ("no hp saya 0812…" reads like "call me"), nor in a question whether it is a bot.
  const answering = reading.answers !== null || reading.yesNo !== null || reading.mainlyDetails;
  if (signals.includes("person") || (classified.asksForPerson && !answering && !reading.asksIfBot))
    return { intent: "human_request", confidence: 1 };
  const sensitive = signals.find(isSensitiveSignal);
  if (sensitive) return { intent: sensitive, confidence: 1 };
  let topic = classified;
  // "Is this a bot?" asks about the store; with no request for a person (signals above), it is not one.
  if (reading.asksIfBot && VAGUE_TOPICS.has(classified.intent))
    topic = { intent: "store_info", confidence: 1 };
  if (reading.wordless && classified.intent === "unknown")
    topic = { intent: reading.wordless, confidence: 1 };
  if (reading.answers) topic = { intent: orderIntentOr(memory.pendingIntent, "order_status"), confidence: 1 };
  else if (reading.yesNo) topic = { intent: reading.yesNo === "no" ? "thanks" : "greeting", confidence: 1 };
  else if (reading.mainlyDetails && !ORDER_INTENTS.has(classified.intent))
    topic = { intent: orderIntentOr(memory.lastIntent, "order_status"), confidence: 1 };
  if (signals.includes("frustration")) {
    // An angry "where is my order?" complains that it is late; an answer to our question keeps the topic it continues.
    if (topic === classified && topic.intent === "order_status")
      return { intent: "delivery_delay", confidence: topic.confidence };
    if (!ORDER_INTENTS.has(topic.intent) && !keptWhenAngry(topic.intent))
      return { intent: "complaint", confidence: 1 };
  }
  return topic;
}
