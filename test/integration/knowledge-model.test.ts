/**
 * Store questions with a model configured (POST /v1/messages against the fake OpenAI-compatible server): the model
 * answers from the retrieved passages only and must cite them; embeddings find knowledge written in another language.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { modelAnswer, type RecordedRequest, startFakeOpenAi } from "../support/fake-openai";
import { http } from "../support/local-stack";

type Result = {
  status: string;
  reply: { text: string; engine: string; intent: string; sources: { type: string; id: string }[] } | null;
  escalation: { reason: string } | null;
};
type GivenPassage = { id: string; type: string; title: string; text: string };

const WARRANTY = { title: "Warranty", body: "Power banks carry an 18-month warranty.", language: "en" };
const RETURNS = { title: "Returns", body: "Return any item within 14 days of delivery.", language: "en" };
const THAI_QUESTION = "พาวเวอร์แบงค์รับประกันกี่เดือนคะ";
const THAI_ANSWER = "พาวเวอร์แบงค์มีประกัน 18 เดือนค่ะ";

/** The passages the model was given in a chat request's CONTEXT. */
function passagesIn(request: RecordedRequest | undefined): GivenPassage[] {
  const context =
    request?.body.messages.find((m) => m.content.startsWith("CONTEXT (JSON):\n"))?.content ?? "";
  return (
    (JSON.parse(context.slice(context.indexOf("\n") + 1) || "{}") as { passages?: GivenPassage[] })
      .passages ?? []
  );
}

