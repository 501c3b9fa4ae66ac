/**
 * A local HTTP server speaking the chat-completions and embeddings protocols: scripted answers, recorded requests,
 * real faults, and deterministic vectors (functions/domain/fakes/embedder.ts) so our real clients are exercised.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeVectorOptions, fakeVector } from "../../functions/domain/fakes/embedder";

export type Scripted =
  | { readonly answer: Record<string, unknown> }
  /** Content that is not the JSON object we asked for. */
  | { readonly raw: string }
  | { readonly status: number }
  /** Answers only after this long (to trip our timeout). */
  | { readonly delayMs: number; readonly answer: Record<string, unknown> }
  /** An answer computed from the request, like a model that reads what it is sent. */
  | { readonly answerFor: (body: RecordedRequest["body"]) => Record<string, unknown> };

export interface RecordedRequest {
  readonly authorization: string | undefined;
  readonly body: { model: string; messages: { role: string; content: string }[]; response_format?: unknown };
}

/** One `POST /embeddings` as received. */
export interface RecordedEmbedding {
  readonly authorization: string | undefined;
  readonly body: { model: string; input: string | string[]; encoding_format?: string };
}

export interface FakeOpenAiOptions {
  /** How the fake embedding model makes vectors (dimensions, words that mean the same across languages). */
  readonly vectors?: FakeVectorOptions;
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });

/** `fallback`: the answer when nothing is scripted (default: a 500, so an unscripted call shows up as a failure). */
export async function startFakeOpenAi(fallback: Scripted = { status: 500 }, options: FakeOpenAiOptions = {}) {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const embeddings: RecordedEmbedding[] = [];
  let embeddingFailure: number | null = null;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.method === "POST" && req.url?.endsWith("/embeddings")) {
      const parsed = JSON.parse(body) as RecordedEmbedding["body"];
      embeddings.push({ authorization: req.headers.authorization, body: parsed });
      if (embeddingFailure !== null) {
        sendJson(res, embeddingFailure, { error: { message: "scripted failure", type: "server_error" } });
        return;
      }
      const input = typeof parsed.input === "string" ? [parsed.input] : parsed.input;
      if (!parsed.model || !Array.isArray(input) || input.some((i) => typeof i !== "string")) {
        sendJson(res, 400, { error: { message: "model and input (a string or strings) are required" } });
        return;
      }
      // OpenAI's shape: floats, or little-endian float32 in base64 when asked (the SDK's default).
      const encode = (vector: number[]) =>
        parsed.encoding_format === "base64"
          ? Buffer.from(Float32Array.from(vector).buffer).toString("base64")
          : vector;
      const tokens = input.reduce((n, text) => n + Math.ceil(text.length / 4), 0);
      sendJson(res, 200, {
        object: "list",
        data: input.map((text, index) => ({
          object: "embedding",
          index,
          embedding: encode(fakeVector(text, options.vectors)),
        })),
        model: parsed.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    requests.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
    const next = queue.shift() ?? fallback;
    if ("status" in next) {
      res.writeHead(next.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: {
            message: "scripted failure",
            type: next.status === 429 ? "rate_limit_exceeded" : "server_error",
          },
        }),
      );
      return;
    }
    if ("delayMs" in next) await new Promise((r) => setTimeout(r, next.delayMs));
    const content =
      "raw" in next
        ? next.raw
        : JSON.stringify("answerFor" in next ? next.answerFor(JSON.parse(body)) : next.answer);
    const completion = {
      id: `chatcmpl-${requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: "fake-model",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: {
        prompt_tokens: Math.ceil(body.length / 4),
        completion_tokens: Math.ceil(content.length / 4),
        total_tokens: 0,
      },
    };
    if (!res.destroyed)
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    /** Chat completions only: embeddings are recorded apart, so "model calls" keep meaning chat calls. */
    requests,
    embeddings,
    script: (...responses: Scripted[]) => queue.push(...responses),
    /** Every embeddings request answers this HTTP status until called with null. */
    failEmbeddings: (status: number | null) => {
      embeddingFailure = status;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      embeddings.length = 0;
      embeddingFailure = null;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const modelAnswer = (reply: string, intent = "order_status", extra: Record<string, unknown> = {}) => ({
  reply,
  intent,
  confidence: 0.9,
  escalate: false,
  reason: null,
  citations: [],
  answeredFromPassages: null,
  ...extra,
});
