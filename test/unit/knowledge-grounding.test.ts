/** The model's store answers are checked against the passages it was given: cited, given, no invented numbers. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { composeFromKnowledge, type KnowledgeComposeInput } from "../../functions/domain/compose";
import { INITIAL_MEMORY } from "../../functions/domain/conversation";
import { createScriptedReplyModel } from "../../functions/domain/fakes";
import type { Passage, Product } from "../../functions/domain/knowledge";
import {
  checkCitations,
  type GivenPassage,
  groundedText,
  modelPassages,
  numbersIn,
} from "../../functions/domain/knowledge-answer";
import { MARKETS } from "../../functions/domain/markets";
import type { ModelAnswer } from "../../functions/domain/model";

const t = createTranslator();
const warranty: GivenPassage = {
  id: "article:warranty-en",
  type: "article",
  source: { type: "article", id: "warranty-en" },
  title: "Warranty",
  text: "Power banks carry an 18-month warranty.",
};
const cable: Product = {
  id: "cable",
  title: "USB-C Cable",
  description: "A braided 1 m cable.",
  options: [],
  variants: [{ id: "v1", title: "Default", options: {}, price: "9.90", currency: "SGD", available: true }],
  updatedAt: "2026-11-01T00:00:00Z",
  source: "api",
};
const cablePassage: Passage = {
  source: { type: "product", id: "cable" },
  title: cable.title,
  text: cable.description,
  language: "en",
  product: cable,
  score: 1,
  coverage: 1,
};
const answer = (extra: Partial<ModelAnswer> = {}): ModelAnswer => ({
  reply: "พาวเวอร์แบงค์รับประกัน 18 เดือนค่ะ",
  intent: "store_info",
  confidence: 0.9,
  escalate: false,
  reason: null,
  citations: ["article:warranty-en"],
  answeredFromPassages: true,
  ...extra,
});

describe("the citation check", () => {
  it("takes an answer that cites a passage it was given", () => {
    expect(checkCitations(answer(), [warranty], "รับประกันกี่เดือน")).toEqual({ ok: true, cited: [warranty] });
  });

  it("rejects an answer that cites nothing", () => {
    expect(checkCitations(answer({ citations: [] }), [warranty], "?")).toEqual({
      ok: false,
      why: "no_citation",
    });
  });

  it("rejects an answer that cites an id it was not given", () => {
    const cited = answer({ citations: ["article:warranty-en", "article:made-up"] });
    expect(checkCitations(cited, [warranty], "?")).toEqual({ ok: false, why: "unknown_citation" });
  });

  it("rejects a number that neither the cited passages nor the question hold", () => {
    const invented = answer({ reply: "รับประกัน 24 เดือนค่ะ" });
    expect(checkCitations(invented, [warranty], "?")).toEqual({ ok: false, why: "unsupported_number" });
  });

  it("reads a number written with group separators as the same number written without them", () => {
    expect([...numbersIn("Rp150.000, $1,299, ₹1,29,999")]).toEqual(["150000", "1299", "129999"]);
    expect([...numbersIn("1.5 kg, 12.50")]).toEqual(["1", "5", "12", "50"]);
    const price = { ...warranty, text: "The blender is S$1299 with a 12-month warranty." };
    expect(
      checkCitations(answer({ reply: "It is S$1,299 with a 12-month warranty." }), [price], "?").ok,
    ).toBe(true);
  });

  it("reads numbers in any script's digits", () => {
    expect([...numbersIn("๑๘ เดือน, ۱۸, १८, １８, 018")]).toEqual(["18"]);
  });
});

describe("passages as the model sees them", () => {
  it("gives a product's price from our renderer as its facts, and appends those facts to the model's words", () => {
    const [given] = modelPassages(t, [cablePassage], {
      question: "how much is the cable",
      market: "SG",
      language: "en",
    });
    expect(given).toMatchObject({ id: "product:cable", type: "product", title: "USB-C Cable" });
    expect(given?.facts).toContain("9.90");
    const text = groundedText("Yes, it is a braided cable.", given ? [given] : []);
    expect(text).toBe(`Yes, it is a braided cable.\n\n${given?.facts}`);
  });
});

describe("a store answer written by the model", () => {
  const input = (market: "TH" | "MY" = "TH"): KnowledgeComposeInput => ({
    memory: INITIAL_MEMORY,
    intent: "store_info",
    market: MARKETS[market],
    language: "th",
    shopperName: undefined,
    transcript: [],
    message: "พาวเวอร์แบงค์รับประกันกี่เดือนคะ",
    firstReply: false,
    passages: [warranty],
  });

  it("is sourced by exactly the passages it cites, and the model sees only their id, type, title and text", async () => {
    const model = createScriptedReplyModel(answer());
    const result = await composeFromKnowledge(model, input());
    expect(result.kind).toBe("answered");
    if (result.kind !== "answered") return;
    expect(result.composed.sources).toEqual([{ type: "article", id: "warranty-en" }]);
    expect(result.composed.engine).toBe("openai");
    expect(result.composed.decision.kind).toBe("reply");
    expect(model.requests[0]?.passages).toEqual([
      { id: "article:warranty-en", type: "article", title: "Warranty", text: warranty.text },
    ]);
  });

  it("stays a draft for a person in a cautious market", async () => {
    const result = await composeFromKnowledge(createScriptedReplyModel(answer()), input("MY"));
    expect(result.kind === "answered" && result.composed.decision.kind).toBe("escalate");
  });

  it("leads to R5 when the model says the passages do not answer", async () => {
    const model = createScriptedReplyModel(answer({ answeredFromPassages: false, citations: [] }));
    expect(await composeFromKnowledge(model, input())).toEqual({ kind: "not_answered" });
  });

  it("is rejected when it cites nothing, or when the model fails", async () => {
    const model = createScriptedReplyModel(answer({ citations: [] }), null);
    expect(await composeFromKnowledge(model, input())).toEqual({ kind: "rejected", why: "no_citation" });
    expect(await composeFromKnowledge(model, input())).toEqual({ kind: "rejected", why: "model_failed" });
  });
});
