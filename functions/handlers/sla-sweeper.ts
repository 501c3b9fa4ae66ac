/** Lambda entry point of the SLA sweeper, run every minute by an EventBridge schedule. */
import { buildConsumerDeps } from "../config/consumer-deps";
import { readEnv } from "../config/env";
import { sweepOverdue } from "../workers/sla-sweeper";

const deps = buildConsumerDeps(readEnv());
export const handler = () => sweepOverdue(deps);
