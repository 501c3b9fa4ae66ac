/** The composition root of the queue consumers and the sweeper: no language models, so their cold start stays small. */
import { createEscalationStore } from "../adapters/dynamodb/escalation-store";
import { createShopStore } from "../adapters/dynamodb/shop-store";
import { createEmfMetrics } from "../adapters/metrics/emf-metrics";
import { createWebhookNotifier } from "../adapters/notify/webhook-notifier";
import type { ConsumerDeps } from "../workers/escalation-consumer";
import type { SweeperDeps } from "../workers/sla-sweeper";
import { buildClients } from "./clients";
import type { Env } from "./env";
import { createLogger } from "./logger";

export function buildConsumerDeps(env: Env): ConsumerDeps & SweeperDeps {
  const { table } = buildClients(env);
  const shops = createShopStore(table);
  const logger = createLogger(env.LOG_LEVEL);
  return {
    inbox: createEscalationStore(table, () => shops.listShopIds()),
    shops,
    notifier: createWebhookNotifier({ logger }),
    metrics: createEmfMetrics(),
    clock: { now: () => new Date() },
    logger,
  };
}
