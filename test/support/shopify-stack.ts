/** The local Shopify and a local stack whose Admin API calls go to it, started together for a test file. */
import { LOCAL_DEFAULTS, type LocalStackOptions, startLocalStack } from "../../functions/local/stack";
import { startFakeShopify } from "./fake-shopify";

/** Queues are polled by hand (each test decides when a worker runs) unless `options` says otherwise. */
export async function startStackWithShopify(options: LocalStackOptions = {}) {
  const fake = await startFakeShopify({
    apiKey: LOCAL_DEFAULTS.shopifyApiKey,
    apiSecret: LOCAL_DEFAULTS.shopifyApiSecret,
  });
  const stack = await startLocalStack({
    logLevel: "SILENT",
    shopifyAdminOrigin: fake.originTemplate,
    autoPoll: false,
    ...options,
  });
  return { fake, stack };
}
