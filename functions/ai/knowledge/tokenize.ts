/**
 * Words for the knowledge index, in every language we answer in. Thai, Chinese, Japanese and Korean have no spaces
 * between words (or attach particles to them), so they are cut by Intl.Segmenter (ICU's dictionaries); Chinese and
 * Japanese also give every pair of adjacent Han characters, because the dictionary cuts the same word differently in
 * a question and in an article. Latin-script text is lower-cased and folded (Vietnamese "giao hàng" and "giao hang"
 * meet, full-width "ＸＬ" is "xl"); Devanagari keeps its vowel signs. The same function cuts documents and questions.
 */
import type { Language } from "../../domain/languages";

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const THAI = /\p{Script=Thai}/u;
const LATIN = /\p{Script=Latin}/u;
const DEVANAGARI = /\p{Script=Devanagari}/u;
/** Text that needs a dictionary to find its words. */
const NEEDS_SEGMENTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(tag: string): Intl.Segmenter {
  let segmenter = segmenters.get(tag);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(tag, { granularity: "word" });
    segmenters.set(tag, segmenter);
  }
  return segmenter;
}

/** The segmenter's locale: the text's language where it is one of the dictionary languages, else its script's. */
function segmenterTag(text: string, language: Language | undefined): string {
  if (language === "th" || language === "ja" || language === "ko") return language;
  if (language === "zh-Hans" || language === "zh-Hant") return "zh";
  if (KANA.test(text)) return "ja";
  if (HANGUL.test(text)) return "ko";
  if (THAI.test(text)) return "th";
  return "zh";
}

/** Lower case without accents for Latin letters (đ is a letter of its own in Unicode, folded by hand). */
export function foldLatin(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/ø/g, "o")
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/ł/g, "l");
}

/**
 * A light, language-blind stemmer for Latin words: plural -s and -es, -ing and -ed go, so "returns", "shipping" and
 * "shipped" meet "return" and "ship". It runs on documents and questions alike, so a stray cut costs nothing.
 */
function stemLatin(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith("ing") && word.length >= 6) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length >= 5) return undouble(word.slice(0, -2));
  if (word.endsWith("ies") && word.length >= 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}
