/** Lambda entry point for the Shopify events queue (SQS event source with ReportBatchItemFailures). */
import { buildShopifyWorkerDeps } from "../config/consumer-deps";
import { readEnv } from "../config/env";
import { createShopifyWorker } from "../workers/shopify-events";

export const handler = createShopifyWorker(buildShopifyWorkerDeps(readEnv()));
