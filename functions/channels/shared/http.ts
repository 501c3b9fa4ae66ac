/** The HTTP calls channels make: JSON in and out, a timeout, and errors that say whether a retry can help. */
export class MarketplaceApiError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "MarketplaceApiError";
  }
}

/** A JSON call that never follows redirects; network failures, 429 and 5xx are retryable, other answers are not. */
export async function callJson(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<unknown> {
  let response: Response;
  try {
    // Never followed: a redirect could lead a signed call (and its token) off the vetted host.
    response = await fetch(url, {
      ...init,
      redirect: "error",
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new MarketplaceApiError(`network: ${error instanceof Error ? error.name : "error"}`, true);
  }
  const text = await response.text();
  if (!response.ok)
    throw new MarketplaceApiError(
      `HTTP ${response.status}`,
      response.status === 429 || response.status >= 500,
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MarketplaceApiError("answer is not JSON", true);
  }
}

/**
 * A JSON call like `callJson` that also hands back an error answer's body (Meta and LINE say in it why a send was
 * refused); only a network failure throws. Never follows redirects.
 */
export async function exchangeJson(
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<{ ok: boolean; status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      redirect: "error",
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new MarketplaceApiError(`network: ${error instanceof Error ? error.name : "error"}`, true);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : {};
  } catch {
    if (response.ok) throw new MarketplaceApiError("answer is not JSON", true);
  }
  return { ok: response.ok, status: response.status, body };
}

/** Now, in whole seconds since the epoch. */
export const epochSeconds = () => Math.floor(Date.now() / 1000);
/** Epoch seconds as an ISO 8601 instant. */
export const isoFromEpoch = (seconds: number) => new Date(seconds * 1000).toISOString();
