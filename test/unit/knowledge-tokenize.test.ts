/** The knowledge index's words in every script: segmented where words run together, folded where accents vary. */
import { describe, expect, it } from "vitest";
import { koreanStem, malayStems, questionTerms, tokenize } from "../../functions/ai/knowledge/tokenize";

describe("knowledge tokenizer", () => {
  it("cuts Thai into words with the dictionary, dropping particles", () => {
    const words = tokenize("ส่งไปมาเลเซียใช้เวลากี่วันคะ", "th");
    expect(words).toEqual(expect.arrayContaining(["ส่ง", "มาเลเซีย", "เวลา", "วัน"]));
    expect(words).not.toContain("คะ");
  });

  it("cuts Japanese into words, keeping kanji and katakana and dropping hiragana grammar", () => {
    const words = tokenize("ギフトラッピングはできますか？営業時間を教えてください", "ja");
    expect(words).toEqual(expect.arrayContaining(["ギフトラッピング", "営業", "時間"]));
    expect(words).not.toContain("は");
    expect(words).not.toContain("ます");
  });

  it("gives Chinese words and the Han pairs that overlap them, so either cut of a word matches", () => {
    // The dictionary cuts 退货 into 退 and 货 in this sentence; the pair 退货 is still there.
    expect(tokenize("你们的退货政策是什么？", "zh-Hans")).toEqual(expect.arrayContaining(["退货", "政策"]));
    expect(tokenize("退貨與退款說明", "zh-Hant")).toEqual(expect.arrayContaining(["退貨", "退款"]));
    expect(tokenize("你们的退货政策是什么？", "zh-Hans")).not.toContain("的");
  });

  it("cuts Korean at spaces and also keeps the noun without its particle or ending", () => {
    expect(tokenize("환불은 어떻게 하나요? 발송합니다", "ko")).toEqual(
      expect.arrayContaining(["환불은", "환불", "발송"]),
    );
    expect(koreanStem("배송비는")).toBe("배송비");
    expect(koreanStem("결제하면")).toBe("결제");
  });

  it("folds Vietnamese diacritics, so a question typed without them meets the article written with them", () => {
    expect(tokenize("Giao hàng mất bao lâu?", "vi")).toEqual(tokenize("giao hang mat bao lau?", "vi"));
    expect(tokenize("Đổi trả", "vi")).toEqual(["doi", "tra"]);
  });

  it("folds full-width letters and lower-cases Latin", () => {
    expect(tokenize("ＸＬ Size", "en")).toEqual(["xl", "size"]);
  });

  it("meets Indonesian and Malay words across their affixes", () => {
    expect(malayStems("pengiriman")).toContain("kirim");
    expect(malayStems("dikirim")).toContain("kirim");
    expect(malayStems("mengembalikan")).toContain("kembali");
    expect(malayStems("dikembalikan")).toContain("kembali");
    expect(malayStems("pembayaran")).toContain("bayar");
  });

  it("keeps Devanagari vowel signs and strips Hindi inflection", () => {
    expect(tokenize("भुगतान के बाद घंटों में", "hi")).toEqual(expect.arrayContaining(["भुगतान", "घंटों", "घंट"]));
  });

  it("takes a question's own phrasing out of it and adds the words that mean the same", () => {
    const words = questionTerms("How long does shipping to Malaysia take?", "en");
    expect(words.map((w) => w.forms[0])).toEqual(["ship", "malaysia"]);
    expect(words[0]?.synonyms).toEqual(expect.arrayContaining(["delivery"]));
  });

  it("marks the words that ask about a product's price, stock or size", () => {
    const words = questionTerms("Berapa harga Kebaya ukuran L?", "id");
    expect(words.filter((w) => w.productFact).map((w) => w.forms[0])).toEqual(["harga", "ukur"]);
  });
});
