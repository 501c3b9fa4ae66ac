/** Parses a queue message body with its schema: queue bodies are input like any other, checked before use. */
import type { z } from "zod";

/** A parsed body, or why it is not one: issue paths and codes only, never values (bodies carry personal data). */
export type QueueBodyResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: "not_json" | "invalid_body"; readonly issues: readonly string[] };

/** The body read as JSON and checked against `schema`; never throws, so a malformed body can be dropped by code. */
export function parseQueueBody<S extends z.ZodType>(schema: S, body: string): QueueBodyResult<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "not_json", issues: [] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    reason: "invalid_body",
    issues: parsed.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.code}`),
  };
}
