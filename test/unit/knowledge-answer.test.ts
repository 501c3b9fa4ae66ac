/** Answers from store knowledge, built from data: answered or not, product facts and quotes in the shopper's language. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import type { Passage, Product } from "../../functions/domain/knowledge";
import { ANSWER_COVERAGE, buildKnowledgeAnswer, namedOptions } from "../../functions/domain/knowledge-answer";

const t = createTranslator();
const dress: Product = {
  id: "aurora",
  title: "Aurora Wrap Dress",
  description: "A light wrap dress.",
  url: "https://shop.example/products/aurora",
  language: "en",
  options: ["Size", "Colour"],
  variants: ["S", "M", "L"].flatMap((size) =>
    ["Red", "Black"].map((colour) => ({
      id: `${size}-${colour}`,
      title: `${size} / ${colour}`,
      options: { Size: size, Colour: colour },
      price: "59.90",
      currency: "SGD",
      marketPrices: { TH: { price: "1590", currency: "THB" }, JP: { price: "6900", currency: "JPY" } },
      available: !(size === "M" || (size === "L" && colour === "Red")),
    })),
  ),
  translations: { ja: { title: "オーロラ ラップドレス" } },
  updatedAt: "2026-11-01T00:00:00Z",
  source: "api",
};
const productPassage = (coverage = 1): Passage => ({
  source: { type: "product", id: "aurora" },
  title: dress.title,
  text: dress.description,
  language: "en",
  url: dress.url,
  product: dress,
  score: 10,
  coverage,
});
const article = (language: Passage["language"], coverage = 1): Passage => ({
  source: { type: "article", id: "returns" },
  title: "Returns",
  text: "You can return any item within 14 days of delivery.",
  language,
  score: 8,
  coverage,
});
const nbsp = (text: string) => text.replace(/\s/g, " ");

describe("answers from store knowledge", () => {
  it("does not answer below the coverage threshold, says so and offers a person, with no source", () => {
    const answer = buildKnowledgeAnswer(t, [article("en", ANSWER_COVERAGE - 0.01)], {
      question: "Can I pay with Bitcoin?",
      market: "SG",
      language: "en",
    });
    expect(answer).toMatchObject({ answered: false, sources: [] });
    expect(answer.text).toContain('"agent"');
    expect(buildKnowledgeAnswer(t, [], { question: "x", market: "SG", language: "en" }).answered).toBe(false);
  });

  it("answers at the threshold, quoting the article in the shopper's language with its source", () => {
    const answer = buildKnowledgeAnswer(t, [article("en", ANSWER_COVERAGE)], {
      question: "returns?",
      market: "SG",
      language: "en",
    });
    expect(answer).toEqual({
      answered: true,
      text: "You can return any item within 14 days of delivery.",
      sources: [{ type: "article", id: "returns" }],
    });
  });

  it("quotes an article in another language with a line, in the shopper's language, that it is the shop's own text", () => {
    const ja = buildKnowledgeAnswer(t, [article("en")], { question: "返品", market: "JP", language: "ja" });
    expect(ja.text).toContain("英語で作成した原文です。");
    expect(ja.text).toContain("「担当者」");
    expect(ja.text).toContain("14 days");
    const hk = buildKnowledgeAnswer(t, [article("en")], {
      question: "退貨",
      market: "HK",
      language: "zh-Hant",
    });
    // Hong Kong readers get their own wording (zh-Hant-HK), full-width punctuation throughout.
    expect(hk.text).toContain("本店以英文撰寫的原文");
    expect(hk.text).not.toMatch(/[\p{Script=Han}][,.?!]/u);
  });

  it("says which sizes are in stock when the one asked for is sold out, with the link", () => {
    const answer = buildKnowledgeAnswer(t, [productPassage()], {
      question: "Is the Aurora dress available in size M?",
      market: "SG",
      language: "en",
    });
    expect(answer.text).toBe(
      "Aurora Wrap Dress in Size M is out of stock right now. In stock now: Size S and Size L. You can see it here: https://shop.example/products/aurora",
    );
  });

  it("reads a colour in the shopper's language and both options at once", () => {
    const thai = buildKnowledgeAnswer(t, [productPassage()], {
      question: "ชุด Aurora สีแดง ไซส์ L มีไหมคะ",
      market: "TH",
      language: "th",
    });
    expect(thai.text).toContain("Size L / Colour Red");
    expect(thai.text).toContain("สินค้าหมดชั่วคราว");
    const black = buildKnowledgeAnswer(t, [productPassage()], {
      question: "Aurora 黑色 L码 有货吗？",
      market: "CN",
      language: "zh-Hans",
    });
    expect(nbsp(black.text)).toContain("（Size L / Colour Black）有现货，价格为");
  });

  it("prices in the market's currency and number format, under the title the seller translated", () => {
    const answer = buildKnowledgeAnswer(t, [productPassage()], {
      question: "オーロラのドレスはいくらですか",
      market: "JP",
      language: "ja",
    });
    expect(nbsp(answer.text)).toContain("オーロラ ラップドレスの価格は￥6,900です。");
    const sg = buildKnowledgeAnswer(t, [productPassage()], {
      question: "Aurora price",
      market: "SG",
      language: "en",
    });
    expect(sg.text).toContain("Aurora Wrap Dress is $59.90.");
  });

  it("never reads the m of I'm as size M", () => {
    expect(namedOptions(dress, "I'm looking for the Aurora dress").size).toBe(0);
    expect([...(namedOptions(dress, "size m please").get("Size") ?? [])]).toEqual(["M"]);
    expect([...(namedOptions(dress, "旗袍M码").get("Size") ?? [])]).toEqual(["M"]);
  });

  it("prefers a product over an article on a near tie when the shopper asks about a product", () => {
    const answer = buildKnowledgeAnswer(t, [article("en", 0.9), productPassage(0.85)], {
      question: "Aurora dress returns",
      market: "SG",
      language: "en",
      intent: "product_question",
    });
    expect(answer.sources).toEqual([{ type: "product", id: "aurora" }]);
  });
});
