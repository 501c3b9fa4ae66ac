/**
 * The languages we answer in (R11), one typed entry each. Everything that varies by language is read from here:
 * detection, order words, the model's register, our locales and their regional variants, Intl tags, the inbox's
 * fonts and punctuation. Adding a code to LANGUAGE_CODES makes the compiler ask for its entry, its training
 * utterances and its locale files (docs/recipes.md, "Adding a language").
 */

/** Our BCP 47 tags, in the order lists and schemas show them. */
export const LANGUAGE_CODES = [
  "en",
  "id",
  "ms",
  "th",
  "vi",
  "fil",
  "zh-Hans",
  "zh-Hant",
  "ja",
  "ko",
  "hi",
] as const;
export type Language = (typeof LANGUAGE_CODES)[number];

/** Unicode scripts, named as in `\p{Script=…}`. */
export type UnicodeScript = "Latin" | "Thai" | "Hangul" | "Hiragana" | "Katakana" | "Han" | "Devanagari";

/** The scripts the embedded detector counts (ai/language/scripts.ts); a new one needs its code point ranges there. */
export type DetectorScript = "latin" | "thai" | "hangul" | "kana" | "devanagari" | "han";

/** How the embedded detector (ai/language/detector.ts) recognises a language. */
export type Detection =
  /** A Latin-script language told apart by eld's n-grams, under eld's code (eld has one code for Indonesian and Malay). */
  | {
      readonly by: "eld";
      readonly eld: string;
      /**
       * Everyday words that mark the language in a message mixed with English ("po", "nyo", "kak", "tak", "ko"), read
       * against English's own (its function words) among the market's languages: Taglish in PH, Manglish in MY.
       */
      readonly markers?: readonly string[];
    }
  /**
   * A language its own script decides. `romanised`: words that, two at a time, identify it written in Latin letters
   * (romanised Hindi). Kana also claims Han-only text in a market whose shoppers write this language.
   */
  | {
      readonly by: "script";
      readonly script: Exclude<DetectorScript, "latin" | "han">;
      readonly romanised?: readonly string[];
    }
  /** Chinese: Han characters, Simplified or Traditional by the forms of frequent characters. */
  | { readonly by: "han"; readonly form: "simplified" | "traditional" };

/** A regional variant of a language with its own locale files, which fall back to the language's own locale. */
export interface LocaleVariant {
  /** Our locale tag and the folder under locales/. */
  readonly locale: string;
  /** Markets, and BCP 47 region subtags, whose readers get this variant. */
  readonly regions: readonly string[];
  /** How the model writes for this variant, in place of the language's register. */
  readonly register: string;
}

export interface LanguageEntry {
  /** Scripts the language is written in: every string of its locale uses one of them (test/unit/locales.test.ts). */
  readonly scripts: readonly UnicodeScript[];
  readonly detection: Detection;
  /** How BCP 47 tags from browsers, agent tokens and channels name it. */
  readonly tag: {
    /** Primary language subtags, ours first ("tl" is the older code for Filipino). */
    readonly languages: readonly string[];
    /** Where several languages share a subtag (Chinese): the script subtag that names this one… */
    readonly script?: string;
    /** …and the regions that imply it when a tag gives no script (zh-TW is Traditional). */
    readonly regions?: readonly string[];
  };
  /** The tag Intl (CLDR) formats with, where it differs from ours. */
  readonly intl: string;
  readonly variants: readonly LocaleVariant[];
  /** R9: how the model writes to this language's shoppers (address, particles, politeness). */
  readonly register: string;
  /**
   * Words shoppers put before an order number ("pesanan 1002", "注文番号1004"), as plain text; domain/extract.ts
   * joins every language's. Phone numbers are read in the market's country (markets.ts, contact.ts), not by language.
   */
  readonly orderWords: readonly string[];
  /**
   * How shoppers answer a yes-or-no question ("anything else?"), lower case, as whole replies (domain/dialogue.ts):
   * a reply that is one of these, perhaps with a particle or two, is the answer.
   */
  readonly yesNo: {
    readonly yes: readonly string[];
    readonly no: readonly string[];
    /** What may stand beside a yes or a no without changing it: the action asked about said again ("cancel", "取消"). */
    readonly echo: readonly string[];
  };
  /** The inbox page's font for the script: its CSS family and the Debian package (scripts/setup-browser.sh) carrying it. */
  readonly font: { readonly family: string; readonly debianPackage: string };
  /** Full-width punctuation (，。？！) between its characters, never ASCII (Chinese and Japanese). */
  readonly fullWidthPunctuation: boolean;
}

