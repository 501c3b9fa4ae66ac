/**
 * Per-key rate limits (a token bucket per shop or per client address) so one noisy shop or sender cannot starve the
 * others. Buckets live in the instance: on Lambda each instance limits on its own, under API Gateway's stage ceiling.
 */
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../domain/errors";

export interface RateLimitOptions {
  /** Requests allowed per minute and key; 0 turns the limit off. */
  readonly perMinute: number;
  /** The key a request counts against, or null to let it through uncounted. */
  readonly key: (c: Context) => string | null;
  readonly now?: () => number;
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const now = options.now ?? Date.now;
  const capacity = options.perMinute;
  const refillPerMs = options.perMinute / 60_000;
  return async (c, next) => {
    const key = capacity > 0 ? options.key(c) : null;
    if (key !== null) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * refillPerMs);
      bucket.at = t;
      if (bucket.tokens < 1) {
        c.header("retry-after", String(Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)));
        throw new AppError("rate_limited", "Too many requests; retry after the time in Retry-After.");
      }
      bucket.tokens -= 1;
      if (buckets.size > 50_000) buckets.clear();
      buckets.set(key, bucket);
    }
    await next();
  };
}

/** The client's address as API Gateway (or a local proxy) reports it. */
export const clientAddress = (c: Context) =>
  c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
