import { describe, expect, it } from "vitest";
import { extractEntities } from "../../functions/domain/extract";

describe("entity extraction", () => {
  it("finds order numbers written with a hash or after an order word in several languages", () => {
    expect(extractEntities("where is #1001?").orderNames).toEqual(["#1001"]);
    expect(extractEntities("pesanan 1002 belum sampai").orderNames).toEqual(["#1002"]);
    expect(extractEntities("ออเดอร์ 1003 ค่ะ").orderNames).toEqual(["#1003"]);
    expect(extractEntities("注文番号1004です").orderNames).toEqual(["#1004"]);
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
});
