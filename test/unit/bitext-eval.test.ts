import { describe, expect, it } from "vitest";
import { UTTERANCES } from "../../functions/ai/intents/utterances";
import { INTENTS } from "../../functions/domain/intent";
import { BITEXT_TOPICS, loadBitext, parseCsv } from "../../bench/bitext";

describe("the Bitext third-party evaluation", () => {
  const items = loadBitext();

  it("reads every row of the test split with its utterance and intent", () => {
    expect(items).toHaveLength(810);
    expect(items.every((i) => i.utterance.length > 0 && /^[a-z_]+$/.test(i.intent))).toBe(true);
  });

  it("says for every Bitext intent which of our topics it maps to, or that none does", () => {
    const unlisted = [...new Set(items.map((i) => i.intent))].filter((i) => !(i in BITEXT_TOPICS));
    expect(unlisted).toEqual([]);
  });

  it("maps only to topics the engine knows", () => {
    const known = new Set<string>(INTENTS);
    const targets = Object.values(BITEXT_TOPICS).flatMap((t) => t ?? []);
    expect(targets.filter((t) => !known.has(t))).toEqual([]);
  });

  it("is never trained on: no training utterance is one of its utterances", () => {
    const norm = (t: string) => t.toLowerCase().replace(/\s+/g, " ").trim();
    const bitext = new Set(items.map((i) => norm(i.utterance)));
    const copied = Object.values(UTTERANCES)
      .flatMap((corpus) => Object.values(corpus).flat())
      .filter((u) => bitext.has(norm(u)));
    expect(copied).toEqual([]);
  });
});

describe("parseCsv", () => {
  it("keeps commas, doubled quotes and line breaks inside quoted fields", () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\nlast,1\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
      ["last", "1"],
    ]);
  });
});
