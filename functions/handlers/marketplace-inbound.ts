/** Lambda entry point for the marketplace inbound queue: the same reply pipeline as POST /v1/messages. */
import { readEnv } from "../config/env";
import { buildInboundDeps } from "../config/inbound-deps";
import { isProvisioned, warmUp } from "../config/warm-up";
import { createInboundWorker } from "../workers/marketplace-inbound";

const env = readEnv();
const deps = await buildInboundDeps(env);
export const handler = createInboundWorker(deps);
if (isProvisioned(env.AWS_LAMBDA_INITIALIZATION_TYPE)) await warmUp(deps);
