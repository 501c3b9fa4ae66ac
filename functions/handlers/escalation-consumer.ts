/** Lambda entry point for the regional escalation queues (SQS event source with ReportBatchItemFailures). */
import { buildConsumerDeps } from "../config/consumer-deps";
import { readEnv } from "../config/env";
import { createEscalationConsumer } from "../workers/escalation-consumer";

export const handler = createEscalationConsumer(buildConsumerDeps(readEnv()));
