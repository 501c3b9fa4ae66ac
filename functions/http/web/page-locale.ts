/** The page's language and the formatting that goes with it: locales/ for words, Intl (CLDR) for names, times and numbers. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { LOCALES } from "../../adapters/i18n/resources";
import { intlTagOf, localeOfTag, regionalVariant } from "../../domain/languages";
import type { LocaleText } from "../../domain/ports";
import type { Session } from "./session";

export const LANGUAGE_COOKIE = "inbox_lang";

/**
 * Matches a BCP 47 tag to a locale we ship, by the language catalogue: exact, then the language with its script or
 * region (zh-TW → zh-Hant, tl → fil) in its region's variant (zh-HK → zh-Hant-HK).
 */
export function matchLocale(tag: string): string | undefined {
  const locale = localeOfTag(tag);
  return locale && LOCALES.includes(locale) ? locale : undefined;
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

/** Marketplaces and chat apps go by their own brand in every language; our own channels are named in locales/. */
const CHANNEL_BRANDS: Readonly<Record<string, string>> = {
  shopee: "Shopee",
  lazada: "Lazada",
  tiktok: "TikTok Shop",
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  line: "LINE",
};
const OWN_CHANNELS: ReadonlySet<string> = new Set(["api", "web"]);

/** The tag Intl formats a locale of ours with (fil → fil-PH), from the language catalogue. */
export const intlTag = (locale: string) => intlTagOf(locale);

/** A language's name in `inLocale`; a regional variant is named after its language and place: "Traditional Chinese (Hong Kong)". */
export function nameOfLanguage(tag: string, inLocale: string): string {
  const names = new Intl.DisplayNames([intlTag(inLocale)], { type: "language" });
  const variant = regionalVariant(tag);
  if (!variant) return names.of(tag) ?? tag;
  const place = new Intl.DisplayNames([intlTag(inLocale)], { type: "region", style: "short" }).of(
    variant.region,
  );
  return `${names.of(variant.language)} (${place})`;
}

/** Everything a view needs to speak the page's language. */
export interface PageText {
  readonly locale: string;
  /** The IANA zone every time on the page is shown in (time-zone.ts chooses it). */
  readonly timeZone: string;
  t(key: string, values?: Record<string, unknown>): string;
  /** Why a conversation was escalated, and what about: the words of the handoff summary (agent.json). */
  reason(reason: string): string;
  intent(intent: string): string;
  languageName(tag: string): string;
  marketName(code: string): string;
  /** Where the shopper wrote: a marketplace's brand, our own channels in the page's language, else as the channel sent it. */
  channelName(channel: string): string;
  /** "in 12 minutes", "3 hours ago"; a day and a time when further away. */
  relative(iso: string, now: Date): string;
  /** A date and time in the page's time zone. */
  dateTime(iso: string): string;
  /** The page's time zone as people say it ("Indochina Time"), with its offset. */
  zoneName(at: Date): string;
  percent(share: number): string;
  duration(value: number, unit: "second" | "minute"): string;
}

export function pageText(translator: LocaleText, locale: string, timeZone = "UTC"): PageText {
  const tag = intlTag(locale);
  const regions = new Intl.DisplayNames([tag], { type: "region" });
  const relative = new Intl.RelativeTimeFormat([tag], { numeric: "auto" });
  const moment = new Intl.DateTimeFormat([tag], {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  });
  const dateTime = new Intl.DateTimeFormat([tag], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  const percent = new Intl.NumberFormat([tag], { style: "percent", maximumFractionDigits: 0 });
  const zoneName = (style: "long" | "shortOffset", at: Date) =>
    new Intl.DateTimeFormat([tag], { timeZone, timeZoneName: style })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  return {
    locale,
    timeZone,
    t: (key, values) => translator.t(locale, `inbox:${key}`, values),
    reason: (reason) => translator.t(locale, `agent:reason.${reason}`),
    intent: (intent) => translator.t(locale, `agent:intent.${intent}`),
    languageName: (code) => nameOfLanguage(code, locale),
    marketName: (code) => regions.of(code) ?? code,
    channelName: (channel) =>
      CHANNEL_BRANDS[channel] ??
      (OWN_CHANNELS.has(channel) ? translator.t(locale, `inbox:channel.${channel}`) : channel),
    relative(iso, now) {
      const seconds = (Date.parse(iso) - now.getTime()) / 1000;
      // Beyond half a day "tomorrow" misleads across weekends and time zones: say the day and the time.
      if (Math.abs(seconds) >= 12 * 3600) return moment.format(new Date(iso));
      if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), "minute");
      return relative.format(Math.round(seconds / 3600), "hour");
    },
    dateTime: (iso) => dateTime.format(new Date(iso)),
    zoneName(at) {
      const [name, offset] = [zoneName("long", at), zoneName("shortOffset", at)];
      return name === offset ? name : `${name} (${offset})`;
    },
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
