import { describe, expect, it } from "vitest";
import { readConfig } from "../../infra/config";

/** The configuration `cdk … -c key=value` would give (CDK passes -c values as strings). */
const withContext = (context: Record<string, unknown>) => readConfig((key) => context[key]);

describe("the deployment configuration's warmInstances", () => {
  it("is 0 (warm instances off) when not given", () => {
    expect(withContext({}).warmInstances).toBe(0);
  });

  it("reads a whole number from -c warmInstances=<n> or from cdk.json", () => {
    expect(withContext({ warmInstances: "2" }).warmInstances).toBe(2);
    expect(withContext({ warmInstances: "0" }).warmInstances).toBe(0);
    expect(withContext({ warmInstances: 3 }).warmInstances).toBe(3);
  });

  it.each(["-1", "two", "1.5", "", "2x", "1e3", -1, 1.5, true])(
    "refuses %j, naming the setting and the value",
    (value) => {
      expect(() => withContext({ warmInstances: value })).toThrow(
        `warmInstances must be a whole number of instances, 0 or more (0 turns warm instances off); got ${JSON.stringify(value)}`,
      );
    },
  );
});
