import { describe, expect, it } from "vitest";
import { extractEntities, oldStyleTones } from "../../functions/domain/extract";

describe("entity extraction", () => {
  it("finds order numbers written with a hash or after an order word in several languages", () => {
    expect(extractEntities("where is #1001?").orderNames).toEqual(["#1001"]);
    expect(extractEntities("pesanan 1002 belum sampai").orderNames).toEqual(["#1002"]);
    expect(extractEntities("ออเดอร์ 1003 ค่ะ").orderNames).toEqual(["#1003"]);
    expect(extractEntities("注文番号1004です").orderNames).toEqual(["#1004"]);
  });

  it("takes marketplace order numbers after an order word whole, and no number out of a longer word", () => {
    expect(extractEntities("order 220810RR2T4A0B belum sampai").orderNames).toEqual(["#220810RR2T4A0B"]);
    expect(extractEntities("đơn 576461413038785752 giao chưa").orderNames).toEqual(["#576461413038785752"]);
    expect(extractEntities("order 240612ABCD").orderNames).toEqual([]);
    expect(extractEntities("240612ABCD").orderNames).toEqual([]);
    expect(extractEntities("90312です").orderNames).toEqual(["#90312"]);
  });

  it("finds emails and phone numbers without taking them for order numbers", () => {
    const e = extractEntities("my email is Siti@Example.com and phone +62 812-3456-7890");
    expect(e.emails).toEqual(["siti@example.com"]);
    expect(e.phones).toEqual(["+6281234567890"]);
    expect(e.orderNames).toEqual([]);
  });

  it("keeps a local phone number written with dashes apart from the order number beside it", () => {
    const e = extractEntities("Kak, pesanan #1001 sampai mana? HP saya 0812-3456-7890");
    expect(e.orderNames).toEqual(["#1001"]);
    expect(e.phones).toEqual(["081234567890"]);
  });

  it("finds nothing in a message without identifiers", () => {
    expect(extractEntities("hello there")).toEqual({ orderNames: [], emails: [], phones: [] });
  });

  it.each([
    ["no hp saya 0812-3456-7890", "ID", "+6281234567890"],
    ["เบอร์ 081-234-5678 ค่ะ", "TH", "+66812345678"],
    ["0917 123 4567 po", "PH", "+639171234567"],
    ["012-345 6789", "MY", "+60123456789"],
    ["my number is 9123 4567", "SG", "+6591234567"],
    ["sđt của mình là 0901234567", "VN", "+84901234567"],
    ["電話 6123 4567", "HK", "+85261234567"],
    ["手機 0912-345-678", "TW", "+886912345678"],
    ["手机号 138 1234 5678", "CN", "+8613812345678"],
    ["電話番号は090-1234-5678です", "JP", "+819012345678"],
    ["010-1234-5678이요", "KR", "+821012345678"],
    ["फ़ोन 98765 43210", "IN", "+919876543210"],
  ])("reads the local phone format %s in %s as %s", (text, region, e164) => {
    expect(extractEntities(text, region).phones).toEqual([e164]);
  });

  it("reads a phone number typed in full-width digits, and none in a message with too few digits to hold one", () => {
    expect(extractEntities("電話 ９１２３ ４５６７", "SG").phones).toEqual(["+6591234567"]);
    expect(extractEntities("where is my order #1001?", "SG")).toEqual({
      orderNames: ["#1001"],
      emails: [],
      phones: [],
    });
  });

  it.each([
    ["full-width digits after an order word", "注文番号：４０９１７", "JP", "#40917"],
    ["full-width digits alone", "２０９３１です", "CN", "#20931"],
    ["Devanagari digits after an order word", "order ४०९१७ hai", "IN", "#40917"],
    ["Thai digits alone", "๔๐๙๑๗ ค่ะ", "TH", "#40917"],
  ])("reads an order number in %s as its ASCII digits", (_what, text, region, order) => {
    expect(extractEntities(text, region).orderNames).toEqual([order]);
  });

  it("finds a name the shopper gives for themselves", () => {
    expect(extractEntities("My name is Tran Thi Linh").names).toEqual(["Tran Thi Linh"]);
    expect(extractEntities("atas nama Siti Rahma ya kak").names).toEqual(["Siti Rahma"]);
  });
});

describe("Vietnamese tone placement", () => {
  it("reads the tone of a final 'oa', 'oe' or 'uy' on its first vowel, as the phrases are written", () => {
    expect(oldStyleTones("huỷ đơn, xoá, khoẻ, thuỷ")).toBe("hủy đơn, xóa, khỏe, thủy");
  });

  it("leaves 'quý', a vowel followed by a consonant ('hoàn') and every other letter as they are", () => {
    expect(oldStyleTones("quý khách hoàn tiền, Noël")).toBe("quý khách hoàn tiền, Noël");
  });
});
