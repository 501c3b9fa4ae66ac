/** `npm start`: the whole system on this machine with embedded defaults; `npm start -- --fresh` starts clean. */
import { resolve } from "node:path";
import { z } from "zod";
import { REGIONS } from "../domain/markets";
import { DEMO_SHOP_ID, DEMO_SHOPPER } from "./demo-data";
import { LOCAL_DEFAULTS, startLocalStack } from "./stack";

const LocalEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DYNAMODB_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  SQS_PORT: z.coerce.number().int().min(0).max(65535).default(9324),
  DATA_DIR: z.string().default(".data"),
  DEMO_SHOP_API_KEY: z.string().min(16).default(LOCAL_DEFAULTS.apiKey),
  AGENT_JWT_SECRET: z.string().min(32).default(LOCAL_DEFAULTS.agentJwtSecret),
  LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  RATE_LIMIT_SHOP_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().optional(),
  OPENAI_MODEL: z.string().optional(),
});

async function main() {
  const env = LocalEnv.parse(process.env);
  const fresh = process.argv.includes("--fresh");
  const dataDir = resolve(env.DATA_DIR);
  const stack = await startLocalStack({
    port: env.PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    sqsPort: env.SQS_PORT,
    dataDir,
    fresh,
    apiKey: env.DEMO_SHOP_API_KEY,
    agentJwtSecret: env.AGENT_JWT_SECRET,
    logLevel: env.LOG_LEVEL,
    rateLimits: { shopPerMinute: env.RATE_LIMIT_SHOP_PER_MINUTE, ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE },
    openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL },
  });
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
