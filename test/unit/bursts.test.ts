import { describe, expect, it } from "vitest";
import { type BurstState, combineBurst, flushStep, type PendingMessage } from "../../functions/domain/bursts";

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 3, 0, seconds)).toISOString();
const message = (
  id: string,
  arrived: number,
  text = id,
  media: PendingMessage["media"] = null,
): PendingMessage => ({
  messageId: id,
  text,
  media,
  sentAt: at(arrived),
  arrivedAt: at(arrived),
  buyerId: "b",
  buyerName: null,
  market: null,
});
const state = (pending: PendingMessage[], claimed: string[] | null = null): BurstState => ({
  pending,
  claimed,
});
const QUIET = 3000;

describe("a burst's flush", () => {
  it("waits until the last message is a quiet period old", () => {
    const s = state([message("m1", 0), message("m2", 1)]);
    expect(flushStep(s, "m2", QUIET, new Date(at(2)))).toEqual({ kind: "wait", ms: 2000 });
    expect(flushStep(s, "m2", QUIET, new Date(at(4)))).toMatchObject({ kind: "answer", claimed: false });
  });

  it("leaves the burst to the flush of its latest message, so an earlier flush steps aside", () => {
    const s = state([message("m1", 0), message("m2", 1)]);
    expect(flushStep(s, "m1", QUIET, new Date(at(10)))).toEqual({ kind: "deferred" });
  });

  it("finishes a claimed set first (an interrupted flush), and only that set", () => {
    const s = state([message("m1", 0), message("m2", 1), message("m3", 9)], ["m1", "m2"]);
    const step = flushStep(s, "m3", QUIET, new Date(at(9)));
    expect(step).toMatchObject({ kind: "answer", claimed: true });
    expect(step.kind === "answer" && step.messages.map((m) => m.messageId)).toEqual(["m1", "m2"]);
  });

  it("releases a claim whose messages were all answered", () => {
    expect(flushStep(state([], ["m1"]), "m1", QUIET, new Date(at(9)))).toEqual({
      kind: "release",
      ids: ["m1"],
    });
    expect(flushStep(state([]), "m1", QUIET, new Date(at(9)))).toEqual({ kind: "nothing" });
  });
});

describe("a burst as one turn", () => {
  it("joins the texts in order with newlines under the last message id, keeping each as a part", () => {
    const burst = combineBurst([
      message("m3", 2, "kapan sampai?"),
      message("m1", 0, "halo"),
      message("m2", 1, "pesanan #1001"),
    ]);
    expect(burst.last.messageId).toBe("m3");
    expect(burst.text).toBe("halo\npesanan #1001\nkapan sampai?");
    expect(burst.parts.map((p) => p.messageId)).toEqual(["m1", "m2", "m3"]);
    expect(burst.media).toBeNull();
  });

  it("goes to a person when any message is media the AI cannot read", () => {
    const burst = combineBurst([message("m1", 0, "ini rusak"), message("m2", 1, "", "image")]);
    expect(burst.media).toBe("image");
    expect(burst.text).toBe("ini rusak\n[image]");
  });
});
