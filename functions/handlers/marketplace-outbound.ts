/** Lambda entry point for the marketplace outbound queue: signed sends with backoff. */
import { buildOutboundDeps } from "../config/consumer-deps";
import { readEnv } from "../config/env";
import { createOutboundWorker } from "../workers/marketplace-outbound";

export const handler = createOutboundWorker(buildOutboundDeps(readEnv()));
