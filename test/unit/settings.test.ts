import { describe, expect, it } from "vitest";
import { marketSettingsInForce, mergePatch, overridesToStore } from "../../functions/domain/settings";

describe("settings in force", () => {
  it("fills every market setting with docs/requirements.md's default where the shop set none", () => {
    expect(marketSettingsInForce(["JP"], { JP: { posture: "hybrid" } })).toEqual({
      JP: {
        posture: "hybrid",
        region: "north-asia",
        firstResponseMinutes: 60,
        businessHours: { days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" },
      },
    });
  });

  it("stores only what differs from the defaults, so a round trip of the values in force pins nothing", () => {
    const inForce = marketSettingsInForce(["JP", "KR"], { KR: { firstResponseMinutes: 15 } });
    expect(overridesToStore(inForce)).toEqual({ KR: { firstResponseMinutes: 15 } });
  });
});

describe("JSON merge patch (RFC 7396)", () => {
  it("merges objects member by member, replaces arrays and removes members set to null", () => {
    const target = { a: 1, b: { c: 2, d: 3 }, list: [1, 2] };
    expect(mergePatch(target, { b: { c: null, e: 4 }, list: [3], a: null })).toEqual({
      b: { d: 3, e: 4 },
      list: [3],
    });
  });

  it("leaves the target untouched", () => {
    const target = { b: { c: 2 } };
    mergePatch(target, { b: { c: 5 } });
    expect(target).toEqual({ b: { c: 2 } });
  });
});
