/** Canned replies: the built-in set from locales/ plus each shop's own, offered to agents in the shopper's language. */
import type { LocaleText } from "./translator";

export interface CannedReply {
  readonly id: string;
  readonly title: string;
  /** A locale of ours, such as "th" or "zh-Hant-HK". */
  readonly language: string;
  readonly text: string;
}

/** The built-in replies every shop has; their texts are shopper-facing strings in locales/<l>/shopper.json. */
export const BUILT_IN_CANNED = ["greeting", "checking", "tracking", "refund", "apology", "closing"] as const;

/** What each {{field}} of a canned reply stands for; unknown values leave the text readable. */
export interface CannedValues {
  readonly shopper: string | null;
  readonly order: string | null;
  readonly agent: string;
}

export const CANNED_FIELDS = ["{{shopper}}", "{{order}}", "{{agent}}"] as const;

/** Fills {{shopper}}, {{order}} and {{agent}}; a missing value is dropped along with the space before it. */
export function fillCanned(text: string, values: CannedValues): string {
  return text
    .replace(/\s?\{\{(shopper|order|agent)\}\}/g, (match, name: keyof CannedValues) => {
      const value = values[name];
      if (!value) return "";
      return match.startsWith("{") ? value : `${match[0]}${value}`;
    })
    .trim();
}

/** The replies an agent may insert for one language: built-ins first, then the shop's, titled in the page's locale. */
export function cannedRepliesFor(
  translator: LocaleText,
  pageLocale: string,
  language: string,
  shopReplies: readonly CannedReply[],
  values: CannedValues,
): { builtIn: CannedReply[]; shop: CannedReply[] } {
  const builtIn = BUILT_IN_CANNED.map((key) => ({
    id: `builtin:${key}`,
    title: translator.t(pageLocale, `inbox:canned.titles.${key}`),
    language,
    text: translator.t(language, `shopper:canned.${key}`, { agent: values.agent }),
  }));
  const shop = shopReplies
    .filter((r) => r.language === language)
    .map((r) => ({ ...r, text: fillCanned(r.text, values) }));
  return { builtIn, shop };
}
