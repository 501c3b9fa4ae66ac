/** Typed application errors; the HTTP layer maps them to docs/api.md's error envelope in one place. */
export type ErrorCode =
  | "invalid_json"
  | "invalid_request"
  | "unknown_market"
  | "market_required"
  /** The marketplace did not confirm that a connection's credentials act for the shop id it claims. */
  | "ownership_not_proven"
  | "unauthorized"
  /** A webhook handshake whose verify token is not a connected account's (Meta expects 403). */
  | "forbidden"
  | "not_found"
  | "conflict"
  /** A resolve before anyone claimed the escalation (docs/api.md: 409). */
  | "not_claimed"
  | "message_id_reused"
  /** The marketplace shop is already connected to another of our shops. */
  | "marketplace_shop_taken"
  /** The shop holds as many articles or products as its store knowledge may (domain/knowledge.ts KNOWLEDGE_LIMITS). */
  | "knowledge_limit_reached"
  /** An order action no longer waits for a decision (it was approved, declined or expired). */
  | "action_not_pending"
  /** An order action the AI may not carry out (the seller's `off`, a marketplace order): a person does it by hand. */
  | "action_manual"
  /** An address the shopper wrote as text: the approving agent gives it in Shopify's fields. */
  | "address_required"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "dependency_unavailable"
  | "internal_error";

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  unknown_market: 400,
  market_required: 400,
  ownership_not_proven: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  not_claimed: 409,
  message_id_reused: 409,
  marketplace_shop_taken: 409,
  knowledge_limit_reached: 409,
  action_not_pending: 409,
  action_manual: 409,
  address_required: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  dependency_unavailable: 503,
  internal_error: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** A downstream dependency (table, queue, model) failed; the request can be retried as is. */
export class DependencyError extends AppError {
  constructor(dependency: string, cause: unknown) {
    super(
      "dependency_unavailable",
      `The ${dependency} is unavailable right now; retry the same request.`,
      { dependency },
      { cause },
    );
    this.name = "DependencyError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);
