import { request } from "node:http";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractEntities } from "../../functions/domain/extract";
import { createLanguageDetector } from "../../functions/ai/language/detector";
import { MARKETS } from "../../functions/domain/markets";
import { createApp } from "../../functions/http/create-app";
import { useLocalStack } from "../support/local-stack";

const ERROR_CODES = new Set([
  "invalid_json",
  "invalid_request",
  "unknown_market",
  "unauthorized",
  "not_found",
  "payload_too_large",
  "unsupported_media_type",
]);

/**
 * Streams a chunked body of up to `totalBytes` and stops as soon as the server answers; reports how many bytes had
 * been handed to the socket by then. A server that reads the whole body first answers only after all of it.
 */
function streamUntilAnswered(url: string, headers: Record<string, string>, totalBytes: number) {
  return new Promise<{ status: number; code: string; sentWhenAnswered: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } });
    req.on("response", (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        req.destroy();
        const code = (JSON.parse(text || "{}") as { error?: { code?: string } }).error?.code ?? "";
        resolve({ status: res.statusCode ?? 0, code, sentWhenAnswered });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("hostile input never breaks the API", () => {
  const stack = useLocalStack({ autoPoll: false });
  const app = () => createApp(stack().deps);

  it("answers any JSON body to POST /v1/messages with 200 or a stable client error, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const res = await app().request("/v1/messages", {
          method: "POST",
          headers: { authorization: `Bearer ${stack().apiKey}`, "content-type": "application/json" },
          body: JSON.stringify(value),
        });
        if (res.status === 200) return;
        expect(res.status).toBeLessThan(500);
        const body = (await res.json()) as { error: { code: string } };
        expect(ERROR_CODES.has(body.error.code)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("answers any text a shopper may send, in any script, with a reply or a handoff", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }),
        fc.constantFrom(...Object.keys(MARKETS)),
        async (text, market) => {
          fc.pre(text.trim().length > 0);
          const res = await app().request("/v1/messages", {
            method: "POST",
            headers: { authorization: `Bearer ${stack().apiKey}`, "content-type": "application/json" },
            body: JSON.stringify({
              channel: "api",
              conversationId: `fuzz-${Math.random()}`,
              messageId: "1",
              market,
              shopper: { id: "fuzz" },
              text,
            }),
          });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { reply: { text: string } | null };
          expect(body.reply?.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("rejects bodies that are not UTF-8 JSON with 400 invalid_json", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        let valid = true;
        try {
          JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        const res = await app().request("/v1/messages", {
          method: "POST",
          headers: { authorization: `Bearer ${stack().apiKey}`, "content-type": "application/json" },
          body: bytes,
        });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
      }),
      { numRuns: 100 },
    );
  });

  it("never throws while extracting entities or detecting the language of any string", () => {
    const detector = createLanguageDetector();
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 500 }),
        fc.constantFrom(...Object.values(MARKETS)),
        (text, market) => {
          extractEntities(text);
          expect(market.languages.concat(["en"]).length).toBeGreaterThan(0);
          detector.detect(text, market, undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("answers forged or random agent tokens with 401", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 400 }).filter((s) => !/\s/.test(s)),
        async (token) => {
          const res = await app().request("/v1/inbox", { headers: { authorization: `Bearer ${token}` } });
          expect(res.status).toBe(401);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("answers deeply nested JSON within the size limit with 400, not a crash", async () => {
    const depth = 30_000;
    const res = await app().request("/v1/messages", {
      method: "POST",
      headers: { authorization: `Bearer ${stack().apiKey}`, "content-type": "application/json" },
      body: `${"[".repeat(depth)}${"]".repeat(depth)}`,
    });
    expect(res.status).toBe(400);
  });

  describe("bodies are limited while they stream, not after they are read whole", () => {
    const total = 64 * 1024 * 1024;
    const cases = [
      { what: "an unauthenticated marketplace push", path: "/webhooks/lazada", auth: false },
      { what: "a Shopify webhook", path: "/webhooks/shopify", auth: false },
      { what: "a shop API body", path: "/v1/messages", auth: true },
    ];
    for (const { what, path, auth } of cases)
      it(`answers 413 to ${what} streamed in chunks long before the client has sent it all`, async () => {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (auth) headers.authorization = `Bearer ${stack().apiKey}`;
        const result = await streamUntilAnswered(`${stack().url}${path}`, headers, total);
        expect(result.status).toBe(413);
        expect(result.code).toBe("payload_too_large");
        // Kernel socket buffers hold a few megabytes at most; reading the body whole would take all 64.
        expect(result.sentWhenAnswered).toBeLessThan(total / 4);
      });
  });
});