const NOTO_SANS = { family: "Noto Sans", debianPackage: "fonts-noto-core" } as const;

const CATALOGUE = {
  en: {
    scripts: ["Latin"],
    detection: {
      by: "eld",
      eld: "en",
      markers:
        "the is are was were my your you i i'm im it it's its this that to of and for can could would what how where when why with from have has been did does will not but still already u ur in on am be".split(
          " ",
        ),
    },
    tag: { languages: ["en"] },
    intl: "en",
    variants: [],
    register: "English, friendly and clear; plain words a non-native reader understands.",
    orderWords: ["order", "orders"],
    yesNo: {
      yes: [
        "go ahead",
        "go",
        "sure can",
        "can",
        "do it",
        "proceed",
        "yea",
        "yah",
        "alright",
        "fine",
        "sounds good",
        "cancel it",
        "yes",
        "yeah",
        "yep",
        "yup",
        "sure",
        "ok",
        "okay",
        "yes please",
        "please",
        "correct",
        "right",
        "confirm",
        "confirmed",
        "i confirm",
        "yes confirm",
      ],
      no: [
        "dont",
        "don't",
        "do not",
        "nvm",
        "never mind",
        "nevermind",
        "keep my order",
        "keep it",
        "keep the order",
        "leave it",
        "leave the order",
        "leave my order",
        "no need",
        "no",
        "nope",
        "nah",
        "no thanks",
        "no thank you",
        "nothing",
        "nothing else",
        "that's all",
        "thats all",
        "that's it",
        "all good",
        "i'm good",
        "im good",
        "not now",
        "i'll wait",
        "ill wait",
        "i will wait",
        "i can wait",
        "i'll wait for it",
        "i will wait for it",
        "it just arrived",
        "it arrived",
        "just arrived",
        "already arrived",
        "got it already",
      ],
      echo: [
        "actually",
        "wait",
        "cancel",
        "it",
        "la",
        "lah",
        "ah",
        "leh",
        "the order",
        "order",
        "boss",
        "sis",
        "bro",
        "first",
        "already",
        "anymore",
        "please",
        "pls",
        "thanks",
        "thank you",
      ],
    },
    font: NOTO_SANS,
    fullWidthPunctuation: false,
  },
  id: {
    scripts: ["Latin"],
    detection: {
      by: "eld",
      eld: "ms",
      markers:
        "kak ga gak nggak ngga min dong sih aja kok udah udh blm belum sudah bisa gimana gmn brp berapa jam yg yang dan di ke dari ini itu saya sy aku kalian mau tolong kirim dikirim barang pesanan orderan paket sampai nyampe kapan dimana mana ada tidak kan deh nih batalin hapus pribadi dr sm jg juga lagi banget bgt".split(
          " ",
        ),
    },
    tag: { languages: ["id"] },
    intl: "id",
    variants: [],
    register: 'Indonesian, warm shop-chat style; address the shopper as "Kak".',
    orderWords: ["pesanan", "pesenan"],
    yesNo: {
      yes: [
        "gas",
        "oke gas",
        "lanjut",
        "lanjutkan",
        "sip",
        "batalin aja",
        "batalkan aja",
        "cancel aja",
        "setuju",
        "boleh kak",
        "ya",
        "iya",
        "iyaa",
        "yup",
        "betul",
        "benar",
        "boleh",
        "oke",
        "ok",
        "siap",
        "mau",
      ],
      no: [
        "jangan",
        "jgn",
        "ga jadi",
        "gak jadi",
        "nggak jadi",
        "gajadi",
        "gausah",
        "ga usah",
        "gak usah",
        "nggak usah",
        "tidak usah",
        "ngga usah",
        "tidak",
        "nggak",
        "ngga",
        "gak",
        "ga",
        "enggak",
        "tidak ada",
        "gak ada",
        "ga ada",
        "nggak ada",
        "udah",
        "sudah",
        "cukup",
        "itu aja",
        "itu saja",
        "udah cukup",
        "sudah cukup",
        "aku tunggu aja",
        "saya tunggu aja",
        "tunggu aja",
        "udah nyampe",
        "sudah sampai",
      ],
      echo: [
        "dibatalin",
        "batalin",
        "dibatalkan",
        "batalkan",
        "cancel",
        "aja",
        "deh",
        "dulu",
        "min",
        "kak",
        "ya",
        "dong",
      ],
    },
    font: NOTO_SANS,
    fullWidthPunctuation: false,
  },
  ms: {
    scripts: ["Latin"],
    detection: {
      by: "eld",
      eld: "ms",
      markers:
        "nak tak ke ni tu je boleh saya aku korang awak mana macam apa ada dah sudah belum lagi kat dengan untuk barang sampai berapa bila kenapa tolong baik terima kasih ye semula guna tanya stok bau berasap hangit dapat takde tiada polisi sebab kalau pun ini itu sy ckp cakap ngn dgn yg btol betul gila lambat nk bole blh tp tapi weh payah sgt sangat".split(
          " ",
        ),
    },
    tag: { languages: ["ms"] },
    intl: "ms",
    variants: [],
    register: "Malaysian Malay (Bahasa Melayu, not Indonesian vocabulary), polite and friendly.",
    orderWords: ["pesanan"],
    yesNo: {
      yes: [
        "setuju",
        "ok boss",
        "jom",
        "cancel je",
        "teruskan",
        "ya betul",
        "ya",
        "betul",
        "boleh",
        "ok",
        "okay",
        "baik",
        "nak",
      ],
      no: [
        "tak nak",
        "taknak",
        "x nak",
        "tak payah",
        "x payah",
        "takpayah",
        "x perlu",
        "jangan",
        "jgn",
        "tak jadi",
        "x jadi",
        "tidak",
        "tak",
        "tak ada",
        "tiada",
        "takde",
        "tak perlu",
        "itu sahaja",
        "itu je",
        "cukup",
        "dah",
        "dah cukup",
        "sy tunggu je",
        "saya tunggu je",
        "tunggu je",
        "dah sampai",
        "takpe",
        "takpe la",
        "tak pe",
        "xpe",
        "takpelah",
        "takpe lah",
      ],
      echo: ["cancel", "batal", "batalkan", "je", "la", "lah", "boss", "sis", "bro", "dulu"],
    },
    font: NOTO_SANS,
    fullWidthPunctuation: false,
  },
  th: {
    scripts: ["Thai"],
    detection: { by: "script", script: "thai" },
    tag: { languages: ["th"] },
    intl: "th",
    variants: [],
    register: "Thai, polite; end sentences with the female polite particles ค่ะ/คะ as Thai shop chat does.",
    orderWords: ["ออเดอร์", "คำสั่งซื้อ"],
    yesNo: {
      yes: [
        "ได้เลย",
        "จัดไป",
        "ยกเลิกเลย",
        "ยกเลิกได้เลย",
        "ใช่",
        "ใช่ค่ะ",
        "ใช่ครับ",
        "ได้",
        "ได้ค่ะ",
        "ได้ครับ",
        "โอเค",
        "ตกลง",
        "ค่ะ",
        "ครับ",
      ],
      no: [
        "ไม่ต้อง",
        "อย่า",
        "อย่าเพิ่ง",
        "ยังไม่ต้อง",
        "ไม่ยกเลิก",
        "เก็บไว้",
        "ไม่",
        "ไม่ใช่",
        "ไม่มี",
        "ไม่มีค่ะ",
        "ไม่มีครับ",
        "ไม่ค่ะ",
        "ไม่ครับ",
        "พอแล้ว",
        "แค่นี้",
        "แค่นี้ค่ะ",
        "แค่นี้ครับ",
        "รอได้",
        "เดี๋ยวรอได้",
        "รอได้ค่ะ",
        "ได้ของแล้ว",
        "ไม่ต้องยกเลิก",
        "อย่ายกเลิก",
      ],
      echo: ["ยกเลิก", "ค่ะ", "ครับ", "คับ", "นะคะ", "นะ", "คะ", "ก่อน", "เลย", "จ้า", "ค่า"],
    },
    font: { family: "Noto Sans Thai", debianPackage: "fonts-noto-core" },
    fullWidthPunctuation: false,
  },
  vi: {
    scripts: ["Latin"],
    detection: {
      by: "eld",
      eld: "vi",
      markers:
        "ko k khong không dc duoc được chua chưa roi rồi co có la là gi gì vay vậy oi ơi nha nhe nhé minh mình ban bạn da dạ ạ e em anh chi chị cam cảm cám ơn hang hàng tien tiền don đơn huy hủy giao nguoi người ai o ở phai phải chinh ve về tuan tuần lam làm kieu kiểu chao chào cho voi với nay này mua bao nhieu nhiêu sao thi thì ma mà nhung nhưng cua của toi tôi bi bị hoai hoài luon luôn dau đâu nv ad nhan nhận gui gửi doi đổi tra trả ngay ngày gio giờ hom hôm lien liên khach khách hoac hoặc nua nữa thoi thôi".split(
          " ",
        ),
    },
    tag: { languages: ["vi"] },
    intl: "vi",
    variants: [],
    register: 'Vietnamese with full diacritics, polite; address the shopper as "anh/chị" and use "ạ".',
    orderWords: ["đơn hàng", "don hang", "đơn"],
    yesNo: {
      yes: [
        "ừm",
        "oke",
        "okie",
        "hủy đi",
        "huy di",
        "đồng ý",
        "vâng ạ",
        "dc",
        "uh",
        "có",
        "vâng",
        "dạ",
        "đúng",
        "đúng rồi",
        "ừ",
        "ok",
        "được",
        "dạ có",
        "co",
      ],
      no: [
        "đừng",
        "dung",
        "khỏi",
        "khoi",
        "đừng hủy",
        "giữ lại",
        "giu lai",
        // Keep the order: "ko ạ, giữ đơn giúp em".
        "giữ đơn",
        "giu don",
        "giữ",
        "giu",
        "thoi",
        "không",
        "ko",
        "k",
        "không có",
        "không ạ",
        "dạ không",
        "hết rồi",
        "vậy thôi",
        "thôi",
        "khong",
        // Still taking it ("không ạ, em vẫn lấy"): the order kept.
        "vẫn lấy",
        "van lay",
        "vẫn giữ",
        "van giu",
        "vẫn nhận",
        "van nhan",
        "vẫn mua",
        "van mua",
        // No need ("thôi ko cần đâu shop").
        "không cần",
        "ko cần",
        "k cần",
        "khỏi cần",
        "khong can",
        "ko can",
        "để mình đợi",
        "mình đợi được",
        "mình chờ được",
        "hàng tới rồi",
        "nhận được rồi",
      ],
      // Particles and pronouns with and without diacritics: "ko a, giu don giup e".
      echo: [
        "hủy",
        "huy",
        "đâu",
        "đi",
        "di",
        "shop",
        "ạ",
        "a",
        "nha",
        "nhé",
        "nhe",
        "giúp",
        "giup",
        "giùm",
        "gium",
        "em",
        "e",
        "mình",
        "minh",
        "đơn",
        "don",
        "luôn",
        "luon",
        "với",
        "voi",
        // Teencode "lun" (luôn), "nữa" ("ko hủy nữa") and the southern "tui".
        "lun",
        "nữa",
        "nua",
        "tui",
      ],
    },
    font: NOTO_SANS,
    fullWidthPunctuation: false,
  },
  fil: {
    scripts: ["Latin"],
    detection: {
      by: "eld",
      eld: "tl",
      markers:
        "po opo naman lang ba ko nyo niyo yung ang ng sa mo kayo pa wala ano pwede paano salamat kuya ate na ito dito rin din hindi ako siya nasan saan kailan bakit magkano meron mag yan eto sana ahente tao".split(
          " ",
        ),
    },
    tag: { languages: ["fil", "tl"] },
    // CLDR's Filipino data is keyed by the Philippine tag.
    intl: "fil-PH",
    variants: [],
    register:
      'Filipino (Tagalog) as Philippine online shops write it, polite with "po"; common English loanwords are fine.',
    orderWords: ["order"],
    yesNo: {
      yes: [
        "go",
        "go po",
        "game",
        "tuloy",
        "cancel na",
        "oo",
        "opo",
        "oo po",
        "sige",
        "sige po",
        "tama",
        "yes",
        "yes po",
        "ok",
        "okay",
        "ok po",
      ],
      no: [
        "wag",
        "huwag",
        "wag po",
        "wag na",
        "ay hindi",
        "hindi na",
        "wag muna",
        "hindi",
        "hindi po",
        "wala",
        "wala po",
        "wala na",
        "wala na po",
        "ayos na",
        "ayos na po",
        "okay na",
        "ok na",
        "yun lang",
        "yun lang po",
        "hintayin ko na lang",
        "maghihintay na lang ako",
        "dumating na",
      ],
      echo: [
        "mo na",
        "nyo na",
        "na po",
        "na lang",
        "i-cancel",
        "cancel",
        "po",
        "muna",
        "nyo",
        "mo",
        "na",
        "ay",
        "lang",
        "ate",
        "kuya",
      ],
    },
    font: NOTO_SANS,
    fullWidthPunctuation: false,
  },
  "zh-Hans": {
    scripts: ["Han"],
    detection: { by: "han", form: "simplified" },
    tag: { languages: ["zh"], script: "Hans" },
    intl: "zh-Hans",
    variants: [],
    register: "Simplified Chinese, polite shop-chat style using 您.",
    orderWords: ["订单"],
    yesNo: {
      yes: [
        "嗯嗯",
        "好吧",
        "行",
        "可以的",
        "确定",
        "取消吧",
        "帮我取消",
        "是",
        "是的",
        "对",
        "对的",
        "好",
        "好的",
        "嗯",
        "可以",
        "要",
      ],
      no: [
        "不要",
        "别",
        "先别",
        "先不要",
        "算了",
        "不取消",
        "别取消",
        "不",
        "不是",
        "没有",
        "没了",
        "不用",
        "不用了",
        "没有了",
        "就这些",
        "没事了",
        "我再等等",
      ],
      echo: ["帮我", "取消", "吧", "了", "啦", "先", "谢谢", "麻烦了", "的"],
    },
    font: { family: "Noto Sans CJK SC", debianPackage: "fonts-noto-cjk" },
    fullWidthPunctuation: true,
  },
  "zh-Hant": {
    scripts: ["Han"],
    detection: { by: "han", form: "traditional" },
    tag: { languages: ["zh"], script: "Hant", regions: ["TW", "HK", "MO"] },
    intl: "zh-Hant",
    variants: [
      {
        locale: "zh-Hant-HK",
        regions: ["HK", "MO"],
        register:
          "Traditional Chinese as written by Hong Kong businesses (formal written Chinese, e.g. 訂單, 寄出, 追蹤編號).",
      },
    ],
    register: "Traditional Chinese as written in Taiwan (e.g. 訂單, 出貨, 物流), polite.",
    orderWords: ["訂單"],
    yesNo: {
      yes: [
        "好吧",
        "行",
        "可以的",
        "確定",
        "取消吧",
        "幫我取消",
        "是",
        "是的",
        "對",
        "對的",
        "好",
        "好的",
        "嗯",
        "可以",
        "要",
        "係",
        "係呀",
        "好呀",
      ],
      no: [
        "唔好",
        "唔要",
        "先不要",
        "先唔好",
        "別",
        "算了",
        "不取消",
        "唔好取消",
        "不",
        "不是",
        "沒有",
        "沒了",
        "不用",
        "不用了",
        "沒有了",
        "唔使",
        "唔使了",
        "冇",
        "冇了",
        "就這些",
        "我再等等",
      ],
      echo: ["幫我", "取消", "吧", "啦", "住", "先", "麻煩了", "唔該", "謝謝", "喇"],
    },
    font: { family: "Noto Sans CJK TC", debianPackage: "fonts-noto-cjk" },
    fullWidthPunctuation: true,
  },
  ja: {
    scripts: ["Hiragana", "Katakana", "Han"],
    detection: { by: "script", script: "kana" },
    tag: { languages: ["ja"] },
    intl: "ja",
    variants: [],
    register: "Japanese in keigo, as a shop's customer support writes (ご注文, 発送いたしました, 〜様).",
    orderWords: ["注文"],
    yesNo: {
      yes: [
        "お願い",
        "してください",
        "それで",
        "どうぞ",
        "オッケー",
        "はい",
        "ええ",
        "うん",
        "そうです",
        "お願いします",
        "はいお願いします",
      ],
      no: [
        "やめて",
        "やめておきます",
        "やめときます",
        "しないで",
        "しないでください",
        "いいえ",
        "いえ",
        "大丈夫です",
        "大丈夫",
        "結構です",
        "ないです",
        "特にないです",
        "特にありません",
        "以上です",
        "待ちます",
        "届きました",
        "やっぱりいいです",
        "やっぱいいです",
      ],
      echo: ["キャンセル", "ください", "やっぱり", "やっぱ", "です", "で", "を", "は", "うーん"],
    },
    font: { family: "Noto Sans CJK JP", debianPackage: "fonts-noto-cjk" },
    fullWidthPunctuation: true,
  },
  ko: {
    scripts: ["Hangul"],
    detection: { by: "script", script: "hangul" },
    tag: { languages: ["ko"] },
    intl: "ko",
    variants: [],
    register: "Korean in polite 존댓말 (합쇼체/해요체), addressing the shopper as 고객님 or by name with 님.",
    orderWords: ["주문"],
    yesNo: {
      yes: [
        "넵",
        "ㅇㅇ",
        "ㅇㅋ",
        "해주세요",
        "해 주세요",
        "진행해 주세요",
        "네",
        "예",
        "응",
        "맞아요",
        "좋아요",
        "그래요",
        "네네",
        "넹",
        "네넹",
        "넴",
        "웅",
        "응응",
      ],
      no: [
        "ㄴㄴ",
        "아니",
        "하지 마세요",
        "하지마세요",
        "마세요",
        "둘게요",
        "아니요",
        "아니오",
        "아뇨",
        "없어요",
        "괜찮아요",
        "됐어요",
        "아니에요",
        "없습니다",
        "기다릴게요",
        "도착했어요",
      ],
      echo: ["취소", "취소하지", "그냥", "요", "주문", "부탁드려요", "부탁해요", "부탁드립니다"],
    },
    font: { family: "Noto Sans CJK KR", debianPackage: "fonts-noto-cjk" },
    fullWidthPunctuation: false,
  },
  hi: {
    scripts: ["Devanagari"],
    detection: {
      by: "script",
      script: "devanagari",
      // Romanised Hindi (Hinglish) words that no other supported Latin-script language uses this way.
      romanised: [
        ..."mujhe mera meri mere kab kya kyu kyun nahi nahin hai hain kar karo karna chahiye milega mila aap apna apni kitne kitna bhai yaar abhi tak wala wali kaise kaha kahan paisa paise vapas wapas jaldi ka ki ke ko se mein pe ho hua hui hue gaya gayi gaye diya diye dena karke karte karta karti raha rahi rahe hoon hun tha thi kaunsa kaun kyon batao bhej bhejo chalega lene jayega jaayega sakta sakti sakte hoga kuch bahut bhi aur accha acchi achha theek thik galat sahi wale bhaiya shukriya dhanyavaad namaste baat karao bulao band kharab dabba koi daal ji kb tk aayega ayega aaega aega aayegi ayegi aaya aayi dunga dungi denge karunga krunga lena lelo dekh dekho nhi nai krdo kardo kr kro krna krke mjhe muje mujhko humko hume humne maine tumne aapne apne tum tumhara tumhari aapka apka aapki apki aapke apke hamara hamari kal aaj parso hafta hafte mahina mahine kyunki lekin agar toh sirf phir fir yeh woh kaisa kaisi kitni kidhar idhar pata chahiye chahie chaiye gya gyi hogaya hogya rha rhi rhe bheja bheji wapis rupaye samaan saman bata batao bataiye bataye kijiye dijiye karein hogi milegi bhejdo yrr yaar didi h ye ni insaan ek kam aaye mangwaye mangwaya mangaya".split(
          " ",
        ),
      ],
    },
    tag: { languages: ["hi"] },
    intl: "hi",
    variants: [],
    register: "Hindi in Devanagari, polite आप register.",
    orderWords: ["ऑर्डर", "order"],
    yesNo: {
      yes: [
        "ha",
        "haan ji",
        "haanji",
        "kar do",
        "kar dijiye",
        "कर दीजिए",
        "कर दो",
        "हाँ जी",
        "ok ji",
        "chalo",
        "haan",
        "han",
        "haa",
        "ji",
        "ji haan",
        "हाँ",
        "हां",
        "जी",
        "जी हाँ",
        "ok",
        "theek hai",
        "ठीक है",
        // "theek h", "thik hai", "accha": agreement in chat spelling, and "kr do" for "kar do".
        "theek",
        "thik",
        "theek h",
        "thik h",
        "thik hai",
        "ठीक",
        "accha",
        "achha",
        "acha",
        "अच्छा",
        "kr do",
        "kardo",
        "kr dijiye",
      ],
      no: [
        "mat",
        "mat karo",
        "nahi nahi",
        "rehne do",
        "rehne dijiye",
        "रहने दो",
        "मत करो",
        "मत",
        "nahi",
        "nahin",
        "na",
        "नहीं",
        "ना",
        "जी नहीं",
        "bas",
        "बस",
        "kuch nahi",
        "कुछ नहीं",
        // Keeping the order ("नहीं, ऑर्डर रखना है मुझे"), and "nhi" in chat spelling.
        "रखना है",
        "रखना",
        "rakhna hai",
        "rakhna h",
        "rakhna",
        "rakh lo",
        "rakhunga",
        "rakhungi",
        "रखूँगा",
        "रखूंगा",
        "रखूँगी",
        "रखूंगी",
        "nhi",
        "mat kro",
        "wait kar lunga",
        "wait kar lungi",
        "intezaar karunga",
        "मैं इंतज़ार करूंगा",
        "aa gaya",
        "main wait kar lunga",
        "main wait karunga",
        "main wait kar lungi",
      ],
      // The action said again in either spelling and register: "जी हाँ, कैंसिल कर दीजिए", "नहीं, मत कीजिए कैंसिल".
      echo: [
        "रद्द",
        "radd",
        "cancel",
        "karo",
        "kar",
        "do",
        "ji",
        "जी",
        "please",
        "कैंसल",
        "कैंसिल",
        "करो",
        "कर",
        "दो",
        "कीजिए",
        "दीजिए",
        "kijiye",
        "dijiye",
        "order",
        "ऑर्डर",
        "mujhe",
        "मुझे",
        "ये",
        "plz",
        "pls",
        "kr",
      ],
    },
    font: { family: "Noto Sans Devanagari", debianPackage: "fonts-noto-core" },
    fullWidthPunctuation: false,
  },
} as const satisfies Record<Language, LanguageEntry>;

