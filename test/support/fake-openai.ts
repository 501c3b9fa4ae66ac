/** A local HTTP server speaking the chat-completions protocol: scripted answers, recorded requests, real faults. */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

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

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });

/** `fallback`: the answer when nothing is scripted (default: a 500, so an unscripted call shows up as a failure). */
export async function startFakeOpenAi(fallback: Scripted = { status: 500 }) {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
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
    requests,
    script: (...responses: Scripted[]) => queue.push(...responses),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
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
  ...extra,
});
