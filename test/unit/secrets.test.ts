import { describe, expect, it } from "vitest";
import { createLocalSecretBox, type SecretBox } from "../../functions/adapters/crypto/secret-box";
import { lazySecretBox } from "../../functions/config/secrets";

const local = () => createLocalSecretBox(new Uint8Array(32).fill(7));

describe("a secret box built on first use", () => {
  it("loads its box once, on the first seal, and opens what it sealed", async () => {
    let loads = 0;
    const box = lazySecretBox(async () => {
      loads++;
      return local();
    });
    expect(loads).toBe(0);
    const sealed = await box.seal("shpat_token", "shop-1");
    await expect(box.open(sealed, "shop-1")).resolves.toBe("shpat_token");
    expect(loads).toBe(1);
  });

  it("tries the load again after a failed one instead of failing for good", async () => {
    let attempts = 0;
    const box = lazySecretBox(async (): Promise<SecretBox> => {
      attempts++;
      if (attempts === 1) throw new Error("chunk missing");
      return local();
    });
    await expect(box.seal("x", "shop-1")).rejects.toThrow("chunk missing");
    await expect(box.seal("x", "shop-1")).resolves.toContain('"alg":"local"');
    expect(attempts).toBe(2);
  });
});
