import { describe, expect, it } from "vitest";
import { isOpen, nextOpening, responseDue } from "../../functions/domain/business-hours";

const WEEKDAYS = { days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" };

describe("business hours in the market's time zone", () => {
  it("is open at 10:00 on a Friday in Tokyo and closed at 20:00", () => {
    expect(isOpen(WEEKDAYS, "Asia/Tokyo", new Date("2026-11-20T01:00:00Z"))).toBe(true); // Fri 10:00 JST
    expect(isOpen(WEEKDAYS, "Asia/Tokyo", new Date("2026-11-20T11:00:00Z"))).toBe(false); // Fri 20:00 JST
  });

  it("opens next on Monday 09:00 local time after a Friday evening", () => {
    const opening = nextOpening(WEEKDAYS, "Asia/Tokyo", new Date("2026-11-20T11:00:00Z"));
    expect(opening.toISOString()).toBe("2026-11-23T00:00:00.000Z"); // Mon 09:00 JST
  });

  it("opens later the same day when it is early morning", () => {
    const opening = nextOpening(WEEKDAYS, "Asia/Kolkata", new Date("2026-11-19T01:00:00Z")); // Thu 06:30 IST
    expect(opening.toISOString()).toBe("2026-11-19T03:30:00.000Z"); // Thu 09:00 IST
  });

  it("counts the first-response target from the next opening", () => {
    const due = responseDue(WEEKDAYS, "Asia/Tokyo", 60, new Date("2026-11-20T11:00:00Z"));
    expect(due.toISOString()).toBe("2026-11-23T01:00:00.000Z");
  });

  it("never tells a shopper the team opens now when stored hours have no working day", () => {
    const none = { days: [], open: "09:00", close: "18:00" };
    expect(isOpen(none, "Asia/Tokyo", new Date("2026-11-20T11:00:00Z"))).toBe(true);
  });

  it("counts it from now while the team is at work", () => {
    const now = new Date("2026-11-20T01:00:00Z");
    expect(responseDue(WEEKDAYS, "Asia/Tokyo", 30, now).toISOString()).toBe("2026-11-20T01:30:00.000Z");
  });
});
