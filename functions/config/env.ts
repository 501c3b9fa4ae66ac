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

/** A supported stable Admin API version (Shopify supports each for at least 12 months after its release). */
export const DEFAULT_SHOPIFY_API_VERSION = "2026-10";

export const EnvSchema = z.object({
  TABLE_NAME: z.string().min(3),
  AWS_REGION: z.string().default("ap-southeast-1"),
  /** Set by Lambda: "provisioned-concurrency" when a warm instance initialises before any request (config/warm-up.ts). */
  AWS_LAMBDA_INITIALIZATION_TYPE: z.string().optional(),
  /** Set only locally and in tests, where the embedded emulators stand in for DynamoDB and SQS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  SQS_ENDPOINT: z.url().optional(),
  /** {"sea": "https://sqs…/escalations-sea.fifo", …}: one FIFO queue per agent region. */
  ESCALATION_QUEUE_URLS: queueUrls,
  /** HS256 secret for agent tokens (locally; on AWS a Cognito authorizer checks tokens first). */
  AGENT_JWT_SECRET: z.string().min(32, "AGENT_JWT_SECRET must be at least 32 characters").optional(),
  /** On AWS: the Cognito user pool whose RS256 tokens agents bring (issuer, and optionally the app client id). */
  AGENT_JWT_ISSUER: z.url().optional(),
  AGENT_JWT_AUDIENCE: z.string().optional(),
  /** Cognito's hosted UI for the web inbox (https://<prefix>.auth.<region>.amazoncognito.com) and its app client. */
  INBOX_COGNITO_DOMAIN: z.url().optional(),
  INBOX_COGNITO_CLIENT_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === "string" ? v.toUpperCase() : v),
    z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  ),
  /** An OpenAI-compatible endpoint writes replies when a key or a base URL is set (a local vLLM or Ollama needs no key). */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  /**
   * With a model configured, the same server's `/embeddings` model, so a question finds store knowledge written in
   * another language; "none" turns embeddings off (a server without them), leaving retrieval by words alone.
   */
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  /** The Shopify app (Partner dashboard): without a secret, /shopify/* and /webhooks/shopify answer 503. */
  SHOPIFY_API_KEY: z.string().min(1).optional(),
  SHOPIFY_API_SECRET: z.string().min(8).optional(),
  SHOPIFY_SCOPES: z
    .string()
    .default("read_orders,write_orders,write_returns,read_customers,read_products,read_legal_policies"),
  /** Shopify's Admin API version (YYYY-MM, quarterly); move it each quarter as docs/shopify.md says. */
  SHOPIFY_API_VERSION: z
    .string()
    .regex(/^\d{4}-(01|04|07|10)$/, "a Shopify API version such as 2026-10")
    .default(DEFAULT_SHOPIFY_API_VERSION),
  /** Where Shopify reaches us: the OAuth redirect and the webhook address are built from it. */
  APP_URL: z.url().optional(),
  /** Replaces https://{shop} for the Admin API and OAuth (a proxy, or the local fake in tests); keeps "{shop}". */
  SHOPIFY_ADMIN_ORIGIN: z.string().optional(),
  SHOPIFY_EVENTS_QUEUE_URL: z.url().optional(),
  MARKETPLACE_INBOUND_QUEUE_URL: z.url().optional(),
  MARKETPLACE_OUTBOUND_QUEUE_URL: z.url().optional(),
  /** The first retry of a failed marketplace send waits this long; each later one twice as long (at most 15 min). */
  MARKETPLACE_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(900).default(10),
  /** Shop tokens are sealed with a KMS data key on AWS, or with this base64 32-byte key locally. */
  TOKEN_KMS_KEY_ID: z.string().optional(),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of 32 bytes")
    .optional(),
  /** Requests per minute per shop on the shop API, and per client address on webhooks; 0 turns a limit off. */
  RATE_LIMIT_SHOP_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Failed authentications (wrong key, token, session cookie, sign-in) allowed per address per minute; 0 turns it off. */
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  /** Prompts and model outputs are kept out of logs unless this is "true". */
  LOG_MODEL_CONTENT: z.enum(["true", "false"]).default("false"),
  /** Local stack and tests only: marketplace APIs and notification targets may be loopback fakes (http://127.0.0.1). */
  ALLOW_LOOPBACK_TARGETS: z.enum(["true", "false"]).default("false"),
  /**
   * The operator's own marketplace apps (each console's app credentials, never a seller's): they sign the shop
   * authorization flow (GET /connect/{marketplace}) and verify the pushes that name no account. A channel without
   * its pair cannot be authorized; sellers may still paste tokens with their own app credentials (sandboxes).
   */
  SHOPEE_PARTNER_ID: z
    .string()
    .regex(/^\d{1,20}$/, "Shopee's numeric partner id")
    .optional(),
  SHOPEE_PARTNER_KEY: z.string().min(8).optional(),
  LAZADA_APP_KEY: z.string().min(1).max(40).optional(),
  LAZADA_APP_SECRET: z.string().min(8).optional(),
  TIKTOK_APP_KEY: z.string().min(1).max(60).optional(),
  TIKTOK_APP_SECRET: z.string().min(8).optional(),
  /** TikTok Shop's service id (Partner Center), which its authorization page takes. */
  TIKTOK_SERVICE_ID: z.string().min(1).max(60).optional(),
  /**
   * JSON {"shopee": base, …}: one base URL that replaces a marketplace's production hosts in the authorization flow
   * (a sandbox such as https://partner.test-stable.shopeemobile.com, or a local fake); vetted like any host.
   */
  MARKETPLACE_BASE_URLS: z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.url()))
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** The request limits the HTTP functions enforce, per shop, per client address and per failed credential. */
export const rateLimitsOf = (env: Env) => ({
  shopPerMinute: env.RATE_LIMIT_SHOP_PER_MINUTE,
  ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE,
  authFailuresPerMinute: env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
});

