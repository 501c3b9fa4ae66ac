/** Lambda entry point for every HTTP route but the inbox pages (handlers/inbox.ts): dependencies once per cold start. */
import { handle } from "hono/aws-lambda";
import { buildDeps } from "../config/deps";
import { readEnv } from "../config/env";
import { createApiApp } from "../http/create-api-app";

export const handler = handle(createApiApp(buildDeps(readEnv())));
