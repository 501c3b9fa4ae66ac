import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { renderLines, withDisclosure } from "../../functions/domain/render";
import { INITIAL_MEMORY } from "../../functions/domain/conversation";
import { type Language, localeFor } from "../../functions/domain/language";
import { MARKET_CODES, MARKETS, type Market, type MarketCode } from "../../functions/domain/markets";
import type { OrderSnapshot } from "../../functions/domain/order";
import { type DecisionInput, decide, offersPerson } from "../../functions/domain/policy";
import { DEMO_ORDERS } from "../../functions/local/demo-data";

const t = createTranslator();
const [shipped, preparing, cancelledAndRefunded] = DEMO_ORDERS as [
  OrderSnapshot,
  OrderSnapshot,
  OrderSnapshot,
];
const delivered: OrderSnapshot = {
  ...shipped,
  id: "gid://shopify/Order/2001",
  name: "#2001",
  fulfillmentStatus: "DELIVERED",
  tracking: [],
};
const refundedNotCancelled: OrderSnapshot = {
  ...delivered,
  id: "gid://shopify/Order/2002",
  name: "#2002",
  financialStatus: "REFUNDED",
};
const partlyRefundedUnshipped: OrderSnapshot = {
  ...preparing,
  id: "gid://shopify/Order/2003",
  name: "#2003",
  financialStatus: "PARTIALLY_REFUNDED",
};
const partlyRefundedShipped: OrderSnapshot = {
  ...shipped,
  id: "gid://shopify/Order/2004",
  name: "#2004",
  financialStatus: "PARTIALLY_REFUNDED",
};

const base = (language: Language, market: Market, patch: Partial<DecisionInput>): DecisionInput => ({
  status: "ai",
  memory: INITIAL_MEMORY,
  language,
  intent: "order_status",
  gaveOrderDetails: false,
  order: { kind: "found", order: shipped },
  shopperName: undefined,
  posture: market.posture,
  firstReply: true,
  ...patch,
});

/** The text a shopper reads: the policy's decision, rendered in their language, with the AI disclosure. */
function replyText(market: Market, language: Language, patch: Partial<DecisionInput>): string {
  const decision = decide(base(language, market, patch));
  if (decision.kind === "held") throw new Error("held");
  const locale = localeFor(language, market.code);
  const body = renderLines(t, decision.lines, { locale, market });
  return withDisclosure(t, locale, body, { personOffered: offersPerson(decision.lines) });
}

/** Replies of every kind the embedded engine writes. */
const SCENARIOS: Record<string, Partial<DecisionInput>> = {
  "status of several orders": { order: { kind: "several", orders: [shipped, preparing] } },
  "status of one order": {},
  "which order a refund is about": {
    intent: "refund_return",
    order: { kind: "several", orders: [shipped, delivered] },
  },
  "an order not found": { order: { kind: "not_found", name: "#9999" } },
  "no order known": { order: { kind: "none" } },
  greeting: { intent: "greeting", shopperName: "Siti" },
  thanks: { intent: "thanks" },
  "not understood": { intent: "unknown" },
  "a request for a person": { intent: "human_request" },
  "a cancellation": { intent: "cancel_order", order: { kind: "found", order: preparing } },
};

function personOffers(text: string, locale: string): number {
  const keyword = t.t(locale, "handoff_keyword");
  const assistant = t.t(locale, "assistant");
  const offers = [
    t.t(locale, "offer_person", { keyword }),
    t.t(locale, "disclosure", { assistant, keyword }),
  ];
  return offers.reduce((n, offer) => n + text.split(offer).length - 1, 0);
}

const everyReply = function* () {
  for (const code of MARKET_CODES) {
    const market = MARKETS[code];
    for (const language of market.languages)
      for (const firstReply of [true, false])
        for (const [name, patch] of Object.entries(SCENARIOS))
          yield {
            market,
            language,
            locale: localeFor(language, code),
            name,
            text: replyText(market, language, { ...patch, firstReply }),
          };
  }
};

describe("a person is offered once per reply (R1, R8)", () => {
  it("in every market, language and kind of reply, first or later", () => {
    for (const { market, locale, name, text } of everyReply()) {
      expect(personOffers(text, locale), `${market.code}/${locale} ${name}: ${text}`).toBe(1);
    }
  });

  it("in a hybrid market's first reply by the reply's own offer, the disclosure then only saying it is an AI", () => {
    const text = replyText(MARKETS.SG, "en", {});
    expect(text).toContain('talk to a person, just say so or type "agent"');
    expect(text.endsWith("— Support Assistant, an AI assistant.")).toBe(true);
  });
});

const CJK = "[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}、。，！？：；（）「」“”]";
const withoutLinks = (text: string) => text.replace(/https?:\/\/\S+/g, "");

