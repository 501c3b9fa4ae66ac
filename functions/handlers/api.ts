/** Lambda entry point for every HTTP route but the inbox pages (handlers/inbox.ts): dependencies once per cold start. */
import { handle } from "hono/aws-lambda";
import { buildDeps } from "../config/deps";
import { readEnv } from "../config/env";
import { isProvisioned, warmUp } from "../config/warm-up";
import { createApiApp } from "../http/create-api-app";

const env = readEnv();
const deps = buildDeps(env);
const app = createApiApp(deps);
export const handler = handle(app);
if (isProvisioned(env.AWS_LAMBDA_INITIALIZATION_TYPE))
  await warmUp({ ...deps, request: () => app.request("/health") });
