/** A provisioned instance does a first message's one-time work while it initialises (config/warm-up.ts). */
import { describe, expect, it } from "vitest";
import { isProvisioned, warmUp } from "../../functions/config/warm-up";
import { createRecordingLogger } from "../../functions/domain/fakes/logger";
import { createFakeUnderstanding } from "../../functions/domain/fakes/understanding";
import { LOCALE_CODES } from "../../functions/domain/languages";

/** Deps that record what the warm-up asked of them. */
function recordingDeps(reach: () => Promise<Record<string, "ok" | "down">> = async () => ({ table: "ok" })) {
  const asked = { classified: 0, locales: new Set<string>(), reached: 0 };
  const understanding = createFakeUnderstanding({
    classify: () => {
      asked.classified++;
      return { intent: "order_status", confidence: 1 };
    },
  });
  return {
    asked,
    logger: createRecordingLogger(),
    understanding,
    translator: {
      t: (locale: string) => {
        asked.locales.add(locale);
        return "";
      },
    },
    checkDependencies: () => {
      asked.reached++;
      return reach();
    },
  };
}

describe("warming up a provisioned instance", () => {
  it("reads a message through the classifier, loads every locale and reaches the table and queues once", async () => {
    const deps = recordingDeps();
    await warmUp(deps);
    expect(deps.asked.classified).toBe(1);
    expect([...deps.asked.locales].sort()).toEqual([...LOCALE_CODES].sort());
    expect(deps.asked.reached).toBe(1);
  });

  it("sends one request through the HTTP app where there is one", async () => {
    let requests = 0;
    await warmUp({
      ...recordingDeps(),
      request: async () => {
        requests++;
      },
    });
    expect(requests).toBe(1);
  });

  it("never fails the initialisation: an unreachable table is logged and left to the first message", async () => {
    const deps = recordingDeps(() => Promise.reject(new Error("connect ECONNREFUSED")));
    await expect(warmUp(deps)).resolves.toBeUndefined();
    expect(deps.logger.entries.map((e) => e.level)).toEqual(["warn"]);
  });

  it("happens only when Lambda initialises a provisioned instance, never on demand or locally", () => {
    expect(isProvisioned("provisioned-concurrency")).toBe(true);
    expect(isProvisioned("on-demand")).toBe(false);
    expect(isProvisioned(undefined)).toBe(false);
  });
});
