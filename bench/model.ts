/** Model usage on the conversation suite: calls per shopper message and prompt tokens per call (o200k tokenizer). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { encodeChat } from "gpt-tokenizer";
import { startLocalStack } from "../functions/local/stack";
import { modelAnswer, startFakeOpenAi } from "../test/support/fake-openai";
import { fmt } from "./stats";

type Suite = Record<string, { messages: Record<string, string> }>;

export async function benchModel(): Promise<string> {
  const suite = JSON.parse(
    readFileSync(join(import.meta.dirname, "../test/fixtures/conversation-suite.json"), "utf8"),
  ) as Suite;
  const fake = await startFakeOpenAi({
    answer: modelAnswer("Thank you, I have checked that for you.", "order_status"),
  });
  const stack = await startLocalStack({
    logLevel: "SILENT",
    autoPoll: false,
    openai: { apiKey: "bench", baseUrl: fake.baseUrl, model: "gpt-4o-mini" },
  });
  // The suite, then store questions (test/fixtures/knowledge-eval) against the demo shop's knowledge.
  const eval_ = JSON.parse(
    readFileSync(join(import.meta.dirname, "../test/fixtures/knowledge-eval/en.json"), "utf8"),
  ) as { market: string; answerable: { question: string }[]; unanswerable: string[] };
  const storeQuestions = [...eval_.answerable.map((a) => a.question), ...eval_.unanswerable];
  const cases = [
    ...Object.entries(suite),
    [
      eval_.market,
      { messages: Object.fromEntries(storeQuestions.map((q, n) => [`store-${n}`, q])) },
    ] as const,
  ];
  let messages = 0;
  for (const [market, { messages: texts }] of cases) {
    for (const [scenario, text] of Object.entries(texts)) {
      messages++;
      await fetch(`${stack.url}/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          channel: "api",
          conversationId: `bench-${market}-${scenario}`,
          messageId: "1",
          market,
          shopper: { id: "buyer-1", name: "Siti" },
          text,
        }),
      }).then((r) => r.arrayBuffer());
    }
  }
  const tokens = fake.requests.map(
    (r) =>
      encodeChat(
        r.body.messages.map((m) => ({ role: m.role as "system" | "user" | "assistant", content: m.content })),
        "gpt-4o",
      ).length,
  );
  const staticTokens = fake.requests[0]
    ? encodeChat([{ role: "system", content: fake.requests[0].body.messages[0]?.content ?? "" }], "gpt-4o")
        .length
    : 0;
  const questionEmbeddings = fake.embeddings.filter(
    (e) => typeof e.body.input === "string" || e.body.input.length === 1,
  ).length;
  const knowledgeEmbeddings = fake.embeddings.length - questionEmbeddings;
  const knowledgeInputs = fake.embeddings
    .filter((e) => Array.isArray(e.body.input) && e.body.input.length > 1)
    .reduce((n, e) => n + e.body.input.length, 0);
  await stack.stop();
  await fake.stop();
  const mean = tokens.reduce((a, b) => a + b, 0) / Math.max(1, tokens.length);
  return [
    `conversation suite and ${storeQuestions.length} store questions (${messages} messages, 12 markets) with an OpenAI-compatible model configured`,
    `model calls per shopper message: ${fmt(fake.requests.length / messages, 2)} (goal ≤ 1.1; requests for a person, sensitive matters and frustration never call the model)`,
    // Embeddings are requests of their own (not chat calls): each store question once, the knowledge when it changes.
    `embedding requests per shopper message: ${fmt(questionEmbeddings / messages, 2)} (store questions' own), plus ${knowledgeEmbeddings} for the demo knowledge (${knowledgeInputs} passages, once per knowledge change)`,
    `prompt tokens per call (o200k): mean ${fmt(mean, 0)}, max ${Math.max(0, ...tokens)}; static cacheable prefix ${staticTokens} tokens`,
  ].join("\n");
}