/** Every language's entry, by code. */
export const LANGUAGES: Readonly<Record<Language, LanguageEntry>> = CATALOGUE;

type Catalogued = keyof typeof CATALOGUE;
type VariantLocale = { [L in Catalogued]: (typeof CATALOGUE)[L]["variants"][number]["locale"] }[Catalogued];
/** A locale we ship under locales/: a language, or a regional variant of one (zh-Hant-HK). */
export type Locale = Language | VariantLocale;

const entry = (language: Language): LanguageEntry => LANGUAGES[language];
const variantsOf = (language: Language): readonly LocaleVariant[] => entry(language).variants;

/** Every locale, each language followed by its variants. */
export const LOCALE_CODES: readonly Locale[] = LANGUAGE_CODES.flatMap((language): Locale[] => [
  language,
  ...variantsOf(language).map((v) => v.locale as Locale),
]);

export const isLanguage = (value: string): value is Language =>
  (LANGUAGE_CODES as readonly string[]).includes(value);

export const isLocale = (value: string): value is Locale =>
  (LOCALE_CODES as readonly string[]).includes(value);

/** The language a locale is written in: zh-Hant-HK is zh-Hant. */
export function languageOfLocale(locale: Locale): Language {
  if (isLanguage(locale)) return locale;
  return LANGUAGE_CODES.find((l) => variantsOf(l).some((v) => v.locale === locale)) as Language;
}

