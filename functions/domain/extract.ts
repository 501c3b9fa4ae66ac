/** Pulls order numbers, emails, phone numbers and names out of a shopper's message. */
import { type CountryCode, findPhoneNumbersInText, isSupportedCountry } from "libphonenumber-js";
import { LANGUAGE_CODES, ORDER_WORDS } from "./languages";
import { phrasebook } from "./phrasebook";

export interface Entities {
  readonly orderNames: readonly string[];
  readonly emails: readonly string[];
  /** In E.164 when the market's country reads them (local formats included), else as digits. */
  readonly phones: readonly string[];
  /** Names the shopper gave for themselves ("my name is Linh", "atas nama Siti"). */
  readonly names?: readonly string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// "#1001", "# 1001", "#SG-1001"; marketplace order numbers: Shopee's "220810RR2T4A0B", TikTok's 18 digits.
const HASH_ORDER = /#\s?([A-Za-z]{0,4}-?\d{3,20}|\d{6}[A-Z0-9]{8})\b/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// An order word of any language in the catalogue (or "No.") followed closely by a number: "order 1001",
// "pesanan no 1001", "ออเดอร์ 1001", "注文番号1001".
// The number ends where the word does: "order 240612ABCD" names no order #240612; marketplace numbers (Shopee's
// "220810RR2T4A0B", TikTok's 18 digits) are taken whole, and letters of other scripts may follow ("注文番号1001です").
const WORD_ORDER = new RegExp(
  `(?:${[...ORDER_WORDS.map(escapeRegExp), "no\\."].join("|")})\\D{0,12}?(\\d{6}[A-Z0-9]{8}|\\d{3,20})(?![A-Za-z0-9])`,
  "giu",
);
const PHONE = /(?:\+|\b)\d[\d\s().-]{7,16}\d\b/g;
// What introduces a name in any language, then one to four capitalised words (or two to four Han or Hangul characters).
// Case-sensitive, so only capitalised words count as a name: each intro is also tried with a capital first letter.
let nameRegExp: RegExp | undefined;
const nameIntro = () =>
  (nameRegExp ??= new RegExp(
    `(?:${LANGUAGE_CODES.flatMap((l) => phrasebook()[l].nameIntros)
      .flatMap((intro) => [intro, intro.charAt(0).toUpperCase() + intro.slice(1)])
      .map(escapeRegExp)
      .join(
        "|",
      )})\\s*[:：]?\\s*(\\p{Lu}[\\p{L}'-]+(?:\\s\\p{Lu}[\\p{L}'-]+){0,3}|[\\p{Script=Han}\\p{Script=Hangul}]{2,4})`,
    "gu",
  ));
// Any run of digits with the separators people type in numbers: what is left of a detail once it is taken out.
const DIGIT_RUN = /\+?\d[\d\s().-]*\d|\d/g;

const unique = (values: Iterable<string>) => [...new Set(values)];

/** A word written in Latin letters or digits. */
export const isLatinWord = (word: string) => /^[\p{Script=Latin}\p{N}'’.-]+$/u.test(word);
/**
 * Vietnamese puts the tone of "oa", "oe" and "uy" at a word's end on either vowel ("huỷ" and "hủy", "hoà" and "hòa"),
 * as the shopper's keyboard is set; phrases are written the older way, so the newer one is read as that.
 */
const VIETNAMESE_NEW_TONES = /(?<!q)(u)([ỳýỷỹỵ])(?![\p{L}\p{M}])|(o)([àáảãạèéẻẽẹ])(?![\p{L}\p{M}])/giu;
export const oldStyleTones = (text: string) =>
  text.replace(VIETNAMESE_NEW_TONES, (_all, u?: string, y?: string, o?: string, ae?: string) => {
    const [base = "", mark = ""] = ((y ?? ae) as string).normalize("NFD");
    return `${((u ?? o) as string) + mark}`.normalize("NFC") + base;
  });

/** The form text and phrases are compared in: NFKC, lower case, one Vietnamese tone placement. */
export const foldForMatching = (text: string) => oldStyleTones(text.normalize("NFKC").toLowerCase());

/** Lower case, punctuation out, one space between words. */
export const normaliseWords = (text: string) =>
  foldForMatching(text)
    .replace(/[^\p{L}\p{M}\p{N}\s'’-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Words to take out of a text: Latin ones as whole words, the others wherever they stand. */
export interface WordSets {
  readonly latin: ReadonlySet<string>;
  /** Longest first, so "メールアドレス" goes before "メール" and leaves nothing behind. */
  readonly other: readonly string[];
}
export const wordSets = (words: readonly string[]): WordSets => ({
  latin: new Set(words.filter(isLatinWord)),
  other: words.filter((w) => !isLatinWord(w)).sort((a, b) => b.length - a.length),
});
/** The text (words one space apart) without those words. */
export function withoutWords(text: string, { latin, other }: WordSets): string {
  let rest = text
    .split(" ")
    .filter((w) => !latin.has(w))
    .join(" ");
  for (const word of other) rest = rest.split(word).join(" ");
  return rest.replace(/\s+/gu, " ").trim();
}

/** What surrounds details given as an answer, in every language, normalised. */
export const fillers = (): readonly string[] => fillerSets().all;
let fillerCache: (WordSets & { all: string[] }) | undefined;
function fillerSets() {
  if (fillerCache) return fillerCache;
  const all = [...new Set(LANGUAGE_CODES.flatMap((l) => phrasebook()[l].fillers.map(normaliseWords)))];
  fillerCache = { all, ...wordSets(all) };
  return fillerCache;
}

/**
 * How much a text says besides fillers: a Latin, Hangul or Devanagari word counts 1, and two characters of a script
 * written without spaces (Han, kana, Thai) count 1.
 */
export function wordWeight(text: string): number {
  let rest = normaliseWords(text);
  const latin = rest.split(" ").filter((w) => w && isLatinWord(w) && !fillerSets().latin.has(w));
  rest = rest
    .split(" ")
    .filter((w) => w && !isLatinWord(w))
    .join(" ");
  for (const filler of fillerSets().other) rest = rest.split(filler).join(" ");
  const spaced = rest.match(/[\p{Script=Hangul}\p{Script=Devanagari}]+/gu) ?? [];
  const dense = (rest.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu) ?? [])
    .length;
  return latin.length + spaced.length + Math.ceil(dense / 2);
}

// Anything past U+007F: pure-ASCII text, the common case, has nothing to fold.
const NON_ASCII = /[\u0080-\u{10FFFF}]/u;
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const isDigit = (code: number) => /\p{Nd}/u.test(String.fromCodePoint(code));
/** A decimal digit's value: Unicode's digit blocks run in tens from zero, so it is the distance from the block's start. */
function digitValue(digit: string): string {
  const code = digit.codePointAt(0) as number;
  let start = code;
  while (isDigit(start - 1)) start--;
  return String((code - start) % 10);
}

const FULL_WIDTH = /[\uFF01-\uFF5E]/gu;
/**
 * The text with full-width ASCII folded and every decimal digit in ASCII: "４０９１７" (Japanese and Chinese
 * keyboards) and "४०९१७" (Devanagari) are order number 40917, "０９０－１２３４－５６７８" a phone number. Not NFKC,
 * which would also split the Thai vowel in "คำ" and so miss the order word "คำสั่งซื้อ".
 */
export function asciiDigits(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(OTHER_DIGIT, digitValue);
}

// A number alone, 4 to 15 digits: with fillers around it, the order number we asked for ("1001 po", "90312です").
// Not part of a Latin word: "240612ABCD" is no order #240612.
const BARE_NUMBER = /(?<![A-Za-z\d#])\d{4,15}(?![A-Za-z\d])/g;

/** The one number in a message, 4 to 15 digits, when no other digits stand beside it ("the one from last week, 63077"). */
export function loneNumber(typed: string): string | null {
  const text = asciiDigits(typed);
  const numbers = text.match(BARE_NUMBER) ?? [];
  return numbers.length === 1 && (text.match(/\d+/g) ?? []).length === 1 ? (numbers[0] as string) : null;
}

/** The one number in a message that says nothing else ("its 48817 la", "dạ 58102"), if it is one. */
function bareNumber(text: string): string | null {
  const number = loneNumber(text);
  return number && wordWeight(text.replace(BARE_NUMBER, " ")) <= 1 ? number : null;
}

/**
 * The details in a message. `region` (the market's country) reads phone numbers in their local formats ("0812-3456-7890"
 * in ID is +6281234567890); without it only the digits are kept.
 */
export function extractEntities(typed: string, region?: string): Entities {
  const text = asciiDigits(typed);
  const emails = unique([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()));
  const withoutEmails = text.replace(EMAIL, " ");
  const orderNames = unique(
    [...withoutEmails.matchAll(HASH_ORDER), ...withoutEmails.matchAll(WORD_ORDER)].map(
      (m) => `#${(m[1] ?? "").toUpperCase()}`,
    ),
  );
  const orderDigits = new Set(orderNames.map((n) => n.replace(/\D/g, "")));
  const country = region?.toUpperCase();
  // A phone kept below has 8 digits or more in E.164, at most 3 of them the country code the text may leave out: a
  // text with fewer than 5 digits holds none, and the phone parser (the dearest step here) is spared.
  const read =
    country && isSupportedCountry(country) && (withoutEmails.match(/\p{Nd}/gu)?.length ?? 0) >= 5
      ? findPhoneNumbersInText(withoutEmails, { defaultCountry: country as CountryCode }).map(
          (found) => found.number.number as string,
        )
      : [];
  const phones = unique(
    (read.length > 0 ? read : [...withoutEmails.matchAll(PHONE)].map((m) => normalisePhone(m[0]))).filter(
      (p) => p.replace(/\D/g, "").length >= 8 && !orderDigits.has(p.replace(/\D/g, "")),
    ),
  );
  const names = unique(
    [...withoutEmails.matchAll(nameIntro())].map((m) => (m[1] ?? "").trim()).filter(Boolean),
  );
  // A number given alone is the order number when it is no phone number.
  const bare = orderNames.length + phones.length + emails.length === 0 ? bareNumber(text) : null;
  if (bare) orderNames.push(`#${bare}`);
  return { orderNames, emails, phones, ...(names.length > 0 ? { names } : {}) };
}

/** The message with its details (emails, order numbers with their order words, numbers, names) taken out. */
export function withoutDetails(text: string): string {
  return asciiDigits(text)
    .replace(EMAIL, " ")
    .replace(nameIntro(), " ")
    .replace(HASH_ORDER, " ")
    .replace(WORD_ORDER, " ")
    .replace(DIGIT_RUN, " ");
}

/** "+62 812-3456-7890" → "+6281234567890"; numbers without a country code keep their digits only. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  return raw.trim().startsWith("+") ? `+${digits}` : digits;
}
