/** Guards every JSON body before validation: content type (415), size (413) and syntax (400 invalid_json). */
import type { MiddlewareHandler } from "hono";
import { AppError } from "../domain/errors";

export const MAX_BODY_BYTES = 64 * 1024;

export function jsonBody(maxBytes = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
      throw new AppError(
        "unsupported_media_type",
        "Send the body as JSON with Content-Type: application/json.",
      );
    }
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > maxBytes)
      throw new AppError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > maxBytes)
      throw new AppError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
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