const variantOf = (locale: Locale): LocaleVariant | undefined =>
  variantsOf(languageOfLocale(locale)).find((v) => v.locale === locale);

/** The locale for a language in a market: zh-Hant in Hong Kong reads differently from Taiwan (R9). */
export function localeFor(language: Language, market: string | undefined): Locale {
  const variant = market ? variantsOf(language).find((v) => v.regions.includes(market)) : undefined;
  return (variant?.locale as Locale | undefined) ?? language;
}

/** Where i18next looks for a string a locale lacks: a variant's language, never English. */
export const localeFallbacks = (locale: string): Locale[] =>
  isLocale(locale) && !isLanguage(locale) ? [languageOfLocale(locale)] : [];

/** The tag to give Intl for one of our locales (fil → fil-PH); anything else passes through. */
export function intlTagOf(locale: string): string {
  if (!isLocale(locale)) return locale;
  return isLanguage(locale) ? entry(locale).intl : locale;
}

/** A regional variant's language and the region it is named after (zh-Hant-HK → zh-Hant, HK); undefined for others. */
export function regionalVariant(
  locale: string,
): { readonly language: Language; readonly region: string } | undefined {
  const region = isLocale(locale) ? variantOf(locale)?.regions[0] : undefined;
  return region && isLocale(locale) ? { language: languageOfLocale(locale), region } : undefined;
}

