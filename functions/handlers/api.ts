/** Lambda entry point for every HTTP route: dependencies are built once per cold start, then the Hono app serves. */
import { handle } from "hono/aws-lambda";
import { buildDeps } from "../config/deps";
import { readEnv } from "../config/env";
import { createApp } from "../http/create-app";

export const handler = handle(createApp(buildDeps(readEnv())));
