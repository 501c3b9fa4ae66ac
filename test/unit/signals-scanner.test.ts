import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES } from "../../functions/domain/languages";
import { PHRASEBOOK, type Phrases } from "../../functions/domain/phrasebook";
import {
  buildPhraseIndex,
  decodePhraseIndex,
  encodePhraseIndex,
  type PhraseScanner,
  phraseIndex,
  phrasePattern,
  phraseScanner,
} from "../../functions/domain/phrase-index";
import { SIGNAL_PHRASE_KINDS as KINDS_READ, signalPhraseLists } from "../../functions/domain/signals";

const ROOT = join(import.meta.dirname, "../..");
const spansOf = (scanner: PhraseScanner, text: string) => {
  const spans: (readonly [number, number])[] = [];
  for (let span = scanner.next(text, 0); span; span = scanner.next(text, span[1])) spans.push(span);
  return spans;
};
const patternSpans = (pattern: RegExp | null, text: string) =>
  pattern ? [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as const) : [];

/** Shoppers' messages in every language (training utterances and the evaluation sets), as signals reads them. */
const corpus = (() => {
  const texts: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") texts.push(value.normalize("NFKC").toLowerCase());
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const dir of ["functions/ai/intents/utterances", "test/fixtures/nlu-eval", "test/fixtures/nlu-dev"])
    for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".json")))
      collect(JSON.parse(readFileSync(join(ROOT, dir, file), "utf8")));
  return texts;
})();

/** Each phrase where word edges, whitespace runs and letters outside the BMP test the pattern's edges. */
const aroundPhrases = (phrases: readonly string[]) =>
  phrases.flatMap((p) => {
    const q = p.normalize("NFKC");
    return [
      q,
      `x${q}`,
      `${q}x`,
      `é${q} ${q}`,
      `𠀋${q}𠀋`,
      `1${q}.`,
      ` \t${q.replace(/ /g, "  ")}\u00a0!`,
      `${q.replace(/ /g, "\u3000")}`,
      `${q}${q}`,
    ];
  });

const KINDS = Object.keys(PHRASEBOOK.en) as (keyof Phrases)[];

describe("signals' phrase scanner", () => {
  it.each(KINDS)(
    "finds exactly the regular expression's matches for %s phrases in every language",
    (kind) => {
      const phrases = LANGUAGE_CODES.flatMap((l) => PHRASEBOOK[l][kind]);
      const pattern = phrasePattern(phrases, "gu");
      const scanner = phraseScanner(phrases);
      const mismatches = [...corpus, ...aroundPhrases(phrases)].filter(
        (text) => JSON.stringify(spansOf(scanner, text)) !== JSON.stringify(patternSpans(pattern, text)),
      );
      expect(mismatches).toEqual([]);
    },
    // The pattern side runs V8's regular expression for thousands of phrases over every corpus text: a bound on a
    // hang, not on speed (the person phrases take ≈ 17 s on the 2-core machine, over the default 20 s under load).
    120_000,
  );

  it("prefers the pattern's order where phrases overlap: Latin whole words first, then the longest", () => {
    const phrases = ["ab", "abc d", "b", "c"];
    const text = "xabc   d abc d, ab!";
    expect(spansOf(phraseScanner(phrases), text)).toEqual(patternSpans(phrasePattern(phrases, "gu"), text));
    expect(spansOf(phraseScanner(phrases), text)).toEqual([
      [9, 14],
      [16, 18],
    ]);
  });

  it("takes exactly the characters the pattern's \\s takes for the space inside a phrase", () => {
    const scanner = phraseScanner(["a b", "中 文"]);
    const pattern = phrasePattern(["a b", "中 文"], "gu");
    const differing = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      for (const text of [`a${c}b`, `中${c}${c}文`])
        if (JSON.stringify(spansOf(scanner, text)) !== JSON.stringify(patternSpans(pattern, text)))
          differing.push(unit.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it("takes a Latin phrase written right against Chinese, Japanese, Thai or Korean as a whole word", () => {
    const scanner = phraseScanner(["bot", "admin", "agent"]);
    const texts = ["不要bot", "ขอคุยกับadmin", "agent한테 연결", "botです", "robots", "admin1"];
    expect(texts.map((t) => spansOf(scanner, t).length)).toEqual([1, 1, 1, 1, 0, 0]);
    const pattern = phrasePattern(["bot", "admin", "agent"], "gu");
    for (const text of texts) expect(spansOf(scanner, text)).toEqual(patternSpans(pattern, text));
  });

  it("finds Latin phrases only as whole words, and others anywhere", () => {
    const scanner = phraseScanner(["bot", "机器人"]);
    expect(spansOf(scanner, "robot 你是机器人吗 bot")).toEqual([
      [8, 11],
      [13, 16],
    ]);
  });
});

describe("signals' phrase index: every kind and language in one scan", () => {
  const lists = signalPhraseLists();
  const index = phraseIndex(lists);
  const en = LANGUAGE_CODES.indexOf("en");

  it.each(["personAsks", "personNouns", "personAsksAfter", "botWords", "botRefusals"] as const)(
    "reads %s in each language with English beside it as the pattern of those two lists",
    (kind) => {
      const k = KINDS_READ.indexOf(kind);
      const patterns = LANGUAGE_CODES.map((l) =>
        phrasePattern([...PHRASEBOOK[l][kind], ...PHRASEBOOK.en[kind]], "gu"),
      );
      const mismatches = corpus.flatMap((text) => {
        const matches = index.scan(text);
        return LANGUAGE_CODES.flatMap((l, i) =>
          JSON.stringify(matches.spans(k, (1 << i) | (1 << en))) ===
          JSON.stringify(patternSpans(patterns[i] as RegExp | null, text))
            ? []
            : [`${l}: ${text}`],
        );
      });
      expect(mismatches).toEqual([]);
    },
    120_000,
  );

  it("reads the index the build writes (bytes beside the bundle) exactly as the one built on first use", () => {
    const read = phraseIndex(decodePhraseIndex(encodePhraseIndex(buildPhraseIndex(lists))));
    const differing = corpus.filter((text) => {
      const [a, b] = [index.scan(text), read.scan(text)];
      return KINDS_READ.some((_, k) => JSON.stringify(a.spans(k)) !== JSON.stringify(b.spans(k)));
    });
    expect(differing).toEqual([]);
    expect(
      corpus.filter((text) => index.scan(text).has(KINDS_READ.indexOf("person"))).length,
    ).toBeGreaterThan(100);
  });
});

describe("the phrasebook", () => {
  it("lists no phrase twice in one list of a language", () => {
    const repeated = LANGUAGE_CODES.flatMap((language) =>
      Object.entries(PHRASEBOOK[language] as unknown as Record<string, readonly string[]>).flatMap(
        ([kind, list]) =>
          list
            .filter((p, i) => list.findIndex((q) => q.toLowerCase() === p.toLowerCase()) !== i)
            .map((p) => `${language} ${kind} ${p}`),
      ),
    );
    expect(repeated).toEqual([]);
  });
});
