/**
 * Per-key rate limits (a token bucket per shop or per client address) so one noisy shop or sender cannot starve the
 * others. Buckets live in the instance: on Lambda each instance limits on its own, under API Gateway's stage ceiling.
 */
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import ipaddr from "ipaddr.js";
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

/** What the runtime hands the app next to the request: the Lambda event, or Node's incoming message. */
interface ConnectionEnv {
  readonly event?: { readonly requestContext?: { readonly http?: { readonly sourceIp?: string } } };
  readonly incoming?: IncomingMessage;
}

/**
 * The address the connection came from: API Gateway's `requestContext.http.sourceIp` on Lambda, the socket's peer
 * locally. Never X-Forwarded-For, whose entries the client writes. IPv6 counts per /64, the block one host is given.
 */
export function clientAddress(c: Context): string {
  const env = c.env as ConnectionEnv | undefined;
  const raw = env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress;
  if (!raw || !ipaddr.isValid(raw)) return "unknown";
  const address = ipaddr.process(raw);
  return address instanceof ipaddr.IPv6
    ? `${address.parts
        .slice(0, 4)
        .map((p) => p.toString(16))
        .join(":")}::/64`
    : address.toString();
}

export interface FailedAuthLimit {
  /** Refuses (429, Retry-After) a request from an address that has failed authentication too often, before any check. */
  readonly guard: MiddlewareHandler;
  /** Counts one failed authentication (a wrong key, token, session cookie or sign-in) against the request's address. */
  fail(c: Context): void;
}

/**
 * Failed authentications per address: `perMinute` failures are allowed (refilling continuously); beyond them every
 * authenticating request from that address is refused until the allowance refills, so guessing keys, tokens or
 * session ids costs a minute per batch. Counted per instance, like the other limits; 0 turns it off.
 */
export function failedAuthLimit(options: {
  readonly perMinute: number;
  readonly now?: () => number;
}): FailedAuthLimit {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const now = options.now ?? Date.now;
  const capacity = options.perMinute;
  const refillPerMs = capacity / 60_000;
  const refilled = (key: string) => {
    const t = now();
    const bucket = buckets.get(key);
    if (!bucket) return { tokens: capacity, at: t };
    return { tokens: Math.min(capacity, bucket.tokens + (t - bucket.at) * refillPerMs), at: t };
  };
  return {
    guard: async (c, next) => {
      if (capacity > 0) {
        const bucket = refilled(clientAddress(c));
        if (bucket.tokens < 1) {
          c.header("retry-after", String(Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000))));
          throw new AppError(
            "rate_limited",
            "Too many failed sign-ins or credentials from your address; retry after the time in Retry-After.",
            { limit: "failed_authentication" },
          );
        }
      }
      await next();
    },
    fail(c) {
      if (capacity <= 0) return;
      const key = clientAddress(c);
      const bucket = refilled(key);
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      if (buckets.size > 50_000) buckets.clear();
      buckets.set(key, bucket);
    },
  };
}
