import { describe, expect, it } from "vitest";
import { HANDOFF_KEYWORDS, resources } from "../../functions/adapters/i18n/resources";
import { createEmbeddedUnderstanding } from "../../functions/ai/understanding";

const understanding = createEmbeddedUnderstanding(HANDOFF_KEYWORDS);

describe("the word the disclosure promises (R1, R2)", () => {
  for (const [locale, namespaces] of Object.entries(resources)) {
    const keyword = (namespaces.shopper as { handoff_keyword: string }).handoff_keyword;
    it(`"${keyword}" alone (${locale}) is a request for a person`, () => {
      expect(understanding.classify(keyword).intent).toBe("human_request");
      expect(understanding.classify(` ${keyword.toUpperCase()}! `).intent).toBe("human_request");
    });
  }
});
