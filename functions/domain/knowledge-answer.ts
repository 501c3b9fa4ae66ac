/**
 * Answers from the shop's knowledge, pure: decides whether the best passage really answers the question (no source, no
 * answer), then words it in the shopper's language — product facts (price in the market's currency and the language's
 * number format, availability by option value, the link) rendered from data, an article or policy quoted as the shop
 * wrote it, with a localized line when it is in another language than the shopper's.
 */
import type { Intent } from "./intent";
import type { KnowledgeBase, Passage, Product, SourceRef, Variant } from "./knowledge";
import { intlTagOf, isLocale, type Language, languageOfLocale, localeFor } from "./languages";
import type { MarketCode } from "./markets";
import type { ModelAnswer, ModelPassage } from "./model";
import type { LocaleText, ShopRecord } from "./ports";
import { joinSentences } from "./render";

/**
 * The share of a question's meaningful words (weighted by how rare each is in the shop) the best passage must hold to
 * count as an answer. Chosen on test/fixtures/knowledge-eval (bench/knowledge.ts): the answerable questions there
 * start at 0.64 and the questions nothing answers stop at 0.56; this sits between.
 */
export const ANSWER_COVERAGE = 0.6;

/** What the shop's knowledge says to a question: the text to send and where it comes from. */
export interface KnowledgeAnswer {
  /** False: nothing the shop wrote answers it; `text` says so and offers a person, and `sources` is empty. */
  readonly answered: boolean;
  readonly text: string;
  readonly sources: readonly SourceRef[];
}

export interface AnswerRequest {
  readonly question: string;
  readonly market: MarketCode;
  readonly language: Language;
  /** The shopper's locale when it is a regional variant (zh-Hant-HK); the language's own otherwise. */
  readonly locale?: string | undefined;
  /** The classifier's topic, where known: it breaks near-ties between a product and an article. */
  readonly intent?: Intent | undefined;
}

/** Topics asked about products, and those asked about the shop's rules. */
const PRODUCT_INTENTS: ReadonlySet<Intent> = new Set(["product_question"]);
const POLICY_INTENTS: ReadonlySet<Intent> = new Set([
  "shipping_info",
  "payment_methods",
  "return_policy",
  "store_info",
]);

/** The passage that answers, or null: good enough coverage, and the topic's kind of source on a near tie. */
export function chooseAnswer(passages: readonly Passage[], intent?: Intent): Passage | null {
  const top = passages[0];
  if (!top || top.coverage < ANSWER_COVERAGE) return null;
  const wanted = (p: Passage) =>
    intent && PRODUCT_INTENTS.has(intent)
      ? p.source.type === "product"
      : intent && POLICY_INTENTS.has(intent)
        ? p.source.type !== "product"
        : false;
  if (wanted(top)) return top;
  const preferred = passages.find(
    (p) => wanted(p) && p.coverage >= Math.max(ANSWER_COVERAGE, top.coverage - 0.15),
  );
  return preferred ?? top;
}

/** Lower case without accents, so "Đỏ" and "do", "Ｍ" and "M" compare equal. */
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d");
}

/** Colours by the words shoppers use for them, so "สีแดง" or "赤" finds a variant named "Red". */
const COLOUR_WORDS: Readonly<Record<string, readonly string[]>> = {
  red: ["red", "merah", "do", "pula", "แดง", "赤", "レッド", "红", "紅", "빨간", "빨강", "레드", "लाल"],
  black: ["black", "hitam", "den", "itim", "ดำ", "黒", "ブラック", "黑", "검정", "블랙", "काला", "काली"],
  white: ["white", "putih", "trang", "puti", "ขาว", "白", "ホワイト", "흰", "화이트", "सफेद", "सफ़ेद"],
  blue: [
    "blue",
    "biru",
    "xanh duong",
    "xanh",
    "asul",
    "น้ำเงิน",
    "ฟ้า",
    "青",
    "ブルー",
    "蓝",
    "藍",
    "파란",
    "블루",
    "नीला",
    "नीली",
  ],
  green: [
    "green",
    "hijau",
    "xanh la",
    "berde",
    "เขียว",
    "緑",
    "グリーン",
    "绿",
    "綠",
    "초록",
    "그린",
    "हरा",
    "हरी",
  ],
  pink: ["pink", "merah muda", "hong", "rosas", "ชมพู", "ピンク", "粉", "粉红", "粉紅", "핑크", "गुलाबी"],
  yellow: [
    "yellow",
    "kuning",
    "vang",
    "dilaw",
    "เหลือง",
    "黄",
    "イエロー",
    "黃",
    "노란",
    "옐로",
    "पीला",
    "पीली",
  ],
  grey: [
    "grey",
    "gray",
    "abu",
    "abu-abu",
    "kelabu",
    "xam",
    "ฟ้าเทา",
    "เทา",
    "グレー",
    "灰",
    "회색",
    "그레이",
    "स्लेटी",
  ],
  navy: ["navy", "ネイビー", "藏青", "藏青色", "네이비"],
  beige: ["beige", "krem", "be", "ベージュ", "米色", "베이지"],
};
/** Words that mark the next word as a size ("size m", "ukuran M", "ไซส์ M"), so a lone "m" is not read as one. */
const SIZE_WORDS = [
  "size",
  "ukuran",
  "saiz",
  "co",
  "laki",
  "ไซส์",
  "ไซซ์",
  "サイズ",
  "尺码",
  "尺碼",
  "码",
  "碼",
  "사이즈",
  "साइज़",
  "साइज",
];

