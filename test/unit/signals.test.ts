import { describe, expect, it } from "vitest";
import { detectSignals, frustrationScore } from "../../functions/domain/signals";

describe("signals read apart from the topic", () => {
  it.each([
    ["words of anger in Indonesian", "Sudah sebulan nunggu, penipu semua kalian"],
    ["words of anger in Korean", "배송이 너무 늦어서 진짜 화가 나요"],
    ["words of anger in Filipino", "Bwisit, dalawang linggo na wala pa rin yung parcel"],
    ["words of anger in Chinese", "你们就是骗子，东西到现在都没发"],
    ["words of anger in Japanese", "いつまで待たせるんですか、ふざけないでください"],
    ["words of anger in Hindi", "bilkul bakwas service hai aapki"],
    ["angry emoji alone", "😡😡😡"],
    ["shouting with exclamation marks", "WHERE IS MY PARCEL!!!"],
    ["a whole sentence shouted", "WHY HAS NOBODY SENT MY ORDER YET"],
    ["having to ask again, in English", "This is the third time I am asking about my refund"],
    ["having to ask again, in Indonesian", "udah berkali-kali nanya soal paket ini"],
    ["having to ask again, in Korean", "이거 몇 번째 문의인지 모르겠네요"],
    ["having to ask again, in Chinese", "我又问一遍，退款呢"],
    ["having to ask again, in Japanese", "何度も問い合わせているのですが"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a happy thank-you with exclamation marks", "Thank you so much!!!"],
    ["a calm question about a late parcel", "Kak, paketku sudah seminggu belum sampai, kira-kira kapan ya?"],
    ["an acronym in capitals", "Can I pay by COD for order #1001?"],
    ["a Korean weather chat", "오늘 날씨 진짜 덥네요"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it("scores punctuation alone below anger: one point each, a word two", () => {
    expect(frustrationScore("ok!!!")).toBe(1);
    expect(frustrationScore("kesel!!!")).toBe(3);
  });

  it.each([
    ["pregnancy", "I'm 4 months pregnant, can I use this body oil?", "sensitive_health_safety"],
    ["a child's safety", "Are the small parts safe for kids under three?", "sensitive_health_safety"],
    ["an allergy, in Vietnamese", "Con mình bị dị ứng sau khi dùng sữa tắm này", "sensitive_health_safety"],
    ["a fire, in Japanese", "充電中に発火しました", "sensitive_health_safety"],
    ["a lawyer, in Thai", "จะให้ทนายติดต่อไปนะคะ", "sensitive_legal"],
    [
      "a stolen card, in English",
      "Someone used my stolen card on your shop, I want a chargeback",
      "sensitive_fraud",
    ],
    ["personal data, in Indonesian", "Tolong hapus data pribadi saya dari toko ini", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["an email given as an answer", "my email is linh@example.vn"],
    ["an Indonesian phone given as an answer", "nomor HP saya 0812-9876-5432 kak"],
    ["a Vietnamese phone given as an answer", "sđt của em là 0901234567"],
  ])("does not take %s for a privacy matter", (_what, text) => {
    expect(detectSignals(text)).toEqual([]);
  });

  it.each([
    ["English", "Please let me talk to a real person"],
    ["Thai", "ขอคุยกับพนักงานหน่อยค่ะ"],
    ["Chinese", "帮我转人工"],
    ["Korean", "상담원 연결해 주세요"],
  ])("reads a request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("does not take a shopper addressing the seller as 'admin' for a request for a person", () => {
    expect(detectSignals("Admin, pesanan saya sudah dikirim belum?")).not.toContain("person");
  });
});
