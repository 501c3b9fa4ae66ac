/** The environment, read and validated in one place; a bad value stops the cold start with a clear message. */
import { z } from "zod";
import { REGIONS, type Region } from "../domain/markets";

const queueUrls = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.object(Object.fromEntries(REGIONS.map((r) => [r, z.url()])) as Record<Region, z.ZodURL>));

export const EnvSchema = z.object({
  TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().default("ap-southeast-1"),
  /** Set only locally and in tests, where the embedded emulators stand in for DynamoDB and SQS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  /** {"sea": "https://sqs…/escalations-sea.fifo", …}: one FIFO queue per agent region. */
  ESCALATION_QUEUE_URLS: queueUrls,
  /** HS256 secret for agent tokens (locally; on AWS a Cognito authorizer checks tokens first). */
  AGENT_JWT_SECRET: z.string().min(32, "AGENT_JWT_SECRET must be at least 32 characters"),
  LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  /** An OpenAI-compatible endpoint writes replies when a key or a base URL is set (a local vLLM or Ollama needs no key). */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  /** Prompts and model outputs are kept out of logs unless this is "true". */
  LOG_MODEL_CONTENT: z.enum(["true", "false"]).default("false"),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
