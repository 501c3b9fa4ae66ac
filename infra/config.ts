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
  /**
   * The public identifiers of the operator's own marketplace apps; a marketplace given here gets a Secrets Manager
   * secret for its app secret (partner key), set after the first deploy. One left out is not configured.
   */
  readonly marketplaceApps: MarketplaceAppIds;
  /** Any new value updates every function, so CloudFormation reads the secrets' values again (they change outside it). */
  readonly secretsRevision?: string | undefined;
}

/** Each configured marketplace app's public identifiers (the secrets live in Secrets Manager, never here). */
export interface MarketplaceAppIds {
  readonly shopee?: { readonly partnerId: string };
  readonly lazada?: { readonly appKey: string };
  readonly tiktok?: { readonly appKey: string; readonly serviceId: string };
}

/** A setting's text and where it came from (`-c key` or an environment variable), for error messages. */
interface Setting {
  readonly text: string | undefined;
  readonly source: string;
  readonly raw: unknown;
}

/** Reads `-c key` (a string, or a number from cdk.json), else `envName`; empty counts as not given, as in EnvSchema. */
function readSetting(
  context: (key: string) => unknown,
  key: string,
  env: Readonly<Record<string, string | undefined>> = {},
  envName?: string,
): Setting {
  const fromContext = context(key);
  const given = fromContext !== undefined && fromContext !== null;
  const raw = given ? fromContext : envName ? env[envName] : undefined;
  const source = given || !envName ? key : `${envName} (the fallback for -c ${key})`;
  if (raw === undefined || raw === null) return { text: undefined, source, raw };
  const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : undefined;
  if (text === undefined) throw new Error(`${source} must be text; got ${JSON.stringify(raw)}`);
  return { text: text === "" ? undefined : text, source, raw };
}

/** An app key or service id as EnvSchema accepts it, refused here so a bad one stops the synth, not every cold start. */
function identifier({ text, source, raw }: Setting, max: number): string | undefined {
  if (text !== undefined && (text.length > max || !/^[\x21-\x7e]+$/.test(text)))
    throw new Error(
      `${source} must be the app's identifier as its console shows it: up to ${max} letters, digits or symbols, no spaces; got ${JSON.stringify(raw)}`,
    );
  return text;
}

/**
 * Reads `-c shopeePartnerId`, `-c lazadaAppKey`, `-c tiktokAppKey` and `-c tiktokServiceId` (else SHOPEE_PARTNER_ID,
 * LAZADA_APP_KEY, TIKTOK_APP_KEY, TIKTOK_SERVICE_ID from the environment), or an error naming the key and the value.
 */
export function readMarketplaceApps(
  context: (key: string) => unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): MarketplaceAppIds {
  const shopee = readSetting(context, "shopeePartnerId", env, "SHOPEE_PARTNER_ID");
  if (shopee.text !== undefined && !/^\d{1,20}$/.test(shopee.text))
    throw new Error(
      `${shopee.source} must be Shopee's numeric partner id (digits only, Shopee Open Platform → the app); got ${JSON.stringify(shopee.raw)}`,
    );
  const lazadaAppKey = identifier(readSetting(context, "lazadaAppKey", env, "LAZADA_APP_KEY"), 40);
  const tiktokAppKey = identifier(readSetting(context, "tiktokAppKey", env, "TIKTOK_APP_KEY"), 60);
  const serviceId = identifier(readSetting(context, "tiktokServiceId", env, "TIKTOK_SERVICE_ID"), 60);
  // TikTok's authorization page is addressed by the service id: an app without one could never be authorized.
  if ((tiktokAppKey === undefined) !== (serviceId === undefined))
    throw new Error(
      "tiktokAppKey and tiktokServiceId go together (TikTok Shop Partner Center → the app): give both or neither",
    );
  return {
    ...(shopee.text ? { shopee: { partnerId: shopee.text } } : {}),
    ...(lazadaAppKey ? { lazada: { appKey: lazadaAppKey } } : {}),
    ...(tiktokAppKey && serviceId ? { tiktok: { appKey: tiktokAppKey, serviceId } } : {}),
  };
}

/** Reads `-c secretsRevision=<token>`: letters, digits, `.`, `_`, `-` or `:`, at most 64 (a date or a counter). */
export function readSecretsRevision(value: unknown): string | undefined {
  const { text } = readSetting(() => value, "secretsRevision");
  if (text !== undefined && !/^[\w.:-]{1,64}$/.test(text))
    throw new Error(
      `secretsRevision must be up to 64 letters, digits, ".", "_", "-" or ":" (a date or a counter); got ${JSON.stringify(value)}`,
    );
  return text;
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

/** The whole deployment configuration from CDK context, with the environment as the fallback for app identifiers. */
export function readConfig(
  context: (key: string) => unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DeploymentConfig {
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
    shopifyApiKey: (context("shopifyApiKey") as string | undefined) ?? env.SHOPIFY_API_KEY,
    openai: context("openai") === "true" || context("openai") === true,
    openaiModel: String(context("openaiModel") ?? "gpt-4o-mini"),
    appUrl: (context("appUrl") as string | undefined)?.replace(/\/$/, ""),
    warmInstances: readWarmInstances(context("warmInstances")),
    marketplaceApps: readMarketplaceApps(context, env),
    secretsRevision: readSecretsRevision(context("secretsRevision")),
  };
}
