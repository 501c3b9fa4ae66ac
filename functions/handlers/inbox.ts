/** Lambda entry point for the web inbox's pages (/inbox, /inbox/*): dependencies once per cold start, then Hono. */
import { handle } from "hono/aws-lambda";
import { buildDeps } from "../config/deps";
import { readEnv } from "../config/env";
import { createInboxApp } from "../http/create-inbox-app";

export const handler = handle(createInboxApp(buildDeps(readEnv())));