/** Whether an OpenAI-compatible model is configured (a key, or a local server's URL); without one the embedded engine answers. */
export const modelConfigured = (env: Env) => Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);

const AgentAuthRequired = (env: {
  AGENT_JWT_SECRET?: string | undefined;
  AGENT_JWT_ISSUER?: string | undefined;
}) => Boolean(env.AGENT_JWT_SECRET || env.AGENT_JWT_ISSUER);

/** A variable set to the empty string counts as unset (shells and .env files leave `NAME=` behind). */
export function withoutEmpty(source: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

function parseOrThrow<T>(schema: z.ZodType<T>, source: Readonly<Record<string, string | undefined>>): T {
  // Read once per cold start: zod's compiled fast path would cost more to generate than it could ever save here.
  const parsed = schema.safeParse(withoutEmpty(source), { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** The Lambda (and local stack) environment, validated; throws with every problem listed. */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  return parseOrThrow(
    EnvSchema.refine(AgentAuthRequired, {
      message: "set AGENT_JWT_SECRET (local) or AGENT_JWT_ISSUER (Cognito)",
      path: ["AGENT_JWT_SECRET"],
    }),
    source,
  );
}

/** What `npm start` reads on top of EnvSchema: where it listens and keeps data, and the demo shop's key. */
export const LocalRunSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DYNAMODB_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  SQS_PORT: z.coerce.number().int().min(0).max(65535).default(9324),
  DATA_DIR: z.string().default(".data"),
  DEMO_SHOP_API_KEY: z.string().min(16).optional(),
});
export type LocalRun = z.infer<typeof LocalRunSchema>;

/**
 * The variables a person may set for `npm start`, checked against the same field schemas as on Lambda; the local
 * stack fills in the rest (table, queues, emulator endpoints).
 */
export const LocalOverridesSchema = EnvSchema.pick({
  AGENT_JWT_SECRET: true,
  LOG_LEVEL: true,
  OPENAI_API_KEY: true,
  OPENAI_BASE_URL: true,
  OPENAI_MODEL: true,
  OPENAI_TIMEOUT_MS: true,
  OPENAI_EMBEDDING_MODEL: true,
  SHOPIFY_API_KEY: true,
  SHOPIFY_API_SECRET: true,
  SHOPIFY_API_VERSION: true,
  SHOPIFY_SCOPES: true,
  SHOPIFY_ADMIN_ORIGIN: true,
  APP_URL: true,
  RATE_LIMIT_SHOP_PER_MINUTE: true,
  RATE_LIMIT_IP_PER_MINUTE: true,
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: true,
  LOG_MODEL_CONTENT: true,
  SHOPEE_PARTNER_ID: true,
  SHOPEE_PARTNER_KEY: true,
  LAZADA_APP_KEY: true,
  LAZADA_APP_SECRET: true,
  TIKTOK_APP_KEY: true,
  TIKTOK_APP_SECRET: true,
  TIKTOK_SERVICE_ID: true,
}).partial();
export type LocalOverrides = z.infer<typeof LocalOverridesSchema>;

/** `npm start`'s environment: local-only settings plus the overrides it passes on to the stack's EnvSchema. */
export function readLocalEnv(source: Readonly<Record<string, string | undefined>> = process.env): {
  run: LocalRun;
  overrides: Record<string, string>;
} {
  const run = parseOrThrow(LocalRunSchema, source);
  // Validate early for a clear message, but pass the raw strings on: readEnv applies the same schema again.
  parseOrThrow(LocalOverridesSchema, source);
  const keys = Object.keys(LocalOverridesSchema.shape);
  const overrides = Object.fromEntries(
    Object.entries(withoutEmpty(source)).filter(([k]) => keys.includes(k)),
  );
  return { run, overrides };
}
