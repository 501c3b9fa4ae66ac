import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { pageText } from "../../functions/http/web/page-locale";
import { validTimeZone } from "../../functions/http/web/time-zone";

describe("the inbox's time zone", () => {
  it("shows times in the agent's zone, not UTC", () => {
    const text = pageText(createTranslator(), "en", "Asia/Bangkok");
    // 23:30 UTC on the 4th is 06:30 on the 5th in Bangkok: the agent's day, not the server's.
    expect(text.dateTime("2026-01-04T23:30:00.000Z")).toBe("Jan 5, 2026, 6:30 AM");
    expect(text.zoneName(new Date("2026-01-04T23:30:00.000Z"))).toBe("Indochina Time (GMT+7)");
  });

  it("accepts a zone Intl knows from the browser's cookie, and nothing else", () => {
    expect(validTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(validTimeZone("America/Argentina/Buenos_Aires")).toBe("America/Argentina/Buenos_Aires");
    expect(validTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(validTimeZone("<script>")).toBeNull();
    expect(validTimeZone(undefined)).toBeNull();
  });
});
