import { describe, expect, it } from "vitest";
import { createLanguageDetector } from "../../functions/ai/language/detector";
import { MARKETS } from "../../functions/domain/markets";

const detector = createLanguageDetector();
const detect = (text: string, market: keyof typeof MARKETS, hint?: Parameters<typeof detector.detect>[2]) =>
  detector.detect(text, MARKETS[market], hint).language;

describe("language detection with the market as prior", () => {
  it("tells Indonesian and Malay apart by the market", () => {
    const text = "Boleh saya tahu bila pesanan saya akan sampai?";
    expect(detect(text, "ID")).toBe("id");
    expect(detect(text, "MY")).toBe("ms");
  });

  it.each([
    ["ออเดอร์ของฉันอยู่ไหนคะ", "TH", "th"],
    ["주문한 상품이 언제 도착하나요?", "KR", "ko"],
    ["注文した商品はいつ届きますか", "JP", "ja"],
    ["我的订单什么时候发货", "CN", "zh-Hans"],
    ["我的訂單什麼時候出貨", "TW", "zh-Hant"],
    ["我嘅訂單幾時送到？", "HK", "zh-Hant"],
    ["मेरा ऑर्डर कब आएगा?", "IN", "hi"],
    ["Đơn hàng của tôi khi nào được giao?", "VN", "vi"],
    ["Where is my parcel? It has been a week.", "ID", "en"],
  ])("detects %s in %s as %s", (text, market, expected) => {
    expect(detect(text, market as keyof typeof MARKETS)).toBe(expected);
  });

  it("reads kanji-only text as Japanese in Japan", () => {
    expect(detect("注文番号確認", "JP")).toBe("ja");
  });

  it("keeps Han-only text Chinese in Japan when the conversation is in Chinese, in either script", () => {
    expect(detect("訂單", "JP", "zh-Hant")).toBe("zh-Hant");
    expect(detect("订单", "JP", "zh-Hans")).toBe("zh-Hans");
  });

  it("reads romanised Hindi in India as Hindi", () => {
    expect(detect("mujhe mera order kab milega bhai", "IN")).toBe("hi");
  });

  it("reads Taglish in the Philippines as Filipino", () => {
    expect(detect("pwede po ba i-cancel yung order ko kasi mali yung size", "PH")).toBe("fil");
  });

  it.each([
    ["My order はまだ届きませんか？", "SG", "ja"],
    ["택배 tracking number 좀 보내주세요", "ID", "ko"],
    ["Can you check my parcel ถึงไหนแล้วคะ", "TH", "th"],
    ["Please check my order, कब आएगा?", "IN", "hi"],
    ["My order #1001 到了吗？", "SG", "zh-Hans"],
    ["Is my order 出貨了嗎?", "TW", "zh-Hant"],
  ])("answers the mixed-script %s in %s in its non-Latin language, %s", (text, market, expected) => {
    expect(detect(text, market as keyof typeof MARKETS)).toBe(expected);
  });

  it.each([
    ["p", "ID", undefined, "id"],
    ["admin", "ID", undefined, "id"],
    ["hi", "TH", undefined, "th"],
    ["ok", "PH", "fil", "fil"],
    ["hello", "SG", "zh-Hans", "zh-Hans"],
    ["halo", "VN", "vi", "vi"],
  ] as const)(
    "keeps the conversation's, else the market's, language for the ping %s in %s",
    (text, market, hint, expected) => {
      expect(detect(text, market, hint)).toBe(expected);
    },
  );

  it.each([
    ["kuya?", "PH", "fil"],
    ["ahente", "PH", "fil"],
    ["bhaiya??", "IN", "hi"],
    ["hello", "PH", "en"],
    ["agent", "IN", "en"],
  ] as const)(
    "answers the first-message ping %s in %s in the market language whose word it is, %s",
    (text, market, expected) => {
      expect(detect(text, market)).toBe(expected);
    },
  );

  it("keeps the conversation's language for a ping that is another market language's word", () => {
    expect(detect("kuya?", "PH", "en")).toBe("en");
  });

  it.each([
    ["Hinglish with one Hindi word and no English one", "refund status batao please", "IN", "hi"],
    ["Hinglish with several Hindi words", "parcel abhi tak nahi aaya, kab tak aayega?", "IN", "hi"],
    ["English in India", "could you share the invoice for my last order?", "IN", "en"],
    ["Taglish with 'po' and 'nyo'", "magkano po shipping nyo to Cebu?", "PH", "fil"],
    ["English in the Philippines", "can you tell me when my parcel will be shipped?", "PH", "en"],
    ["Manglish with Malay words", "bila barang sampai, boleh track tak?", "MY", "ms"],
    ["English in Malaysia", "what is the warranty period for this blender?", "MY", "en"],
    ["Indonesian slang", "kak stok warna hitam masih ada ga?", "ID", "id"],
    ["Vietnamese without diacritics", "shop oi con hang size M ko", "VN", "vi"],
    ["Vietnamese chat shorthand", "the visa cua toi bi tu choi hoai, nv check giup", "VN", "vi"],
    ["Hinglish chat shorthand", "order kb tk aayega? 61024 h order no", "IN", "hi"],
  ])("reads %s by its marker words against English's: %s in %s is %s", (_what, text, market, expected) => {
    expect(detect(text, market as keyof typeof MARKETS)).toBe(expected);
  });

  it("keeps the conversation's language for a message too short to tell", () => {
    expect(detect("ok", "MY", "ms")).toBe("ms");
    expect(detect("#1001", "TH", "th")).toBe("th");
  });
});
