/**
 * The Admin GraphQL API through Shopify's own client, with the cost-based throttle respected: the bucket's state is
 * read from every response's `extensions.cost.throttleStatus`, a request waits until its cost has been restored,
 * THROTTLED answers wait exactly as long as the figures say, and 5xx or network failures back off exponentially.
 */
import { createAdminApiClient } from "@shopify/admin-api-client";

export interface ShopifyAdminOptions {
  readonly shop: string;
  readonly accessToken: string;
  /** From SHOPIFY_API_VERSION, the one place the version is set. */
  readonly apiVersion: string;
  /** Where the shop's Admin API lives; https://{shop} unless a test or proxy says otherwise. */
  readonly origin?: string;
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ShopifyAdmin {
  query<T>(operation: string, variables?: Record<string, unknown>): Promise<T>;
}

export class ShopifyApiError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Shopify's HTTP status when it answered (0 for network failures and GraphQL errors). */
    readonly status = 0,
  ) {
    super(message);
    this.name = "ShopifyApiError";
  }
}

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}
interface Cost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createShopifyAdmin(options: ShopifyAdminOptions): ShopifyAdmin {
  const origin = options.origin ?? `https://${options.shop}`;
  const client = createAdminApiClient({
    storeDomain: options.shop,
    apiVersion: options.apiVersion,
    accessToken: options.accessToken,
    // The client builds https://{shop}/admin/api/…; point it at `origin` when one is configured.
    customFetchApi: (url, init) => fetch(url.replace(`https://${options.shop}`, origin), init as RequestInit),
  });
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 4;
  let bucket: { status: ThrottleStatus; at: number; lastCost: number } | null = null;

  /** Waits until the bucket, as last reported and restored since, holds `cost` points. */
  async function waitForPoints(cost: number) {
    if (!bucket) return;
    const restored = Math.min(
      bucket.status.maximumAvailable,
      bucket.status.currentlyAvailable + ((Date.now() - bucket.at) / 1000) * bucket.status.restoreRate,
    );
    if (restored < cost && bucket.status.restoreRate > 0)
      await sleep(Math.ceil(((cost - restored) / bucket.status.restoreRate) * 1000));
  }

  return {
    async query<T>(operation: string, variables?: Record<string, unknown>): Promise<T> {
      let lastError = "no attempt made";
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        await waitForPoints(bucket?.lastCost ?? 1);
        const response = await client.request(operation, { variables }).catch((error: unknown) => ({
          data: undefined,
          errors: { message: error instanceof Error ? error.message : String(error), networkStatusCode: 0 },
          extensions: undefined,
        }));
        const cost = (response.extensions as { cost?: Cost } | undefined)?.cost;
        if (cost?.throttleStatus)
          bucket = { status: cost.throttleStatus, at: Date.now(), lastCost: cost.requestedQueryCost ?? 1 };
        const errors = response.errors as
          | {
              networkStatusCode?: number;
              message?: string;
              graphQLErrors?: { extensions?: { code?: string } }[];
            }
          | undefined;
        const throttled = errors?.graphQLErrors?.some((e) => e.extensions?.code === "THROTTLED");
        if (!errors && response.data !== undefined) return response.data as T;
        if (throttled) {
          lastError = "THROTTLED";
          const status = cost?.throttleStatus;
          const need = (cost?.requestedQueryCost ?? 1) - (status?.currentlyAvailable ?? 0);
          await sleep(
            status && status.restoreRate > 0
              ? Math.ceil((Math.max(need, 1) / status.restoreRate) * 1000)
              : 1000 * attempt,
          );
          continue;
        }
        const statusCode = errors?.networkStatusCode ?? 0;
        lastError = errors?.message ?? `HTTP ${statusCode}`;
        const retryable = statusCode === 0 || statusCode === 429 || statusCode >= 500;
        if (!retryable)
          throw new ShopifyApiError(`Shopify answered ${statusCode}: ${lastError}`, false, statusCode);
        await sleep(Math.min(8000, 200 * 2 ** (attempt - 1)) + Math.floor(Math.random() * 100));
      }
      throw new ShopifyApiError(`Shopify did not answer after ${maxAttempts} attempts: ${lastError}`, true);
    },
  };
}
