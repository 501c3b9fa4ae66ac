/** `npm start`: the whole system on this machine with embedded defaults; `npm start -- --fresh` starts clean. */
import { resolve } from "node:path";
import { readLocalEnv } from "../config/env";
import { REGIONS } from "../domain/markets";
import { DEMO_SHOP_ID, DEMO_SHOPPER } from "./demo-data";
import { LOCAL_DEFAULTS, startLocalStack } from "./stack";

async function main() {
  // One schema for Lambda and local runs: npm start validates with the same field schemas EnvSchema uses.
  const { run, overrides } = readLocalEnv(process.env);
  const fresh = process.argv.includes("--fresh");
  const dataDir = resolve(run.DATA_DIR);
  const stack = await startLocalStack({
    port: run.PORT,
    dynamodbPort: run.DYNAMODB_PORT,
    sqsPort: run.SQS_PORT,
    dataDir,
    fresh,
    apiKey: run.DEMO_SHOP_API_KEY,
    logLevel: "INFO",
    // Off in tests; on by default for a person's local run, as on AWS.
    rateLimits: { shopPerMinute: 1200, ipPerMinute: 600, authFailuresPerMinute: 30 },
    environment: overrides,
  });
  const defaulted = (name: string, value: string) =>
    overrides[name]
      ? `${name} from the environment`
      : `${name} = ${value} (local default; set ${name} to change)`;
  const out = [
    "",
    `Support backend running at ${stack.url.replace("127.0.0.1", "localhost")}`,
    `  DynamoDB (dynalite): ${stack.env.DYNAMODB_ENDPOINT}   data in ${dataDir}${fresh ? " (fresh)" : ""}`,
    `  SQS (local-aws-sqs): ${stack.env.SQS_ENDPOINT}`,
    `  replies: ${stack.deps.model ? `OpenAI-compatible model ${stack.env.OPENAI_MODEL}${stack.env.OPENAI_BASE_URL ? ` at ${stack.env.OPENAI_BASE_URL}` : ""}, embedded engine as fallback` : "embedded engine (set OPENAI_API_KEY or OPENAI_BASE_URL for a model)"}`,
    "",
    `Demo shop ${DEMO_SHOP_ID}`,
    `  API key: ${stack.apiKey}`,
    `  shopper ${DEMO_SHOPPER.id} (${DEMO_SHOPPER.email}) has orders #1001 (shipped), #1002 (not yet shipped), #1003 (cancelled and refunded)`,
    "",
    "Settings:",
    `  ${defaulted("AGENT_JWT_SECRET", LOCAL_DEFAULTS.agentJwtSecret)}`,
    `  ${defaulted("SHOPIFY_API_KEY", LOCAL_DEFAULTS.shopifyApiKey)}`,
    `  ${defaulted("SHOPIFY_API_SECRET", LOCAL_DEFAULTS.shopifyApiSecret)}`,
    `  Shopify Admin API ${stack.env.SHOPIFY_API_VERSION} at ${stack.env.SHOPIFY_ADMIN_ORIGIN ?? "https://{shop}"}; app URL ${stack.env.APP_URL}; log level ${stack.env.LOG_LEVEL}`,
    "",
    `Agents' inbox: ${stack.url.replace("127.0.0.1", "localhost")}/inbox`,
    "  agents sign in with a token below; sellers with the API key (analytics, canned replies)",
    `  translation in the inbox: ${stack.deps.messageTranslator ? "on (the model above)" : "off (needs a model)"}`,
    "",
    "Agent tokens (sign in to the inbox, or Authorization: Bearer … on /v1/inbox):",
    ...REGIONS.map((r) => `  ${r.padEnd(14)} ${stack.agentTokens[r]}`),
    "",
    "Try:",
    `  curl -s ${stack.url.replace("127.0.0.1", "localhost")}/v1/messages -H 'Authorization: Bearer ${stack.apiKey}' -H 'Content-Type: application/json' \\`,
    `    -d '{"channel":"api","conversationId":"t-1","messageId":"m-1","market":"ID","shopper":{"id":"buyer-1","name":"Siti"},"text":"Pesanan saya sudah sampai mana?"}'`,
    "",
    "Ctrl-C stops.",
  ];
  process.stdout.write(`${out.join("\n")}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
