/** Lambda entry point for the marketplace inbound queue: the same reply pipeline as POST /v1/messages. */
import { buildDeps } from "../config/deps";
import { readEnv } from "../config/env";
import { createInboundWorker } from "../workers/marketplace-inbound";

export const handler = createInboundWorker(buildDeps(readEnv()));
