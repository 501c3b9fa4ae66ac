import { describe, expect, it } from "vitest";
import { useLocalStack } from "../support/local-stack";
import { runLoad } from "../load/load-run";

describe("under load (bounded, loopback only)", () => {
  const stack = useLocalStack({ pollIntervalMs: 20 });

  it("stores every message exactly once and in order, and lists every escalation exactly once", async () => {
    const result = await runLoad(stack(), 60, 8);
    expect(result.problems).toEqual([]);
    expect(result.messages).toBe(120);
    expect(result.duplicatesSent).toBeGreaterThan(30);
  }, 60_000);
});