/** "shipp" → "ship", "stopp" → "stop". */
const undouble = (stem: string) => (/([bdgmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem);

/**
 * Korean particles after a noun (환불은 → 환불) and polite endings after a verb's noun (발송합니다, 발송되나요 → 발송;
 * 결제하면 → 결제), longest first.
 */
const KOREAN_ENDINGS = [
  "할 수 있나요",
  "되었습니다",
  "했습니다",
  "합니까",
  "합니다",
  "됩니다",
  "되나요",
  "하나요",
  "한가요",
  "할까요",
  "인가요",
  "이에요",
  "했어요",
  "할게요",
  "하면",
  "해요",
  "돼요",
  "되면",
  "에서는",
  "으로는",
  "까지는",
  "에서",
  "으로",
  "까지",
  "부터",
  "이나",
  "에는",
  "이요",
  "예요",
  "에요",
  "나요",
  "가요",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "에",
  "로",
  "의",
  "도",
  "만",
  "요",
  "나",
  "와",
  "과",
  "랑",
  "할",
];

/** The noun of a Korean word with its particle, or the word itself. */
export function koreanStem(word: string): string {
  for (const ending of KOREAN_ENDINGS)
    if (word.length - ending.length >= 2 && word.endsWith(ending)) return word.slice(0, -ending.length);
  return word;
}

/**
 * Words that carry no meaning for finding an answer, in each language (question words, particles, pronouns,
 * politeness). A question made only of these asks nothing the knowledge could answer.
 */
const STOPWORDS_TEXT = [
  // en
  "a an and are as at be can could do does did for from have has how i if in is it me my of on or our please the there this to we what when where which who why will with would you your yours hi hello thanks thank about any get got want know tell much many ok okay offer provide",
  // id
  "apa apakah ada adalah aku saya kami kita kak kakak di ke dari dan atau yang untuk ini itu bisa boleh bagaimana gimana berapa kapan mana dengan tidak nggak gak ya min mau tolong dong sih kah nya juga sudah udah belum akan dalam pukul pakai minta",
  // ms
  "awak anda saya kami boleh ke tak tidak ada adakah macam mana bagaimana berapa bila di dari dan atau yang untuk ini itu dengan nak kah lah ya sudah dah pukul guna akan",
  // vi (folded)
  "toi ban minh shop cho hoi co khong la gi nao the nao bao nhieu khi khi nao o tai cua va hay duoc a a ah nhe voi nay do thi ma de vay sao em anh chi bang qua",
  // fil
  "ang ng sa mga ako ko ka mo po ba bang na at ay kayo ninyo namin natin kung paano ano ilan ilang kailan saan may meron ito iyan yung yun lang din rin pa naman para puwede pwede gaano bago gamit bilang nga ho",
  // hi
  "क्या है हैं में का की के को से और या मैं मुझे मेरा मेरी आप आपका आपकी हम यह वह कैसे कब कितना कितने कितनी कहाँ कहां कौन भी तो ही था थी जी कर करते करता करती सकता सकती सकते हो हूँ हूं जाता जाती जाते रहा रही रहे होता होती होगा",
  // th
  "ไหม มั้ย ครับ ค่ะ คะ คับ จ้า นะ ที่ ของ และ หรือ ได้ ไป มา เป็น อยู่ คือ มี ไร อะไร ยังไง อย่างไร เท่าไร เท่าไหร่ กี่ ไหน เมื่อไร เมื่อไหร่ ฉัน ผม หนู เรา คุณ ก็ จะ ให้ ว่า แล้ว เท่า ไหร่ โมง บ้าง",
  // zh
  "的 了 吗 嗎 呢 吧 啊 是 在 有 我 你 您 他 她 们 們 这 這 那 什么 什麼 怎么 怎麼 如何 吗 多少 几 幾 几点 幾點 哪 哪里 哪裡 可以 能 要 会 會 和 与 與 或 请问 請問 请 請 一下 还有 還有 到 吗 幫忙 帮忙",
  // ja
  "の は が を に で と も か な ね よ です ます でしょう ください ですか ますか いつ どこ なに 何 どう どの どれ いくら この その あの これ それ ある いる する できる から まで",
  // ko
  "이 그 저 뭐 무엇 어떻게 언제 어디 얼마 얼마나 얼마예요 얼마인가요 몇 며칠 안에 있나요 있어요 있습니까 하나요 해요 되나요 되요 돼요 인가요 가요 나요 요 제 저는 나 우리 좀 수 있는 가능한가요 되나 어때요",
].join(" ");
export const STOPWORDS: ReadonlySet<string> = new Set(
  STOPWORDS_TEXT.split(/\s+/)
    .filter(Boolean)
    .map((w) => (LATIN.test(w) ? foldLatin(w) : w)),
);

/**
 * Indonesian and Malay words without their affixes (pengiriman, dikirim → kirim; mengembalikan → kembali), after
 * Nazief and Adriani, simplified: a prefix whose nasal swallowed the root's first letter (meng-irim) gives both
 * readings ("irim", "kirim"), and the word without its prefix is kept too, so documents and questions meet.
 */
export function malayStems(word: string): string[] {
  if (word.length <= 4 || /\d/.test(word)) return [word];
  let w = word;
  const cut = (re: RegExp, min = 4) => {
    const m = re.exec(w);
    if (m && w.length - m[0].length >= min) w = w.slice(0, -m[0].length);
  };
  cut(/(lah|kah|pun|tah)$/);
  cut(/(nya|ku|mu)$/);
  cut(/(kan|an)$/);
  const stems = new Set([w]);
  let root = w;
  const first = /^(di|ke|se)/.exec(root);
  if (first && root.length - 2 >= 4) {
    root = root.slice(2);
    stems.add(root);
  }
  const vowel = (c: string | undefined) => c !== undefined && "aeiou".includes(c);
  const add = (...candidates: string[]) => {
    for (const c of candidates) if (c.length >= 3) stems.add(c);
  };
  const prefix = /^(meny|peny|meng|peng|mem|pem|men|pen|me|pe|ber|be|ter)/.exec(root)?.[1];
  if (prefix) {
    const rest = root.slice(prefix.length);
    const next = rest[0];
    if (prefix === "meny" || prefix === "peny") add(`s${rest}`);
    else if (prefix === "meng" || prefix === "peng") add(rest, ...(vowel(next) ? [`k${rest}`] : []));
    else if (prefix === "mem" || prefix === "pem") add(vowel(next) ? `p${rest}` : rest);
    else if (prefix === "men" || prefix === "pen") add(rest, ...(vowel(next) ? [`t${rest}`] : []));
    else if (prefix === "me" || prefix === "pe") {
      if (next !== undefined && "lrwy".includes(next)) add(rest);
    } else add(rest);
  }
  return [...stems];
}

/**
 * Filipino (Tagalog) words without their affixes (magbalik, ibalik → balik; ipadala → padala, dala; pagbabayad →
 * bayad), the reduplicated first syllable of a verb included; the word itself is kept too.
 */
export function tagalogStems(word: string): string[] {
  if (word.length <= 4 || /\d/.test(word)) return [word];
  const stems = new Set([word]);
  const add = (w: string) => {
    if (w.length >= 3) stems.add(w);
  };
  let w = word;
  const suffix = /(han|hin|an|in)$/.exec(w);
  if (suffix && w.length - suffix[0].length >= 4) {
    w = w.slice(0, -suffix[0].length);
    add(w);
  }
  const prefix = /^(ipinag|ipina|ipag|ipa|pinag|nakipag|makipag|maka|naka|mag|nag|pag|ma|na|i|ka)/.exec(
    w,
  )?.[1];
  if (prefix && w.length - prefix.length >= 3) {
    const rest = w.slice(prefix.length);
    add(rest);
    // Reduplication marks aspect: babayad → bayad, pupunta → punta.
    if (/^([^aeiou]?[aeiou])\1/.test(rest)) add(rest.replace(/^([^aeiou]?[aeiou])/, ""));
  }
  return [...stems];
}

/** Hindi words without their inflection (घंटों → घंट, भेजा → भेज), after Ramanathan and Rao's light stemmer. */
const HINDI_SUFFIXES = [
  "ियों",
  "ाओं",
  "ाएं",
  "ाएँ",
  "ों",
  "ें",
  "ीं",
  "ाँ",
  "ां",
  "ना",
  "ने",
  "नी",
  "ता",
  "ते",
  "ती",
  "ा",
  "ी",
  "े",
  "ि",
  "ु",
  "ो",
];
export function hindiStems(word: string): string[] {
  for (const suffix of HINDI_SUFFIXES)
    if (word.length - suffix.length >= 2 && word.endsWith(suffix))
      return [word, word.slice(0, -suffix.length)];
  return [word];
}

/** Every pair of adjacent Han characters, with where it starts (Chinese and Japanese words are mostly two characters). */
function hanBigrams(text: string): { pair: string; at: number }[] {
  const out: { pair: string; at: number }[] = [];
  for (const run of text.matchAll(/\p{Script=Han}{2,}/gu))
    for (let i = 0; i + 1 < run[0].length; i++) {
      const pair = run[0].slice(i, i + 2);
      if (![...pair].some((c) => STOPWORDS.has(c))) out.push({ pair, at: (run.index ?? 0) + i });
    }
  return out;
}

const ASCII_WORD = /^[a-z0-9]+$/;

/** A Latin word's forms in its language: Malay and Indonesian affixes, English endings, Vietnamese as it is. */
function latinForms(word: string, language: Language | undefined): string[] {
  if (language === "id" || language === "ms") return malayStems(word);
  if (language === "fil") return [...new Set([stemLatin(word), ...tagalogStems(word)])];
  if (language === "vi") return [word];
  return [stemLatin(word)];
}

const HIRAGANA_ONLY = /^\p{Script=Hiragana}+$/u;

/**
 * One word as the index keeps it, as the forms it may take (a Korean noun with and without its particle, a Malay word
 * with and without its affixes); none for a word that carries no meaning.
 */
function formsOf(raw: string, language: Language | undefined): string[] {
  let word = raw;
  if (!ASCII_WORD.test(word)) {
    if (/^\d{1,3}([.,]\d{3})+$/.test(word)) word = word.replace(/[.,]/g, "");
    if (LATIN.test(word)) word = foldLatin(word);
  }
  if (word.length === 0 || STOPWORDS.has(word)) return [];
  if (LATIN.test(word) || ASCII_WORD.test(word)) return latinForms(word, language);
  // Japanese content words are written in kanji or katakana; hiragana alone is grammar (て, から, ます, できる).
  if (HIRAGANA_ONLY.test(word)) return [];
  if (DEVANAGARI.test(word)) return hindiStems(word);
  if (HANGUL.test(word)) {
    const stem = koreanStem(word);
    return stem !== word && !STOPWORDS.has(stem) ? [word, stem] : [word];
  }
  return [word];
}

/**
 * The words of `text` (written in `language` when known), each as the forms it may take; in Chinese and Japanese a
 * word also takes the Han pairs that overlap it, so "退货" matches whether the dictionary cut it as one word or two.
 */
export function wordsOf(text: string, language?: Language): string[][] {
  const normal = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ");
  const words: string[][] = [];
  if (!NEEDS_SEGMENTER.test(normal)) {
    for (const word of normal.match(WORD) ?? []) {
      const forms = formsOf(word, language);
      if (forms.length > 0) words.push(forms);
    }
    return words;
  }
  const spans: { from: number; to: number; forms: string[] }[] = [];
  for (const segment of segmenterFor(segmenterTag(normal, language)).segment(normal)) {
    if (!segment.isWordLike) continue;
    const forms = formsOf(segment.segment, language);
    if (forms.length > 0)
      spans.push({ from: segment.index, to: segment.index + segment.segment.length, forms });
  }
  if (HAN.test(normal))
    for (const { pair, at } of hanBigrams(normal))
      for (const span of spans)
        if (span.from < at + 2 && at < span.to && !span.forms.includes(pair)) span.forms.push(pair);
  for (const span of spans) words.push(span.forms);
  return words;
}

/** The words of `text` as the index keeps them, every form of every word. */
export function tokenize(text: string, language?: Language): string[] {
  return wordsOf(text, language).flat();
}

/**
 * Words that mean the same to a shopper asking (shipping and delivery, refund and return), per language; a question's
 * word also finds its group's other words. Written naturally here, cut by the tokenizer below.
 */
const SYNONYM_GROUPS = [
  "shipping delivery deliver ship courier postage",
  "return refund exchange",
  "payment pay cod",
  "hours open opening close closing",
  "price cost",
  "stock available availability",
  "pengiriman kirim dikirim ongkir antar delivery",
  "pengembalian retur refund kembalikan tukar penukaran pulangan",
  "pembayaran bayar cod",
  "buka operasional tutup beroperasi operasi",
  "penghantaran hantar pos",
  "padala deliver shipping",
  "ibalik refund palit return",
  "bayad payment",
  "退货 退款 退换 退",
  "退貨 退款 退換",
  "配送 运送 寄送 送货 发货 运费",
  "配送 運送 寄送 送貨 出貨 運費",
  "付款 支付 货到付款 貨到付款",
  "营业 營業 营业时间 營業時間 工作时间 上班 服务时间 服務時間",
  "返品 返金 交換",
  "配送 発送 送料",
  "환불 반품 교환",
  "배송 택배 배송비",
  "คืนเงิน คืน เปลี่ยน",
  "ส่ง จัดส่ง ค่าส่ง",
  "สั่ง สั่งซื้อ คำสั่งซื้อ ออเดอร์ order",
  "เปิด ทำการ เวลาทำการ ออนไลน์",
  "वापसी रिफंड लौटाना",
  "डिलीवरी शिपिंग",
];

const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const group of SYNONYM_GROUPS) {
    const words = [...new Set(group.split(" ").flatMap((w) => [...tokenize(w), ...tokenize(w, "id")]))];
    for (const word of words) {
      const set = map.get(word) ?? new Set<string>();
      for (const other of words) if (other !== word) set.add(other);
      map.set(word, set);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]));
})();

