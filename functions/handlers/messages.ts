/**
 * Lambda entry point for POST /v1/messages, the route a shopper waits on: API Gateway sends it here, every other API
 * route to handlers/api.ts, so this cold start builds the reply pipeline alone (config/message-deps.ts).
 */
import { handle } from "hono/aws-lambda";
import { readEnv } from "../config/env";
import { buildMessageDeps } from "../config/message-deps";
import { isProvisioned, warmUp } from "../config/warm-up";
import { createMessagesApp } from "../http/create-messages-app";

const env = readEnv();
const deps = await buildMessageDeps(env);
const app = createMessagesApp(deps);
export const handler = handle(app);
// An unauthenticated request still runs the routing, the guard's refusal and the fetch API's Request and Response.
if (isProvisioned(env.AWS_LAMBDA_INITIALIZATION_TYPE))
  await warmUp({ ...deps, request: () => app.request("/v1/messages", { method: "POST" }) });
