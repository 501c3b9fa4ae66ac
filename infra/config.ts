/** Deployment configuration per stage and AWS region, read from CDK context (`-c stage=prod -c regions=…`). */
export type Stage = "dev" | "prod";

/** The AWS regions nearest the agent regions' markets (docs/architecture.md). */
export const AWS_REGIONS = ["ap-southeast-1", "ap-east-1", "ap-northeast-1", "ap-south-1"] as const;

export interface DeploymentConfig {
  readonly stage: Stage;
  /** Every region the stack runs in; the first holds the global table's primary replica. */
  readonly regions: readonly string[];
  readonly shopifyApiKey: string | undefined;
  /** Create the OpenAI API key secret and wire the model (set its value after the first deploy). */
  readonly openai: boolean;
  readonly openaiModel: string;
  /** The public address (a custom domain in front of the HTTP API); the API's own endpoint when not set. */
  readonly appUrl?: string | undefined;
  /**
   * Provisioned concurrent executions kept initialised for the shopper-facing functions (the API and the marketplace
   * inbound worker), behind a `live` alias; 0 (the default) keeps them on demand with no alias or version.
   */
  readonly warmInstances: number;
}

/** Reads `-c warmInstances=<n>`: a whole number ≥ 0, or an error naming the value and what is accepted. */
export function readWarmInstances(value: unknown): number {
  if (value === undefined || value === null) return 0;
  // CDK passes `-c` values as strings and cdk.json values as JSON, so both spellings of a whole number are accepted.
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new Error(
      `warmInstances must be a whole number of instances, 0 or more (0 turns warm instances off); got ${JSON.stringify(value)}`,
    );
  return n;
}

export function readConfig(context: (key: string) => unknown): DeploymentConfig {
  const stage = context("stage") === "prod" ? "prod" : "dev";
  const regions = String(context("regions") ?? "ap-southeast-1")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of regions)
    if (!(AWS_REGIONS as readonly string[]).includes(r))
      throw new Error(`Unsupported region ${r}; use ${AWS_REGIONS.join(", ")}`);
  return {
    stage,
    regions,
    shopifyApiKey: (context("shopifyApiKey") as string | undefined) ?? process.env.SHOPIFY_API_KEY,
    openai: context("openai") === "true" || context("openai") === true,
    openaiModel: String(context("openaiModel") ?? "gpt-4o-mini"),
    appUrl: (context("appUrl") as string | undefined)?.replace(/\/$/, ""),
    warmInstances: readWarmInstances(context("warmInstances")),
  };
}
