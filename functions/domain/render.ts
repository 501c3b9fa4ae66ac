/** Turns the policy's lines into the shopper's language, with local dates and money (R9) and the AI disclosure (R1). */
import type { Line, LineValue } from "./policy";
import type { Market } from "./markets";
import type { LocaleText } from "./ports";

export interface RenderOptions {
  readonly locale: string;
  readonly market: Market;
  /** When the reply hands over to a person: how soon they answer, or when the team opens if it is closed (R7). */
  readonly eta?: { readonly minutes: number } | { readonly opensAt: Date } | undefined;
}

function formatValue(value: LineValue, locale: string, market: Market): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("list" in value) return new Intl.ListFormat(locale, { type: "disjunction" }).format(value.list);
  if ("date" in value) {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: market.timeZone }).format(
      new Date(value.date),
    );
  }
  return new Intl.NumberFormat(locale, { style: "currency", currency: value.currency }).format(
    Number(value.amount),
  );
}

export function renderLines(translator: LocaleText, lines: readonly Line[], options: RenderOptions): string {
  const { locale, market } = options;
  // The word that reaches a person, for lines that offer one (offer_person).
  const keyword = translator.t(locale, "handoff_keyword");
  const sentences = lines.map((line) => {
    if ("text" in line) return line.text;
    const values = Object.fromEntries(
      Object.entries(line.values ?? {}).map(([k, v]) => [k, formatValue(v, locale, market)]),
    );
    return translator.t(locale, line.key, { keyword, ...values });
  });
  const eta = options.eta;
  if (eta && "minutes" in eta) sentences.push(translator.t(locale, "eta", { count: eta.minutes }));
  if (eta && "opensAt" in eta) {
    const tz = { timeZone: market.timeZone };
    const time = new Intl.DateTimeFormat(locale, {
      ...tz,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(eta.opensAt);
    const day = new Intl.DateTimeFormat(locale, {
      ...tz,
      weekday: "long",
      month: "long",
      day: "numeric",
    }).format(eta.opensAt);
    sentences.push(translator.t(locale, "offline_eta", { time, day }));
  }
  return joinSentences(sentences);
}

/** Full-width sentence ends (Chinese, Japanese) need no space after them; every other script takes one. */
const FULL_WIDTH_END = /[。！？」』）]$/u;

/** Joins sentences as the language writes them: "…です。ご注文…" in Japanese and Chinese, "…니다. 주문…" elsewhere. */
export function joinSentences(sentences: readonly string[]): string {
  return sentences.reduce(
    (text, sentence) =>
      text === "" ? sentence : `${text}${FULL_WIDTH_END.test(text) ? "" : " "}${sentence}`,
    "",
  );
}

/**
 * R1: every AI-written message says it is an AI and how to reach a person. When the reply itself already offers a
 * person (R8 hybrid markets), the signature only says it is an AI, so a person is offered once.
 */
export function withDisclosure(
  translator: LocaleText,
  locale: string,
  text: string,
  options: { readonly personOffered?: boolean } = {},
): string {
  const assistant = translator.t(locale, "assistant");
  const keyword = translator.t(locale, "handoff_keyword");
  const key = options.personOffered ? "disclosure_ai_only" : "disclosure";
  return `${text}\n\n${translator.t(locale, key, { assistant, keyword })}`;
}