const hasLetters = (s: string) => /[\p{L}\p{N}]/u.test(s);
const spaced = (s: string) => /^[\p{Script=Latin}\p{N}\s'-]+$/u.test(s);

/** Whether `text` (folded) holds `word` (folded): as a whole word in spaced scripts, anywhere in the others. */
function mentions(text: string, word: string): boolean {
  if (!hasLetters(word)) return false;
  if (!spaced(word)) return text.includes(word);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(text);
}

/** Whether the question names this option value: by its own words, a colour's, or a one-letter size as a size. */
function namesValue(question: string, folded: string, value: string): boolean {
  const v = fold(value).trim();
  if (v.length === 1) {
    // "M" typed as a capital (also between CJK or Thai letters: "M码", "Lサイズ"), or "size m"; never the "m" of "I'm".
    const capital = new RegExp(
      `(^|[^\\p{Script=Latin}\\p{N}'’])${value.toUpperCase()}($|[^\\p{Script=Latin}\\p{N}])`,
      "u",
    );
    return (
      capital.test(question.normalize("NFKC")) ||
      SIZE_WORDS.some((w) => mentions(folded, `${fold(w)} ${v}`) || folded.includes(`${fold(w)}${v}`))
    );
  }
  if (mentions(folded, v)) return true;
  const colour = Object.entries(COLOUR_WORDS).find(([name, words]) => name === v || words.includes(v));
  return colour ? colour[1].some((w) => mentions(folded, fold(w))) : false;
}

/** The option values the question names, by option: {"Size": ["M"], "Colour": ["Red"]}. */
export function namedOptions(product: Product, question: string): Map<string, Set<string>> {
  const folded = fold(question);
  const named = new Map<string, Set<string>>();
  // In the product's own option order (Size, then Colour), whatever order the question names them in.
  for (const option of product.options)
    for (const variant of product.variants) {
      const value = variant.options[option];
      if (value !== undefined && namesValue(question, folded, value))
        named.set(option, (named.get(option) ?? new Set()).add(value));
    }
  return named;
}

/** A variant's price in the shopper's market: the seller's price for that market, else the base price. */
function priceIn(variant: Variant, market: MarketCode): { price: string; currency: string } {
  return variant.marketPrices?.[market] ?? { price: variant.price, currency: variant.currency };
}

/**
 * A price as the shopper's market writes it: the language's Intl tag with the market as its region, so English in
 * Malaysia reads "RM 119.00" and in Singapore "$39.90" (a tag that names its region, fil-PH, keeps it).
 */
function money(amount: { price: string; currency: string }, locale: string, market: MarketCode): string {
  const tag = intlTagOf(locale);
  const regional = /-[A-Z]{2}$/.test(tag) ? tag : `${tag}-${market}`;
  const [supported] = Intl.NumberFormat.supportedLocalesOf([regional]);
  return new Intl.NumberFormat(supported ?? tag, { style: "currency", currency: amount.currency }).format(
    Number(amount.price),
  );
}

/** "Size M / Colour Red": option names are the seller's, joined as Shopify joins a variant's values. */
function describeVariant(options: Readonly<Record<string, string>>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name} ${value}`)
    .join(" / ");
}

/** The product under its title in `language` where the seller translated it. */
function withTitleIn(product: Product, language: Language): Product {
  const title = product.translations?.[language]?.title;
  return title ? { ...product, title } : product;
}

/** The product's facts in the shopper's language: availability of what they named, or price and stock. */
export function renderProduct(
  t: LocaleText,
  item: Product,
  request: { question: string; market: MarketCode; locale: string },
): string {
  const { locale, market } = request;
  const language = isLocale(locale) ? languageOfLocale(locale) : undefined;
  const product = language ? withTitleIn(item, language) : item;
  const list = (items: string[]) =>
    new Intl.ListFormat(intlTagOf(locale), { type: "conjunction" }).format([...new Set(items)]);
  const named = namedOptions(product, request.question);
  const sentences: string[] = [];
  if (named.size > 0) {
    const matching = product.variants.filter((v) =>
      [...named].every(([option, values]) => values.has(v.options[option] ?? "")),
    );
    const inStock = matching.filter((v) => v.available);
    const chosen = Object.fromEntries([...named].map(([option, values]) => [option, [...values].join("/")]));
    if (inStock[0]) {
      sentences.push(
        t.t(locale, "knowledge.in_stock", {
          product: product.title,
          variant: describeVariant(chosen),
          price: money(priceIn(inStock[0], market), locale, market),
        }),
      );
    } else {
      sentences.push(
        t.t(locale, "knowledge.out_of_stock", {
          product: product.title,
          variant: describeVariant(chosen),
        }),
      );
      // What they could buy instead: the other values of the options they named, among variants in stock.
      const alternatives = product.variants
        .filter((v) => v.available)
        .map((v) =>
          describeVariant(Object.fromEntries([...named.keys()].map((o) => [o, v.options[o] ?? ""]))),
        );
      if (alternatives.length > 0)
        sentences.push(t.t(locale, "knowledge.in_stock_list", { options: list(alternatives) }));
    }
  } else {
    const available = product.variants.filter((v) => v.available);
    if (available.length === 0) sentences.push(t.t(locale, "knowledge.sold_out", { product: product.title }));
    else {
      const prices = available.map((v) => priceIn(v, market));
      const currency = prices[0]?.currency;
      const sameCurrency = prices.filter((p) => p.currency === currency);
      const sorted = [...sameCurrency].sort((a, b) => Number(a.price) - Number(b.price));
      const [low, high] = [sorted[0], sorted.at(-1)];
      if (low && high && Number(low.price) !== Number(high.price))
        sentences.push(
          t.t(locale, "knowledge.price_range", {
            product: product.title,
            min: money(low, locale, market),
            max: money(high, locale, market),
          }),
        );
      else if (low)
        sentences.push(
          t.t(locale, "knowledge.price", { product: product.title, price: money(low, locale, market) }),
        );
      if (available.length < product.variants.length && product.options.length > 0)
        sentences.push(
          t.t(locale, "knowledge.in_stock_list", {
            options: list(available.map((v) => v.title)),
          }),
        );
    }
  }
  if (product.url) sentences.push(t.t(locale, "knowledge.link", { url: product.url }));
  return joinSentences(sentences);
}

/** The language's name in the shopper's language ("Inggris", "英語"). */
function languageName(language: Language, locale: string): string {
  try {
    return (
      new Intl.DisplayNames([intlTagOf(locale)], { type: "language" }).of(intlTagOf(language)) ?? language
    );
  } catch {
    return language;
  }
}

/** Quotes an article's or policy's passage as the shop wrote it; in another language, says so and offers a person. */
export function renderPassage(
  t: LocaleText,
  passage: Passage,
  request: { language: Language; locale: string },
): string {
  const { locale } = request;
  const sameLanguage = !passage.language || passage.language === request.language;
  const parts: string[] = [];
  if (!sameLanguage) {
    const keyword = t.t(locale, "handoff_keyword");
    parts.push(
      t.t(locale, "knowledge.other_language", {
        language: languageName(passage.language as Language, locale),
        keyword,
      }),
    );
  }
  parts.push(passage.text);
  if (passage.source.type === "policy" && passage.url)
    parts.push(t.t(locale, "knowledge.read_more", { url: passage.url }));
  return parts.join("\n\n");
}

/** Nothing the shop wrote answers: says so in the shopper's locale and offers a person, with no source. */
export function noKnowledgeAnswer(t: LocaleText, locale: string): KnowledgeAnswer {
  return {
    answered: false,
    text: t.t(locale, "knowledge.no_answer", { keyword: t.t(locale, "handoff_keyword") }),
    sources: [],
  };
}

/** Builds the answer from retrieved passages: answered with its source, or not answered (a person is offered). */
export function buildKnowledgeAnswer(
  t: LocaleText,
  passages: readonly Passage[],
  request: AnswerRequest,
): KnowledgeAnswer {
  const locale = request.locale ?? localeFor(request.language, request.market);
  // Ranked by the words they share with the question (a stable sort: a words-only search is already in this order),
  // so a passage found by meaning alone (fusion) never stands in for an answer the embedded engine can check.
  const byWords = [...passages].sort((a, b) => b.coverage - a.coverage);
  const chosen = chooseAnswer(byWords, request.intent);
  if (!chosen) return noKnowledgeAnswer(t, locale);
  const language = isLocale(locale) ? languageOfLocale(locale) : request.language;
  const text = chosen.product
    ? renderProduct(t, chosen.product, { question: request.question, market: request.market, locale })
    : renderPassage(t, chosen, { language, locale });
  return { answered: true, text, sources: [chosen.source] };
}

export interface KnowledgeDeps {
  readonly knowledge: KnowledgeBase;
  readonly translator: LocaleText;
}

/**
 * Searches the shop's knowledge at the version on the shop item the caller already read (no extra read while the
 * version holds): the passages that may answer, best first.
 */
export function retrieveKnowledge(
  deps: Pick<KnowledgeDeps, "knowledge">,
  shop: Pick<ShopRecord, "id" | "knowledgeVersion">,
  request: AnswerRequest,
): Promise<Passage[]> {
  return deps.knowledge.search(shop.id, request.question, {
    market: request.market,
    language: request.language,
    version: shop.knowledgeVersion ?? 0,
  });
}

/** A passage given to the model, with the source it stands for. */
export interface GivenPassage extends ModelPassage {
  readonly source: SourceRef;
}

/** How much of a product's description the model sees: its facts come from data, the text only helps it phrase. */
const MODEL_PRODUCT_TEXT_CHARS = 500;

/**
 * The passages as the model sees them (id, type, title, text), one per source: a product's price and availability as
 * our renderer writes them for this shopper (`facts`), which code appends to the model's reply rather than trusting
 * the model to copy them.
 */
export function modelPassages(
  t: LocaleText,
  passages: readonly Passage[],
  request: AnswerRequest,
): GivenPassage[] {
  const locale = request.locale ?? localeFor(request.language, request.market);
  return passages.map((p) => ({
    id: `${p.source.type}:${p.source.id}`,
    type: p.source.type,
    source: p.source,
    title: p.title,
    text: p.product ? p.text.slice(0, MODEL_PRODUCT_TEXT_CHARS) : p.text,
    ...(p.product
      ? { facts: renderProduct(t, p.product, { question: request.question, market: request.market, locale }) }
      : {}),
  }));
}

/** Why a model's store answer was not taken (the embedded engine's answer is used instead). */
export type Rejection = "no_citation" | "unknown_citation" | "unsupported_number";

export type CitationCheck =
  | { readonly ok: true; readonly cited: readonly GivenPassage[] }
  | { readonly ok: false; readonly why: Rejection };

/** Zero of each script's digits (Thai ๐, Devanagari ०, Arabic-Indic ٠ …); full-width ones NFKC folds to ASCII. */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0x1040,
];

/** A number written in groups of three digits (or India's lakh groups of two before the last three). */
const GROUPED = /(?<!\d)\d{1,3}(?:(?:,\d{2})*,\d{3}|(?:[,.\u00a0\u202f'’]\d{3})+)(?!\d)/g;

/** The numbers a text writes in digits of any script, as ASCII without leading zeros ("๑๔ วัน" → "14"). */
export function numbersIn(text: string): Set<string> {
  const ascii = text.normalize("NFKC").replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0) ?? 0;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
    return zero === undefined ? digit : String(code - zero);
  });
  // "1,299", "1.299", "Rp150.000" and India's "1,29,999" are one number each, as "1299" written without separators is.
  const joined = ascii.replace(GROUPED, (grouped) => grouped.replace(/\D/g, ""));
  return new Set((joined.match(/\d+/g) ?? []).map((n) => n.replace(/^0+(?=\d)/, "")));
}

/**
 * Checks a model's store answer against the passages it was given: it must cite at least one, only ids it was given,
 * and write no number (a price, a number of days, a percentage) that is neither in a passage it cites nor in the
 * question — a number is the fact a model most easily invents.
 */
export function checkCitations(
  answer: Pick<ModelAnswer, "reply" | "citations">,
  given: readonly GivenPassage[],
  question: string,
): CitationCheck {
  const ids = [...new Set(answer.citations ?? [])];
  if (ids.length === 0) return { ok: false, why: "no_citation" };
  const cited = ids.map((id) => given.find((p) => p.id === id));
  if (cited.some((p) => p === undefined)) return { ok: false, why: "unknown_citation" };
  const passages = cited as GivenPassage[];
  const known = numbersIn(
    [question, ...passages.flatMap((p) => [p.title, p.text, p.facts ?? ""])].join("\n"),
  );
  if ([...numbersIn(answer.reply)].some((n) => !known.has(n)))
    return { ok: false, why: "unsupported_number" };
  return { ok: true, cited: passages };
}

/** The model's reply with the facts of each product it cites, as our renderer wrote them, after it. */
export function groundedText(reply: string, cited: readonly GivenPassage[]): string {
  return [reply.trim(), ...cited.flatMap((p) => (p.facts ? [p.facts] : []))].join("\n\n");
}
