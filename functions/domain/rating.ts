/**
 * Shoppers rate the help they got (R10): one question, in their language, after a person resolved their case or at
 * the end of an AI conversation, never more than once per conversation, and only on channels whose rules allow it.
 * The shopper's next message is read as the answer when it is a score (1–5, in any digits, or stars) or a plain
 * good or bad; anything else is an ordinary message and the question lapses.
 */
import type { Conversation, Message, RatedBy } from "./conversation";
import type { Language } from "./languages";
import { localeFor } from "./languages";
import type { ChannelSender, Clock, ConversationStore, LocaleText } from "./ports";

/** Scores a shopper may send: the digit 1–5 in the scripts our languages use, alone or with a few words around it. */
const DIGITS: readonly (readonly string[])[] = [
  ["1", "１", "๑", "१", "一"],
  ["2", "２", "๒", "२", "二"],
  ["3", "３", "๓", "३", "三"],
  ["4", "４", "๔", "४", "四"],
  ["5", "５", "๕", "५", "五"],
];

/**
 * The short answers that mean "it helped" (5) or "it did not" (1), per language; matched as the whole message.
 * Shoppers answer in their own language or in English, so English is always accepted too.
 */
const ANSWERS: Readonly<
  Record<Language, { readonly good: readonly string[]; readonly bad: readonly string[] }>
> = {
  en: {
    good: ["good", "great", "helpful", "excellent", "yes"],
    bad: ["bad", "poor", "not helpful", "terrible", "no"],
  },
  id: {
    good: ["bagus", "baik", "membantu", "mantap", "ya"],
    bad: ["buruk", "jelek", "tidak membantu", "kurang"],
  },
  ms: { good: ["bagus", "baik", "membantu", "ya"], bad: ["teruk", "buruk", "tidak membantu", "kurang"] },
  th: { good: ["ดี", "ดีมาก", "ช่วยได้", "ใช่"], bad: ["ไม่ดี", "แย่", "ไม่ช่วย"] },
  vi: { good: ["tốt", "rất tốt", "hữu ích", "có"], bad: ["tệ", "không tốt", "không hữu ích"] },
  fil: {
    good: ["maganda", "mabuti", "nakatulong", "oo"],
    bad: ["pangit", "hindi nakatulong", "hindi maganda"],
  },
  "zh-Hans": { good: ["好", "很好", "满意", "有帮助"], bad: ["差", "不好", "不满意", "没帮助"] },
  "zh-Hant": { good: ["好", "很好", "滿意", "有幫助"], bad: ["差", "不好", "不滿意", "沒幫助"] },
  ja: { good: ["良い", "よかった", "満足", "はい"], bad: ["悪い", "不満", "役に立たない"] },
  ko: { good: ["좋아요", "좋음", "만족", "도움됨"], bad: ["나빠요", "별로", "불만족", "도움 안됨"] },
  hi: { good: ["अच्छा", "बहुत अच्छा", "हाँ", "accha"], bad: ["बुरा", "खराब", "बेकार"] },
};

const STAR = /^[⭐★☆🌟]+$/u;
const normalise = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s.!?,。！？、，~]+$/u, "")
    .replace(/^\s+/u, "")
    .replace(/\s+/gu, " ");

/** The score a message gives (1–5), or null when it is not an answer to the rating question. */
export function parseRating(text: string, language: Language | undefined): number | null {
  const raw = text.trim();
  if (STAR.test(raw)) {
    const stars = [...raw].filter((c) => c !== "☆").length;
    return stars >= 1 && stars <= 5 ? stars : null;
  }
  const said = normalise(raw);
  // A lone digit, or one with "/5", "点", "คะแนน"…: never a longer number such as an order number.
  const digits = said.replace(/\/\s*5$/u, "").replace(/[^\p{Nd}一二三四五]/gu, "");
  if (digits.length === 1 && said.length <= 12) {
    const index = DIGITS.findIndex((forms) => forms.includes(digits));
    if (index >= 0) return index + 1;
  }
  for (const lang of new Set<Language>([language ?? "en", "en"])) {
    const answers = ANSWERS[lang];
    if (answers.good.includes(said)) return 5;
    if (answers.bad.includes(said)) return 1;
  }
  return null;
}

/** The question is open: asked, not answered, and the shopper has not written anything else since. */
export function ratingOpen(conversation: Conversation | null): boolean {
  const asked = conversation?.ratingAsked;
  if (!conversation || !asked || conversation.rating) return false;
  return !conversation.recent.some((entry) => entry.role === "shopper" && entry.at > asked.at);
}

/** Whether the shopper may be asked: the channel allows it and nobody asked in this conversation yet. */
export const mayAskRating = (conversation: Conversation | null, channelAllows: boolean) =>
  channelAllows && !conversation?.ratingAsked;

/** Who a rating is about: a person when one handled the conversation, else the AI. */
export const ratedBy = (conversation: Conversation | null): RatedBy =>
  conversation?.ratingAsked?.by ?? (conversation?.escalationId ? "person" : "ai");

/** What asking after a resolution needs. */
export interface RatingAskDeps {
  readonly conversations: ConversationStore;
  readonly channels: ChannelSender;
  readonly clock: Clock;
  readonly translator: LocaleText;
  /** True when the channel's rules allow asking shoppers for a rating. */
  readonly ratingsAllowed: (channel: string) => boolean;
  /** Marks the conversation asked, once; false when it already was (or is gone). */
  readonly markRatingAsked: (
    conversation: Conversation,
    asked: { at: string; by: RatedBy },
  ) => Promise<boolean>;
}

/**
 * After a person resolved the shopper's case: the rating question, in the shopper's language, through the
 * conversation's channel; at most once per conversation (the mark is a conditional write, made before sending).
 */
export async function askAfterResolution(deps: RatingAskDeps, conversation: Conversation): Promise<boolean> {
  if (!mayAskRating(conversation, deps.ratingsAllowed(conversation.channel))) return false;
  const at = deps.clock.now().toISOString();
  if (!(await deps.markRatingAsked(conversation, { at, by: "person" }))) return false;
  const language = conversation.memory.language;
  const locale = language ? localeFor(language, conversation.market) : "en";
  const message: Message = {
    id: `rating:${conversation.id}`,
    role: "system",
    text: deps.translator.t(locale, "shopper:rating.ask"),
    at,
    ...(language ? { language } : {}),
  };
  if (
    await deps.conversations.addAgentMessage(conversation.shopId, conversation.id, {
      ...message,
      agentId: "system",
    })
  )
    await deps.channels.deliver(conversation, message);
  return true;
}