/** R9: how the model writes to a language's shoppers in a market. */
export function registerFor(language: Language, market: string | undefined): string {
  const locale = localeFor(language, market);
  return variantOf(locale)?.register ?? entry(language).register;
}

/** Every language's order words, once each. */
export const ORDER_WORDS: readonly string[] = [
  ...new Set(LANGUAGE_CODES.flatMap((l) => entry(l).orderWords)),
];

function parseTag(tag: string) {
  const [language = "", ...rest] = tag.split(/[-_]/);
  const script = rest.find((s) => /^[a-z]{4}$/i.test(s));
  const region = rest.find((s) => /^([a-z]{2}|\d{3})$/i.test(s));
  return {
    language: language.toLowerCase(),
    script: script ? script[0]?.toUpperCase() + script.slice(1).toLowerCase() : undefined,
    region: region?.toUpperCase(),
  };
}

/**
 * The language a BCP 47 tag names (a shopper's locale, an agent's language, a browser's): "tl-PH" is Filipino,
 * "zh-TW" and "zh-Hant-HK" Traditional Chinese, "zh" Simplified. Undefined for a language we do not answer in.
 */
export function languageOfTag(tag: string): Language | undefined {
  const { language, script, region } = parseTag(tag);
  const named = LANGUAGE_CODES.filter((l) => entry(l).tag.languages.includes(language));
  if (named.length <= 1) return named[0];
  if (script) return named.find((l) => entry(l).tag.script === script) ?? named[0];
  return named.find((l) => region && entry(l).tag.regions?.includes(region)) ?? named[0];
}

/** The locale for a BCP 47 tag: one of ours exactly, else its language in the variant of its region (zh-HK → zh-Hant-HK). */
export function localeOfTag(tag: string): Locale | undefined {
  const exact = LOCALE_CODES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const language = languageOfTag(tag);
  return language ? localeFor(language, parseTag(tag).region) : undefined;
}