/**
 * Words that ask about a product's data rather than name the product (price, stock, size, colour, in every language):
 * a product answers them with its prices and variants, whatever its description says.
 */
const PRODUCT_FACT_WORDS = new Set(
  [
    "price cost stock available availability size colour color",
    "harga tersedia stok kosong habis ukuran warna ready saiz",
    "ราคา ของ มีของ หมด ไซส์ ไซซ์ สี",
    "giá còn hàng hết màu cỡ",
    "magkano halaga kulay",
    "価格 値段 在庫 サイズ 色 売り切れ",
    "가격 재고 품절 사이즈 색상 색깔",
    "价格 價格 钱 錢 售价 售價 货 貨 现货 現貨 缺货 缺貨 尺码 尺碼 码 碼 号 號 颜色 顏色",
    "कीमत दाम उपलब्ध स्टॉक मिलेगा साइज़ साइज रंग",
  ]
    .join(" ")
    .split(" ")
    .flatMap((w) => [...tokenize(w), ...tokenize(w, "id"), ...tokenize(w, "fil")]),
);

/**
 * How questions are asked, which no answer contains: "how long does it take", "berapa lama". Taken out of questions
 * only; the same words in an article keep their meaning ("long sleeves").
 */
const QUESTION_PHRASES =
  /\b(how (long|much|many|soon|often)|does it take|do(es)? (it|they) take|will it take|takes?|berapa lama)\b/giu;

/** A meaningful word of a question: the forms it may take, and the words that mean the same. */
export interface QuestionWord {
  readonly forms: readonly string[];
  readonly synonyms: readonly string[];
  /** It asks about a product's data (price, stock, size, colour): a product answers it from its variants. */
  readonly productFact: boolean;
}

/**
 * A question as its meaningful words. A passage that contains any form or synonym of a word answers that part of the
 * question (what `coverage` counts).
 */
export function questionTerms(question: string, language?: Language): QuestionWord[] {
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  for (const forms of wordsOf(question.replace(QUESTION_PHRASES, " "), language)) {
    const key = forms.join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    const synonyms = [...new Set(forms.flatMap((f) => SYNONYMS.get(f) ?? []))].filter(
      (w) => !forms.includes(w),
    );
    words.push({ forms, synonyms, productFact: forms.some((f) => PRODUCT_FACT_WORDS.has(f)) });
  }
  return words;
}

/** Whether prefix and fuzzy matching help this word: Latin words long enough not to match everything. */
export const isLatinTerm = (term: string) => /^[a-z0-9]+$/.test(term);
