import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { createIntentClassifier } from "../../functions/ai/intents/classifier";
import { DEFAULT_FEATURES, features, foldLatin } from "../../functions/ai/intents/features";
import { type IntentModelData, loadIntentModel, type Utterances } from "../../functions/ai/intents/model";
import { simplifiedChinese } from "../../functions/ai/intents/simplify-han";
import { romaniseDevanagari } from "../../functions/ai/intents/romanise";
import { HAN_MAP_FILE, simplifiedPairs } from "../../scripts/han-map";
import shipped from "../../functions/ai/intents/model.json";
import {
  buildIntentModel,
  DEFAULT_TRAINING,
  type Example,
  trainingDataHash,
  trainModel,
} from "../../functions/ai/intents/train";
import { UTTERANCES } from "../../functions/ai/intents/utterances";

const data = shipped as IntentModelData;
const classifier = createIntentClassifier(loadIntentModel(data));

/** A corpus small enough to train in a test. */
const tiny: Record<string, Utterances> = {
  en: {
    order_status: [
      "where is my order",
      "order status please",
      "has my parcel shipped",
      "tracking number pls",
      "where my parcel",
    ],
    shipping_info: [
      "do you ship to sabah",
      "shipping fee to cebu",
      "how long is shipping",
      "got free shipping",
      "which courier you use",
    ],
    greeting: ["hi", "hello", "good morning", "hey there", "hello kak"],
    thanks: ["thanks", "thank you", "tq", "ty so much", "thanks a lot"],
    out_of_scope: ["lol", "asdfgh", "nice weather", "haha", "who won the match"],
  },
};
const small = { ...DEFAULT_TRAINING, epochs: 5 };
const examples = (intent: Example["intent"], texts: readonly string[]): Example[] =>
  texts.map((text) => ({ text, intent }));

describe("the intent model, trained at build time", () => {
  it("was trained on the current utterances (run npm run train after editing them)", () => {
    expect(data.dataHash).toBe(trainingDataHash(UTTERANCES));
  });

  it("changes its data hash when one utterance changes, so a stale model is caught", () => {
    const edited = { en: { ...tiny.en, thanks: ["thanks", "thank you", "tq", "ty so much", "thanks lots"] } };
    expect(trainingDataHash(edited)).not.toBe(trainingDataHash(tiny));
  });

  it("trains deterministically: the same utterances give the same model file", () => {
    expect(JSON.stringify(buildIntentModel(tiny, small))).toBe(JSON.stringify(buildIntentModel(tiny, small)));
  });

  it("refuses a model trained on other features than the code computes", () => {
    expect(() => loadIntentModel({ ...data, featureVersion: data.featureVersion + 1 })).toThrow(
      /npm run train/,
    );
  });

  it("refuses a model whose key list is cut short", () => {
    const keys = Buffer.from(data.hashes, "base64");
    const cut = keys.subarray(0, keys.length - 1).toString("base64");
    expect(() => loadIntentModel({ ...data, hashes: cut })).toThrow(/intent model/);
  });

  it("gives Vietnamese typed without accents the same features as with them", () => {
    expect(features("Hàng bị lỗi, đổi giúp").all).toEqual(features("Hang bi loi, doi giup").all);
  });

  it("gives Devanagari the features of its chat spelling in Latin letters, as Hindi shoppers type it", () => {
    const devanagari = new Set(features("पैसे वापस कब मिलेंगे").all);
    const hinglish = features("paise wapas kab milenge").all;
    expect(hinglish.filter((f) => devanagari.has(f)).length).toBeGreaterThan(hinglish.length / 2);
  });

  it("spells Devanagari the way chat Hindi does: silent final and medial schwa, nukta, English loanwords", () => {
    expect(romaniseDevanagari("कब आएगा")).toBe("kab aega");
    expect(romaniseDevanagari("करना समझना कमल")).toBe("karna samajhna kamal");
    expect(romaniseDevanagari("ज़्यादा")).toBe("zyada");
    expect(romaniseDevanagari("रिफंड चाहिए")).toBe("rifand chahie");
    expect(romaniseDevanagari("order 1001 वापस")).toBe("order 1001 wapas");
  });

  it("gives Traditional Chinese the features of its Simplified form, and leaves Japanese kanji as written", () => {
    const traditional = new Set(features("我的訂單什麼時候到？運費多少").all);
    const simplified = features("我的订单什么时候到？运费多少").all;
    expect(simplified.every((f) => traditional.has(f))).toBe(true);
    expect(simplifiedChinese("注文した商品が届きません")).toBeNull();
    expect(simplifiedChinese("我的订单")).toBeNull();
  });

  it("carries OpenCC's Taiwan and Hong Kong simplification of every character (scripts/han-map.ts)", () => {
    const committed = JSON.parse(readFileSync(HAN_MAP_FILE, "utf8")) as { pairs: string };
    expect(committed.pairs).toBe(simplifiedPairs());
  });

  it("stops character n-grams at three on Han, kana, Hangul and Thai, and at four on Latin letters", () => {
    const upToFour = { charMax: 4, bigrams: true };
    const denseThree = { ...upToFour, denseCharMax: 3 };
    expect(features("환불 요청합니다", denseThree).all.length).toBeLessThan(
      features("환불 요청합니다", upToFour).all.length,
    );
    expect(features("refund please", denseThree).all).toEqual(features("refund please", upToFour).all);
    expect(DEFAULT_FEATURES.denseCharMax).toBe(3);
  });

  it("keeps the marks that are part of a letter outside Latin script", () => {
    expect(foldLatin("が ใช้ได้ไหม")).toBe("が ใช้ได้ไหม");
    expect(foldLatin("bảo hành đơn")).toBe("bao hanh don");
  });

  it("keeps every training label and a threshold chosen on held-out data", () => {
    expect(data.labels).toEqual(
      expect.arrayContaining([
        "shipping_info",
        "payment_methods",
        "return_policy",
        "store_info",
        "out_of_scope",
      ]),
    );
    expect(data.thresholds.minProbability).toBeGreaterThan(0);
  });
});

