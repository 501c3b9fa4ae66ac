import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { cannedRepliesFor, fillCanned } from "../../functions/domain/canned-replies";

describe("canned replies", () => {
  it("fills the shopper, the order and the agent into a reply", () => {
    expect(
      fillCanned("Hi {{shopper}}, {{agent}} here about {{order}}.", {
        shopper: "Siti",
        order: "#1001",
        agent: "Nadia",
      }),
    ).toBe("Hi Siti, Nadia here about #1001.");
  });

  it("drops a placeholder it has no value for, and the space before it", () => {
    expect(fillCanned("Terima kasih, Kak {{shopper}}!", { shopper: null, order: null, agent: "A" })).toBe(
      "Terima kasih, Kak!",
    );
  });

  it("offers the built-in replies in the shopper's language, titled in the page's, and only that language's own", () => {
    const { builtIn, shop } = cannedRepliesFor(
      createTranslator(),
      "en",
      "th",
      [
        { id: "a", title: "Thai", language: "th", text: "สวัสดีค่ะคุณ{{shopper}}" },
        { id: "b", title: "Indonesian", language: "id", text: "Halo" },
      ],
      { shopper: "Ploy", order: null, agent: "Nadia" },
    );
    expect(builtIn.map((r) => r.title)).toContain("Anything else?");
    expect(builtIn.every((r) => /\p{Script=Thai}/u.test(r.text))).toBe(true);
    expect(builtIn.find((r) => r.id === "builtin:greeting")?.text).toContain("Nadia");
    expect(shop).toEqual([{ id: "a", title: "Thai", language: "th", text: "สวัสดีค่ะคุณPloy" }]);
  });
});
