/** Maps every failure to docs/api.md's error envelope in one place; internals never reach the client. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { AppError } from "../domain/errors";
import type { Logger } from "../domain/ports";

/** Field paths and messages of a validation failure, for `details`. */
export const zodDetails = (error: ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));

function isDependencyFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { $fault?: string; $metadata?: unknown; code?: string; name?: string; cause?: unknown };
  if (e.$metadata !== undefined && e.$fault === "server") return true;
  if (
    e.name === "ProvisionedThroughputExceededException" ||
    e.name === "ThrottlingException" ||
    e.name === "RequestLimitExceeded"
  )
    return true;
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"].includes(e.code ?? "")) return true;
  if (e.name === "TimeoutError" || e.name === "AbortError") return true;
  return e.cause !== undefined && isDependencyFailure(e.cause);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError)
    return new AppError("invalid_request", "The request does not match the schema.", zodDetails(error));
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return new AppError("payload_too_large", "The body is larger than this endpoint accepts.");
    if (error.status === 401) return new AppError("unauthorized", "Missing or invalid credentials.");
    return new AppError("invalid_request", error.message || "The request is not valid.");
  }
  if (isDependencyFailure(error))
    return new AppError(
      "dependency_unavailable",
      "A service we depend on is unavailable; retry the same request.",
    );
  return new AppError("internal_error", "Something went wrong on our side; retry later.");
}

/**
 * What a log may say about a failure: its type, codes and where it was thrown, never its message (a parser's or a
 * dependency's message can quote the request body, a key or a shopper's words).
 */
export function describeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  // The first stack frame after the message line: a file and line, no data.
  const at = e.stack
    ?.split("\n")
    .find((line) => /^\s+at /.test(line))
    ?.trim();
  return {
    name: e.name,
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.$fault === "string" ? { fault: e.$fault } : {}),
    ...(typeof e.$metadata?.httpStatusCode === "number" ? { httpStatus: e.$metadata.httpStatusCode } : {}),
    ...(at ? { at } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: describeError(e.cause, depth + 1) } : {}),
  };
}

export function errorResponder(logger: Logger) {
  return (error: unknown, c: Context) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      logger.error("request failed", {
        path: c.req.path,
        method: c.req.method,
        code: appError.code,
        error: describeError(error),
      });
    }
    return c.json(appError.toJSON(), appError.status as 400);
  };
}
