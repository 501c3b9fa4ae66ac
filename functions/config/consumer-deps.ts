/** The composition root of the queue consumers: no language models, so their cold start stays small. */
import { createEscalationStore } from "../adapters/dynamodb/escalation-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import type { ConsumerDeps } from "../workers/escalation-consumer";
import { buildClients } from "./clients";
import type { Env } from "./env";
import { createLogger } from "./logger";

export function buildConsumerDeps(env: Env): ConsumerDeps {
  const { table } = buildClients(env);
  const shops = createShopStore(table);
  return {
    inbox: createEscalationStore(table, () => shops.listShopIds()),
    logger: createLogger(env.LOG_LEVEL),
  };
}