describe("store questions are understood, not unknown", () => {
  const cases: [string, string][] = [
    ["Do you ship to Sabah? how many days", "shipping_info"],
    ["Ongkir ke Surabaya berapa kak?", "shipping_info"],
    ["Can pay by GCash or COD?", "payment_methods"],
    ["Boleh bayar guna FPX tak?", "payment_methods"],
    ["What's your return policy?", "return_policy"],
    ["Ano po return policy niyo?", "return_policy"],
    ["What time do you open?", "store_info"],
    ["Tokonya di mana kak? ada toko offline?", "store_info"],
  ];
  it.each(cases)("%s → %s", (text, intent) => expect(classifier.classify(text).intent).toBe(intent));

  it("takes a request to change the delivery address of an order as change_address, not order_status", () => {
    expect(classifier.classify("Đổi địa chỉ giao hàng của đơn 1005 giúp mình nha").intent).toBe(
      "change_address",
    );
    expect(classifier.classify("Please change the delivery address of order 1005").intent).toBe(
      "change_address",
    );
  });

  it("takes small talk about the weather as unknown, not a complaint", () => {
    expect(classifier.classify("날씨 진짜 덥다").intent).toBe("unknown");
    expect(classifier.classify("오늘 비가 너무 많이 오네요").intent).toBe("unknown");
  });

  it("keeps an order-specific question apart from the general one", () => {
    expect(classifier.classify("Where is my order #1001?").intent).toBe("order_status");
    expect(classifier.classify("I want to return this, it arrived broken").intent).toBe("refund_return");
  });

  it("answers unknown for noise and small talk", () => {
    expect(classifier.classify("asdfghjkl").intent).toBe("unknown");
    expect(classifier.classify("").intent).toBe("unknown");
  });
});

describe("a request for a person beside another topic", () => {
  // A model trained here on a few returns and requests for a person, so the weight it splits between the two does
  // not move whenever the shipped model is retrained.
  const returnsAndPeople = createIntentClassifier(
    trainModel([
      ...examples("refund_return", [
        "i want to return it",
        "return this item please",
        "wrong size, i want a refund",
        "refund my order",
        "can i return the shoes",
        "the cup is broken, refund",
      ]),
      ...examples("human_request", [
        "talk to an agent",
        "agent please",
        "a real person please",
        "connect me to a human",
        "let me speak to someone",
        "i want a human",
      ]),
      ...examples("order_status", ["where is my order", "tracking number please", "has my parcel shipped"]),
    ]),
  );

  it("is read from the model's weight on human_request, with the other topic kept", () => {
    const reading = returnsAndPeople.classify("return the shoes, let me speak to someone");
    expect(reading.intent).toBe("refund_return");
    expect(reading.asksForPerson).toBe(true);
  });

  it("is not read into a message that asks for no one", () => {
    expect(classifier.classify("received wrong colour po, want to return it").asksForPerson).toBeUndefined();
    expect(classifier.classify("where is my order #1001?").asksForPerson).toBeUndefined();
  });
});

describe("a calm mention of staff or a call", () => {
  // Written apart from the training utterances (independent probes): the model once read each as asking for a person.
  it.each([
    ["What time your customer service online until?"],
    ["These earbuds can take calls one?"],
    ["แอดมินตอบไวมากประทับใจค่ะ"],
    ["这个包是人工皮还是真皮？"],
    ["Bạn nhân viên bên shop vừa gọi cho mình xong rồi, cảm ơn shop nhiều nha"],
  ])("is read as its own topic, not a request for a person: %s", (text) => {
    const reading = classifier.classify(text);
    expect(reading.intent).not.toBe("human_request");
    expect(reading.asksForPerson).toBeUndefined();
  });
});

describe("the API bundle", () => {
  it("carries the compact model, never the training utterances", async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, "../../functions/ai/understanding.ts")],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    // The model is a data file read on first use (functions/ai/intents/committed-model.ts, scripts/build.ts).
    expect(inputs.some((f) => f.endsWith("intents/committed-model.ts"))).toBe(true);
    expect(inputs.filter((f) => f.includes("intents/utterances") || f.endsWith("intents/train.ts"))).toEqual(
      [],
    );
  });
});
