import { describe, expect, it } from "vitest";
import { asksToResendTracking } from "../../functions/domain/resend-tracking";

describe("asking for the tracking details to be sent again", () => {
  it.each([
    ["en", "Can you resend the tracking number for #2005?"],
    ["en, in capitals", "RESEND MY TRACKING LINK PLS"],
    ["en, words between", "pls send me the tracking link again"],
    ["id", "kak kirim ulang nomor resi dong"],
    ["th", "ขอเลขพัสดุอีกครั้งค่ะ"],
    ["vi", "shop gửi lại mã vận đơn giúp mình"],
    ["ja", "追跡番号を再送してください"],
    ["ko", "송장 번호 다시 보내주세요"],
    ["zh-Hans", "麻烦重新发送一下物流单号"],
    ["hi", "tracking link dobara bhej do"],
  ])("reads the %s request %s", (_language, text) => {
    expect(asksToResendTracking(text)).toBe(true);
  });

  it.each([
    ["a resend with no tracking word (the parcel itself may be meant)", "please resend it, it never came"],
    ["a tracking question with no resend", "where is my tracking number?"],
    ["a resend phrase inside a longer word", "presender tracking"],
  ])("does not read %s: %s", (_what, text) => {
    expect(asksToResendTracking(text)).toBe(false);
  });
});