describe("rendered replies keep each language's punctuation", () => {
  it("Chinese and Japanese replies have no ASCII punctuation and no space between sentences", () => {
    for (const { market, locale, name, text } of everyReply()) {
      if (!/^(ja|zh)/.test(locale)) continue;
      const where = `${market.code}/${locale} ${name}: ${text}`;
      expect(withoutLinks(text), where).not.toMatch(new RegExp(`${CJK}[,?!:;.]|[,?!:;]${CJK}`, "u"));
      expect(text, where).not.toMatch(/[。！？] +\S/u);
    }
  });

  it("Korean replies end each sentence before the next one starts", () => {
    for (const { market, name, text } of everyReply()) {
      if (market.code !== "KR") continue;
      expect(withoutLinks(text), `${name}: ${text}`).not.toMatch(/[.?!](?=[^\s.?!"'”’)\]}])/u);
      // The tracking number is followed by the end of its sentence, not by the next sentence ("JT0001234567 여기에서").
      expect(withoutLinks(text), `${name}: ${text}`).not.toMatch(/JT0001234567 \p{Script=Hangul}/u);
    }
  });

  it("lists orders the way each language lists alternatives", () => {
    const which = (code: MarketCode, language: Language) =>
      replyText(
        { ...MARKETS[code], posture: "ai-first" },
        language,
        SCENARIOS["which order a refund is about"] ?? {},
      );
    expect(which("CN", "zh-Hans")).toContain("#1001或#2001");
    expect(which("JP", "ja")).toContain("#1001または#2001");
    expect(which("SG", "en")).toContain("#1001 or #2001");
  });
});

/** Each locale's words for "cancel", "refund" and "part of", to check what a sentence says. */
const WORDS: Record<string, { market: MarketCode; cancel: RegExp; refund: RegExp; part: RegExp }> = {
  en: { market: "SG", cancel: /cancel/i, refund: /refund/i, part: /\bpart\b/i },
  id: { market: "ID", cancel: /batal/i, refund: /dikembalikan/, part: /sebagian/i },
  th: { market: "TH", cancel: /ยกเลิก/, refund: /คืนเงิน/, part: /บางส่วน/ },
  vi: { market: "VN", cancel: /hủy/i, refund: /hoàn tiền/, part: /một phần/ },
  fil: { market: "PH", cancel: /cancel/i, refund: /refund/i, part: /bahagi/ },
  ms: { market: "MY", cancel: /batal/i, refund: /bayaran balik|dikembalikan/i, part: /sebahagian/i },
  ja: { market: "JP", cancel: /キャンセル/, refund: /返金/, part: /一部/ },
  ko: { market: "KR", cancel: /취소/, refund: /환불/, part: /일부/ },
  "zh-Hans": { market: "CN", cancel: /取消/, refund: /退款/, part: /部分/ },
  "zh-Hant": { market: "TW", cancel: /取消/, refund: /退款/, part: /部分/ },
  "zh-Hant-HK": { market: "HK", cancel: /取消/, refund: /退款/, part: /部分/ },
  hi: { market: "IN", cancel: /कैंसल/, refund: /रिफ/, part: /हिस्से/ },
};

describe("what each locale says about refunded and cancelled orders", () => {
  for (const [locale, words] of Object.entries(WORDS)) {
    const language = (locale === "zh-Hant-HK" ? "zh-Hant" : locale) as Language;
    const market = { ...MARKETS[words.market], posture: "ai-first" as const };
    const status = (order: OrderSnapshot) =>
      renderLines(t, statusDecision(language, market, order), { locale, market });

    it(`${locale}: a refunded order that was not cancelled is refunded, not cancelled`, () => {
      const text = status(refundedNotCancelled);
      expect(text).toMatch(words.refund);
      expect(text).not.toMatch(words.cancel);
    });

    it(`${locale}: a cancelled and refunded order is both`, () => {
      const text = status(cancelledAndRefunded);
      expect(text).toMatch(words.cancel);
      expect(text).toMatch(words.refund);
    });

    it(`${locale}: a partly refunded order says so, shipped or not, and is not merely "being prepared"`, () => {
      const unshipped = status(partlyRefundedUnshipped);
      expect(unshipped).toMatch(words.part);
      expect(unshipped).not.toContain(t.t(locale, "status.preparing", { order: "#2003" }));
      const sent = status(partlyRefundedShipped);
      expect(sent).toMatch(words.part);
      expect(sent).toContain("JT0001234567");
    });
  }
});

function statusDecision(language: Language, market: Market, order: OrderSnapshot) {
  const decision = decide(base(language, market, { order: { kind: "found", order }, firstReply: false }));
  if (decision.kind !== "reply") throw new Error(`expected a reply, got ${decision.kind}`);
  return decision.lines;
}