describe("store answers written by the model", () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let stack: LocalStack;
  let shops = 0;
  let messages = 0;

  beforeAll(async () => {
    // The fake embedding model knows "warranty" and the Thai "รับประกัน" mean the same, as a multilingual one would.
    fake = await startFakeOpenAi(undefined, { vectors: { sameMeaning: [["warranty", "รับประกัน"]] } });
    stack = await startLocalStack({
      logLevel: "SILENT",
      autoPoll: false,
      openai: { apiKey: "test-key", baseUrl: fake.baseUrl, model: "fake-model", timeoutMs: 5000 },
      environment: { OPENAI_EMBEDDING_MODEL: "fake-embedding" },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  /** A shop of its own for each test, so its index and vectors start empty. */
  async function newShop(articles: Record<string, object>) {
    shops++;
    const id = ShopId(`model-${shops}-${process.pid}.myshopify.com`);
    const key = `sk_test_knowledge_model_${shops}_${process.pid}_padding`;
    await stack.deps.shops.putShop({ id, name: "Model shop", markets: ["TH", "SG"] }, key);
    for (const [articleId, article] of Object.entries(articles)) await put(key, articleId, article);
    return key;
  }
  const put = (key: string, articleId: string, article: object) =>
    http(`${stack.url}/v1/knowledge/articles/${articleId}`, { method: "PUT", token: key, body: article });
  const say = (key: string, text: string, market = "TH", thread = `t-${++messages}`) =>
    http<Result>(`${stack.url}/v1/messages`, {
      token: key,
      body: {
        channel: "api",
        conversationId: thread,
        messageId: `m-${++messages}`,
        market,
        shopper: { id: "s-1" },
        text,
      },
    });

  it("answers a Thai question from an English article in Thai, citing the article", async () => {
    const key = await newShop({ "warranty-en": WARRANTY });
    fake.script({
      answerFor: (body) => {
        const cited = passagesIn({ authorization: undefined, body }).find((p) => p.text.includes("18-month"));
        return modelAnswer(THAI_ANSWER, "return_policy", {
          citations: cited ? [cited.id] : [],
          answeredFromPassages: true,
        });
      },
    });
    const { body } = await say(key, THAI_QUESTION);
    expect(body.reply?.engine).toBe("openai");
    expect(body.reply?.text).toContain(THAI_ANSWER);
    expect(body.reply?.sources).toEqual([{ type: "article", id: "warranty-en" }]);
    // The model saw the passage's id, type, title and text, and nothing else.
    expect(passagesIn(fake.requests[0])).toEqual([
      { id: "article:warranty-en", type: "article", title: "Warranty", text: WARRANTY.body },
    ]);
  });

  it("rejects an answer citing an id it was not given: the embedded engine answers, sources not invented", async () => {
    const key = await newShop({ "warranty-en": WARRANTY });
    fake.script({
      answer: modelAnswer("Power banks have an 18-month warranty.", "return_policy", {
        citations: ["article:made-up"],
        answeredFromPassages: true,
      }),
    });
    const { body } = await say(key, "How long is the warranty on power banks?", "SG");
    expect(body.reply?.engine).toBe("embedded");
    expect(body.reply?.sources).toEqual([{ type: "article", id: "warranty-en" }]);
  });

  it("rejects an answer citing nothing: with nothing the embedded engine can vouch for, one clarifying question", async () => {
    const key = await newShop({ "warranty-en": WARRANTY });
    // No number in it either: only the missing citation can reject it.
    const uncited = "พาวเวอร์แบงค์มีประกันค่ะ";
    fake.script({
      answer: modelAnswer(uncited, "return_policy", { citations: [], answeredFromPassages: true }),
    });
    const { body } = await say(key, THAI_QUESTION);
    expect(body.reply?.engine).toBe("embedded");
    expect(body.reply?.text).not.toContain(uncited);
    expect(body.reply?.sources).toEqual([]);
    expect(body.status).toBe("ai");
  });

  it("asks one clarifying question when the model says the passages do not answer, then hands over", async () => {
    const key = await newShop({ "warranty-en": WARRANTY });
    const nothing = modelAnswer("I'm not sure.", "return_policy", {
      citations: [],
      answeredFromPassages: false,
    });
    fake.script({ answer: nothing }, { answer: nothing });
    // Words alone would quote the warranty article here: the model's reading wins, and nothing is invented.
    const first = await say(key, "How long is the warranty on power banks?", "SG", "r5");
    expect(first.body.reply?.text).toContain(stack.deps.translator.t("en", "clarify"));
    expect(first.body.reply?.sources).toEqual([]);
    expect(first.body.escalation).toBeNull();
    const second = await say(key, "Does the power bank warranty cover water damage?", "SG", "r5");
    expect(second.body.escalation).not.toBeNull();
  });

  it("embeds the knowledge once, then only each message's question, then only what changed", async () => {
    const key = await newShop({ "warranty-en": WARRANTY, "returns-en": RETURNS });
    const inputs = () => fake.embeddings.map((e) => e.body.input);
    await say(key, THAI_QUESTION);
    expect(inputs()).toEqual([
      expect.arrayContaining([
        "Warranty\nPower banks carry an 18-month warranty.",
        "Returns\nReturn any item within 14 days of delivery.",
      ]),
      [THAI_QUESTION],
    ]);
    expect(fake.embeddings[0]?.body.model).toBe("fake-embedding");
    fake.reset();
    await say(key, "รับประกันสินค้ากี่ปีคะ");
    expect(inputs()).toEqual([["รับประกันสินค้ากี่ปีคะ"]]);
    fake.reset();
    await put(key, "returns-en", { ...RETURNS, body: "Return any item within 30 days of delivery." });
    await say(key, THAI_QUESTION);
    expect(inputs()).toEqual([["Returns\nReturn any item within 30 days of delivery."], [THAI_QUESTION]]);
    // Still one chat call for the message: the embeddings are requests of their own, not model calls.
    expect(fake.requests).toHaveLength(1);
  });

  describe("the seller's test box (POST /v1/knowledge/ask) answers as a shopper is answered", () => {
    type Asked = {
      answered: boolean;
      text: string;
      language: string;
      sources: { type: string; id: string }[];
      engine: string;
      fallbackReason?: string;
    };
    const ask = (key: string, question: string, market: string) =>
      http<Asked>(`${stack.url}/v1/knowledge/ask`, { token: key, body: { question, market } });
    const ENGLISH_QUESTION = "How long is the warranty on power banks?";

    it("shows the model's answer with the passages it cited as sources", async () => {
      const key = await newShop({ "warranty-en": WARRANTY, "returns-en": RETURNS });
      fake.script({
        answerFor: (body) => {
          const cited = passagesIn({ authorization: undefined, body }).find((p) =>
            p.text.includes("18-month"),
          );
          return modelAnswer(THAI_ANSWER, "return_policy", {
            citations: cited ? [cited.id] : [],
            answeredFromPassages: true,
          });
        },
      });
      const { status, body } = await ask(key, THAI_QUESTION, "TH");
      expect(status).toBe(200);
      expect(body).toEqual({
        answered: true,
        text: THAI_ANSWER,
        language: "th",
        sources: [{ type: "article", id: "warranty-en" }],
        engine: "openai",
      });
      // The same single model call a shopper's message makes, given the retrieved passages.
      expect(fake.requests).toHaveLength(1);
      expect(passagesIn(fake.requests[0]).map((p) => p.id)).toContain("article:warranty-en");
    });

    it.each([
      ["unknown_citation", { citations: ["article:made-up"] }, "Power banks have an 18-month warranty."],
      ["unsupported_number", { citations: ["article:warranty-en"] }, "Power banks have a 24-month warranty."],
      ["no_citation", { citations: [] }, "Power banks have a warranty."],
    ])(
      "shows the embedded answer when the model's answer is rejected (%s), saying why",
      async (why, extra, reply) => {
        const key = await newShop({ "warranty-en": WARRANTY });
        fake.script({
          answer: modelAnswer(reply, "return_policy", { ...extra, answeredFromPassages: true }),
        });
        const { body } = await ask(key, ENGLISH_QUESTION, "SG");
        expect(body).toMatchObject({
          answered: true,
          engine: "embedded",
          fallbackReason: why,
          sources: [{ type: "article", id: "warranty-en" }],
        });
        expect(body.text).toContain(WARRANTY.body);
        expect(body.text).not.toContain(reply);
      },
    );

    it("shows the embedded answer when the model call fails, saying so", async () => {
      const key = await newShop({ "warranty-en": WARRANTY });
      fake.script({ status: 500 });
      const { body } = await ask(key, ENGLISH_QUESTION, "SG");
      expect(body).toMatchObject({ engine: "embedded", fallbackReason: "model_failed", answered: true });
      expect(body.text).toContain(WARRANTY.body);
    });

    it("does not ask the model when nothing in the knowledge matches, and says so", async () => {
      const key = await newShop({});
      const { body } = await ask(key, ENGLISH_QUESTION, "SG");
      expect(body).toMatchObject({
        answered: false,
        engine: "embedded",
        fallbackReason: "no_passages",
        sources: [],
      });
      expect(fake.requests).toHaveLength(0);
    });

    it("says the model found nothing that answers, without a source", async () => {
      const key = await newShop({ "warranty-en": WARRANTY });
      fake.script({
        answer: modelAnswer("I'm not sure.", "return_policy", { citations: [], answeredFromPassages: false }),
      });
      const { body } = await ask(key, ENGLISH_QUESTION, "SG");
      expect(body).toMatchObject({ answered: false, engine: "openai", sources: [] });
      expect(body).not.toHaveProperty("fallbackReason");
      expect(body.text).not.toContain("I'm not sure.");
    });

    it("shows the handoff a shopper would get when the model hands the question to a person", async () => {
      const key = await newShop({ "warranty-en": WARRANTY });
      fake.script({
        answer: modelAnswer("Let me get a colleague.", "human_request", { answeredFromPassages: true }),
      });
      const { body } = await ask(key, ENGLISH_QUESTION, "SG");
      expect(body).toMatchObject({ answered: false, engine: "openai", sources: [] });
      expect(body.text).toBe(stack.deps.translator.t("en", "handoff.human_requested"));
    });

    it("shows the seller the engine and why the model's answer was not used on the knowledge page", async () => {
      const key = await newShop({ "warranty-en": WARRANTY });
      const form = (path: string, fields: [string, string][], cookie = "") =>
        fetch(`${stack.url}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: {
            origin: stack.url,
            cookie,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams(fields),
        });
      const signedIn = await form("/inbox/sign-in", [
        ["kind", "seller"],
        ["credential", key],
      ]);
      const cookie = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .filter((c) => !c.endsWith("="))
        .join("; ");
      fake.script({
        answer: modelAnswer("Power banks have a 24-month warranty.", "return_policy", {
          citations: ["article:warranty-en"],
          answeredFromPassages: true,
        }),
      });
      const page = await (
        await form(
          "/inbox/knowledge/ask",
          [
            ["question", ENGLISH_QUESTION],
            ["market", "SG"],
          ],
          cookie,
        )
      ).text();
      const t = (key: string) => stack.deps.translator.t("en", key).replaceAll("'", "&#39;");
      expect(page).toContain(WARRANTY.body);
      expect(page).toContain(t("inbox:knowledge.engine_embedded"));
      expect(page).toContain(t("inbox:knowledge.fallback_unsupported_number"));
      expect(page).toContain('<a href="/inbox/knowledge/warranty-en/edit">Warranty</a>');
    });
  });

  it("never gives the model another shop's passages, whatever the vectors say", async () => {
    await newShop({ "warranty-a": { ...WARRANTY, body: "Shop A: power banks carry an 18-month warranty." } });
    const b = await newShop({
      "warranty-b": { ...WARRANTY, body: "Shop B: every item has a 2-year warranty." },
    });
    fake.script({
      answerFor: (body) =>
        modelAnswer("ทุกสินค้ามีประกัน 2 ปีค่ะ", "return_policy", {
          citations: passagesIn({ authorization: undefined, body }).map((p) => p.id),
          answeredFromPassages: true,
        }),
    });
    const { body } = await say(b, THAI_QUESTION);
    const given = passagesIn(fake.requests[0]);
    expect(given.map((p) => p.id)).toEqual(["article:warranty-b"]);
    expect(JSON.stringify(fake.requests[0]?.body.messages)).not.toContain("Shop A");
    expect(body.reply?.sources).toEqual([{ type: "article", id: "warranty-b" }]);
  });
});
