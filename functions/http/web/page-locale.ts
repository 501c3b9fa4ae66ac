/** The page's language and the formatting that goes with it: locales/ for words, Intl (CLDR) for names, times and numbers. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { LOCALES } from "../../adapters/i18n/resources";
import type { Translator } from "../../domain/ports";
import type { Session } from "./session";

export const LANGUAGE_COOKIE = "inbox_lang";

/** Matches a BCP 47 tag to a locale we ship: exact, then script (zh-TW → zh-Hant), then language. */
export function matchLocale(tag: string): string | undefined {
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.startsWith("zh")) {
    if (/-(hk|mo)\b/.test(lower)) return "zh-Hant-HK";
    if (/-(hant|tw)\b/.test(lower)) return "zh-Hant";
    return "zh-Hans";
  }
  if (lower.startsWith("tl")) return "fil";
  return LOCALES.find((l) => l === lower.split("-")[0]);
}

/** The page's locale: the agent's choice on this page, then their token's languages, then the browser's, then English. */
export function chooseLocale(c: Context, session: Session | null): string {
  const chosen = getCookie(c, LANGUAGE_COOKIE);
  if (chosen && LOCALES.includes(chosen)) return chosen;
  if (session?.kind === "agent") {
    for (const language of session.agent.languages) {
      const match = matchLocale(language);
      if (match) return match;
    }
  }
  const accepted = (c.req.header("accept-language") ?? "")
    .split(",")
    .map((part) => part.split(";")[0]?.trim() ?? "")
    .filter(Boolean);
  for (const tag of accepted) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return "en";
}

export const intlTag = (locale: string) => (locale === "fil" ? "fil-PH" : locale);

/** A language's name in `inLocale`; Hong Kong's Traditional Chinese reads "Traditional Chinese (Hong Kong)". */
export function nameOfLanguage(tag: string, inLocale: string): string {
  const names = new Intl.DisplayNames([intlTag(inLocale)], { type: "language" });
  if (tag !== "zh-Hant-HK") return names.of(tag) ?? tag;
  const hk = new Intl.DisplayNames([intlTag(inLocale)], { type: "region", style: "short" }).of("HK");
  return `${names.of("zh-Hant")} (${hk})`;
}

/** Everything a view needs to speak the page's language. */
export interface PageText {
  readonly locale: string;
  t(key: string, values?: Record<string, unknown>): string;
  /** Why a conversation was escalated, and what about: the words of the handoff summary (agent.json). */
  reason(reason: string): string;
  intent(intent: string): string;
  languageName(tag: string): string;
  marketName(code: string): string;
  /** "in 12 minutes", "3 hours ago"; a day and a time when further away. */
  relative(iso: string, now: Date): string;
  /** In UTC; the page's script shows it in the agent's own time zone. */
  dateTime(iso: string): string;
  percent(share: number): string;
  duration(value: number, unit: "second" | "minute"): string;
}

export function pageText(translator: Translator, locale: string): PageText {
  const tag = intlTag(locale);
  const regions = new Intl.DisplayNames([tag], { type: "region" });
  const relative = new Intl.RelativeTimeFormat([tag], { numeric: "auto" });
  const moment = new Intl.DateTimeFormat([tag], {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  });
  const dateTime = new Intl.DateTimeFormat([tag], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const percent = new Intl.NumberFormat([tag], { style: "percent", maximumFractionDigits: 0 });
  return {
    locale,
    t: (key, values) => translator.t(locale, `inbox:${key}`, values),
    reason: (reason) => translator.t(locale, `agent:reason.${reason}`),
    intent: (intent) => translator.t(locale, `agent:intent.${intent}`),
    languageName: (code) => nameOfLanguage(code, locale),
    marketName: (code) => regions.of(code) ?? code,
    relative(iso, now) {
      const seconds = (Date.parse(iso) - now.getTime()) / 1000;
      // Beyond half a day "tomorrow" misleads across weekends and time zones: say the day and the time.
      if (Math.abs(seconds) >= 12 * 3600) return moment.format(new Date(iso));
      if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), "minute");
      return relative.format(Math.round(seconds / 3600), "hour");
    },
    dateTime: (iso) => dateTime.format(new Date(iso)),
    percent: (share) => percent.format(share),
    duration: (value, unit) =>
      new Intl.NumberFormat([tag], {
        style: "unit",
        unit,
        unitDisplay: "short",
        maximumFractionDigits: 1,
      }).format(value),
  };
}
