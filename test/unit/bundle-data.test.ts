/**
 * The data the Lambda bundles read from files beside their code on first use (scripts/build.ts DATA_FILES): the
 * built modules, run from a folder the way Lambda runs them, give the same answers as the source.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOFF_KEYWORDS } from "../../functions/adapters/i18n/resources";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { createEmbeddedUnderstanding } from "../../functions/ai/understanding";
import { MARKETS } from "../../functions/domain/markets";
import { detectSignals } from "../../functions/domain/signals";
import type { Understanding } from "../../functions/domain/ports";
import { bundleOptions, copyDataFiles, initOutputs } from "../../scripts/build";

const outdir = mkdtempSync(join(tmpdir(), "bundle-data-"));
const functions = join(import.meta.dirname, "../../functions");

/** Builds one module as a Lambda bundle of its own (with its data files) and imports it. */
async function built<T>(name: string, entry: string) {
  const dir = join(outdir, name);
  const { metafile } = await build({ ...bundleOptions(join(functions, entry), dir), sourcemap: false });
  const dataBytes = await copyDataFiles(metafile, dir);
  const initInputs = Object.entries(metafile.outputs)
    .filter(([o]) => initOutputs(metafile).has(o))
    .flatMap(([, o]) => Object.keys(o.inputs));
  const module = (await import(pathToFileURL(join(dir, "index.mjs")).href)) as T;
  return { module, dataBytes, initInputs };
}

let understanding: Awaited<
  ReturnType<typeof built<{ createEmbeddedUnderstanding: typeof createEmbeddedUnderstanding }>>
>;
let translator: Awaited<ReturnType<typeof built<{ createTranslator: typeof createTranslator }>>>;
let signals: Awaited<ReturnType<typeof built<{ detectSignals: typeof detectSignals }>>>;

beforeAll(async () => {
  understanding = await built("understanding", "ai/understanding.ts");
  translator = await built("translator", "adapters/i18n/translator.ts");
  signals = await built("signals", "domain/signals.ts");
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const AGENT_KEY = "agent:reason.human_requested";

const MESSAGES = [
  ["ID", "Kak, pesanan saya sudah sampai mana?"],
  ["MY", "Boleh saya tahu bila barang saya akan sampai?"],
  ["SG", "Where is my parcel, it has been a week"],
  ["PH", "Nasaan na po yung order ko, wala pa rin"],
  ["VN", "Đơn hàng của tôi đang ở đâu vậy shop?"],
  ["TH", "พัสดุของฉันอยู่ที่ไหนคะ"],
  ["JP", "注文した商品はいつ届きますか"],
  ["IN", "mera order kab aayega bhai, bahut der ho gayi"],
  ["SG", "I want to talk to a real person please"],
  ["ID", "admin"],
] as const;

const read = (u: Understanding) =>
  MESSAGES.map(([market, text]) => ({
    text,
    language: u.detectLanguage(text, MARKETS[market], undefined).language,
    intent: u.classify(text).intent,
  }));

describe("the bundles' data files", () => {
  it("hold the intent model and eld's n-grams, which the bundle does not compile in", () => {
    expect(understanding.dataBytes).toBeGreaterThan(100_000);
    expect(
      understanding.initInputs.filter((i) => i.endsWith("model.json") || i.includes("eld/src/ngrams")),
    ).toEqual([]);
  });

  it("detect languages and classify intents in the bundle as in the source", () => {
    const bundled = understanding.module.createEmbeddedUnderstanding(HANDOFF_KEYWORDS);
    expect(read(bundled)).toEqual(read(createEmbeddedUnderstanding(HANDOFF_KEYWORDS)));
  });

  it("give every locale's text in the bundle as in the source, the handoff keywords inlined at build", () => {
    expect(translator.initInputs.filter((i) => i.startsWith("locales/"))).toEqual([]);
    const bundled = translator.module.createTranslator();
    const source = createTranslator();
    for (const locale of ["en", "id", "th", "zh-Hant-HK", "hi"])
      for (const key of ["shopper:handoff_keyword", AGENT_KEY, "inbox:sign_in.submit"])
        expect(bundled.t(locale, key)).toBe(source.t(locale, key));
  });

  it("read the phrasebook's signals in the bundle as in the source, from its data files", () => {
    expect(signals.dataBytes).toBeGreaterThan(50_000);
    expect(existsSync(join(outdir, "signals", "data", "phrase-index.bin"))).toBe(true);
    const texts = [
      "PARAH BANGET!!! udah 2 minggu paket gak dateng2, penipu kalian!!!",
      "I want to talk to a real person please",
      "정말 화가 나네요. 벌써 3주째 기다리고 있어요!!",
      "I'm pregnant, is this product safe for me?",
      "manager se baat karni hai abhi",
      "Đơn của mình tới đâu rồi shop?",
    ];
    expect(texts.map((t) => signals.module.detectSignals(t))).toEqual(texts.map((t) => detectSignals(t)));
    expect(texts.flatMap((t) => detectSignals(t)).length).toBeGreaterThan(3);
  });
});
