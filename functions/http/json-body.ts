/** Guards every JSON body before validation: content type (415), size (413) and syntax (400 invalid_json). */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../domain/errors";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Stops reading a request body past `maxBytes` (declared by Content-Length or counted as a chunked body streams in)
 * and answers 413 payload_too_large; put it before anything that reads the body.
 */
export function limitBody(maxBytes: number, what: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError("payload_too_large", `${what} must be at most ${maxBytes} bytes.`);
    },
  });
}

export function jsonBody(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
    const type = c.req.header("content-type") ?? "";
    // A bodiless POST (claim, release, resolve) is no JSON to check; routes whose body is required say so in their schema.
    if (!type && !hasBody(c.req.raw.headers)) return next();
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
      throw new AppError(
        "unsupported_media_type",
        "Send the body as JSON with Content-Type: application/json.",
      );
    }
    // Counted while it streams in: a larger body, chunked or not, is refused before it is read whole.
    await limitBody(maxBytes, "The body")(c, async () => undefined);
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > maxBytes)
      throw new AppError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
    // An empty body declared as JSON is no body either, like `fetch` with a default Content-Type and nothing to send.
    if (raw.byteLength === 0) {
      const headers = new Headers(c.req.raw.headers);
      headers.delete("content-type");
      c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, signal: c.req.raw.signal });
      return next();
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
      JSON.parse(text);
    } catch {
      throw new AppError("invalid_json", "The body is not valid UTF-8 JSON.");
    }
    return next();
  };
}

/** Whether the request announces a body (RFC 9112: Content-Length above zero, or a Transfer-Encoding). */
const hasBody = (headers: Headers) =>
  headers.has("transfer-encoding") || Number(headers.get("content-length") ?? "0") > 0;
