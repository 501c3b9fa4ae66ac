/** Turns the policy's lines into the shopper's language, with local dates and money (R9) and the AI disclosure (R1). */
import type { Line, LineValue } from "../domain/policy";
import type { Market } from "../domain/markets";
import type { Translator } from "../domain/ports";

export interface RenderOptions {
  readonly locale: string;
  readonly market: Market;
  /** When the reply hands over to a person: how soon they answer, or when the team opens if it is closed (R7). */
  readonly eta?: { readonly minutes: number } | { readonly opensAt: Date } | undefined;
}

function formatValue(value: LineValue, locale: string, market: Market): string | number {
  if (typeof value === "string" || typeof value === "number") return value;
  if ("date" in value) {
    return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: market.timeZone }).format(
      new Date(value.date),
    );
  }
  return new Intl.NumberFormat(locale, { style: "currency", currency: value.currency }).format(
    Number(value.amount),
  );
}

export function renderLines(translator: Translator, lines: readonly Line[], options: RenderOptions): string {
  const { locale, market } = options;
  const sentences = lines.map((line) => {
    if ("text" in line) return line.text;
    const values = Object.fromEntries(
      Object.entries(line.values ?? {}).map(([k, v]) => [k, formatValue(v, locale, market)]),
    );
    return translator.t(locale, line.key, values);
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
  return sentences.join(" ");
}

/** R1: every AI-written message says it is an AI and how to reach a person. */
export function withDisclosure(translator: Translator, locale: string, text: string): string {
  const assistant = translator.t(locale, "assistant");
  const keyword = translator.t(locale, "handoff_keyword");
  return `${text}\n\n${translator.t(locale, "disclosure", { assistant, keyword })}`;
}
