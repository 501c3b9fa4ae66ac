/** Authentication: shop API keys (bearer) for the shop API, agent JWTs for the inbox. */
import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";
import { AppError } from "../domain/errors";
import { type AgentId, AgentId as toAgentId, ShopId } from "../domain/ids";
import { REGIONS, type Region } from "../domain/markets";
import type { ShopRecord, ShopStore } from "../domain/ports";

export interface AgentClaims {
  readonly id: AgentId;
  readonly name: string;
  readonly regions: readonly Region[];
  readonly shops: readonly ShopId[] | "*";
  readonly languages: readonly string[];
}

export type AppEnv = { Variables: { shop: ShopRecord; agent: AgentClaims } };

const unauthorized = (message: string) => new AppError("unauthorized", message);

function bearer(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) throw unauthorized("Send your key as Authorization: Bearer <key>.");
  return match[1];
}

export interface ShopAuth extends MiddlewareHandler<AppEnv> {
  /** Drops a shop from this instance's cache, after its settings changed; other instances follow within the TTL. */
  forget(shopId: string): void;
  /** The shop an API key belongs to, or null (the web inbox's seller sign-in uses the same cache). */
  lookup(key: string): Promise<ShopRecord | null>;
}

/** Called when a request presents a credential that fails (the failed-authentication limit counts it). */
export type OnAuthFailure = (c: Context) => void;

/** Resolves the shop from its API key; a short in-memory cache keeps authentication off the hot path. */
export function shopAuth(
  shops: ShopStore,
  options: { ttlMs?: number; onFailure?: OnAuthFailure } = {},
): ShopAuth {
  const ttlMs = options.ttlMs ?? 60_000;
  const cache = new Map<string, { shop: ShopRecord | null; until: number }>();
  const lookup = async (key: string) => {
    if (key.length > 200) return null;
    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || entry.until < now) {
      entry = { shop: await shops.findByApiKey(key), until: now + ttlMs };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, entry);
    }
    return entry.shop;
  };
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const shop = await lookup(bearer(c.req.header("authorization")));
    if (!shop) {
      options.onFailure?.(c);
      throw unauthorized("The API key is not valid.");
    }
    c.set("shop", shop);
    await next();
  };
  return Object.assign(middleware, {
    lookup,
    forget(shopId: string) {
      for (const [key, entry] of cache) if (entry.shop?.id === shopId) cache.delete(key);
    },
  });
}

/** A comma-separated attribute ("id,en") or a JSON array claim, as a list. */
const list = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().min(1)),
);

const Scope = z.object({
  sub: z.string().min(1),
  name: z.string(),
  regions: z.array(z.enum(REGIONS)).min(1),
  shops: z.array(z.string().min(1)).min(1),
  languages: z.array(z.string()),
});

/** Local HS256 tokens, minted by the operator (functions/local/agent-tokens.ts): the scope is in plain claims. */
const LocalClaims = z
  .object({
    sub: z.string().min(1),
    name: z.string().optional(),
    regions: list.optional(),
    shops: list.optional(),
    languages: list.optional(),
  })
  .transform((c) => ({
    sub: c.sub,
    name: c.name ?? "",
    regions: c.regions ?? [],
    shops: c.shops ?? [],
    languages: c.languages ?? [],
  }))
  .pipe(Scope);

/** Cognito group names that grant scope; an administrator alone can change a user's groups. */
export const AGENT_GROUPS = {
  regionPrefix: "region:",
  shopPrefix: "shop:",
  allShops: "all-shops",
} as const;

/**
 * Cognito ID tokens: regions and shops come only from `cognito:groups` (region:<region>, shop:<shopId>,
 * all-shops), which users cannot change; attributes (custom:*, name) are never read for scope, since a user with an
 * access token may be able to edit them. Languages only order the queue, so they stay an attribute.
 */
const CognitoClaims = z
  .object({
    sub: z.string().min(1),
    name: z.string().optional(),
    "cognito:groups": z.array(z.string()).optional(),
    "custom:languages": list.optional(),
  })
  .transform((c) => {
    const groups = c["cognito:groups"] ?? [];
    const after = (prefix: string) =>
      groups
        .filter((g) => g.startsWith(prefix) && g.length > prefix.length)
        .map((g) => g.slice(prefix.length));
    const shops = after(AGENT_GROUPS.shopPrefix).filter((s) => s !== "*");
    return {
      sub: c.sub,
      name: c.name ?? "",
      regions: [...new Set(after(AGENT_GROUPS.regionPrefix))].filter((r) =>
        (REGIONS as readonly string[]).includes(r),
      ),
      shops: groups.includes(AGENT_GROUPS.allShops) ? ["*"] : [...new Set(shops)],
      languages: c["custom:languages"] ?? [],
    };
  })
  .pipe(Scope);

/** How agent tokens are checked: an HS256 secret locally, or a Cognito user pool's keys (JWKS) on AWS. */
export type AgentTokenVerifier =
  | { readonly kind: "secret"; readonly secret: Uint8Array }
  | {
      readonly kind: "jwks";
      readonly jwksUrl: string;
      readonly issuer: string;
      readonly audience?: string | undefined;
    };

/** Checks an agent token and returns the agent's scope; a bad or expired token is a 401 AppError. */
export type VerifyAgent = (token: string) => Promise<AgentClaims>;

/** jose on the first agent token: the API's cold start serves a shop's key (POST /v1/messages) and verifies none. */
let jose: Promise<typeof import("jose")> | undefined;
const loadJose = () => {
  jose ??= import("jose");
  return jose;
};

/** Verifies agent tokens: HS256 locally, Cognito RS256 (JWKS) on AWS; both must carry an expiry. */
export function createAgentVerifier(verifier: AgentTokenVerifier): VerifyAgent {
  // jose caches the key set and refetches it when a token names an unknown key: one set per verifier.
  let keys: ReturnType<typeof import("jose")["createRemoteJWKSet"]> | undefined;
  // A malformed key set address fails at start-up, not as every agent's 401.
  const jwksUrl = verifier.kind === "jwks" ? new URL(verifier.jwksUrl) : undefined;
  const verify = async (token: string) => {
    const { createRemoteJWKSet, jwtVerify } = await loadJose();
    if (verifier.kind === "secret")
      return jwtVerify(token, verifier.secret, { algorithms: ["HS256"], requiredClaims: ["exp"] });
    keys ??= createRemoteJWKSet(jwksUrl as URL);
    return jwtVerify(token, keys, {
      algorithms: ["RS256"],
      requiredClaims: ["exp"],
      issuer: verifier.issuer,
      ...(verifier.audience ? { audience: verifier.audience } : {}),
    });
  };
  return async (token) => {
    const { errors } = await loadJose();
    let payload: unknown;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      throw unauthorized(
        expired ? "The agent token has expired; sign in again." : "The agent token is not valid.",
      );
    }
    const claims = (verifier.kind === "secret" ? LocalClaims : CognitoClaims).safeParse(payload);
    if (!claims.success)
      throw unauthorized(
        verifier.kind === "secret"
          ? "The agent token lacks the regions or shops claims."
          : "The agent is in no region:<region> and shop:<shop> (or all-shops) group; ask an administrator.",
      );
    const { sub, name, regions, shops, languages } = claims.data;
    return {
      id: toAgentId(sub),
      name,
      regions,
      shops: shops.includes("*") ? "*" : shops.map(ShopId),
      languages,
    };
  };
}

/** The agent token as a bearer header (the JSON inbox API), exposing the agent's scope to the route. */
export function agentAuth(verify: VerifyAgent, onFailure?: OnAuthFailure): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header("authorization"));
    let agent: AgentClaims;
    try {
      agent = await verify(token);
    } catch (error) {
      if (error instanceof AppError) onFailure?.(c);
      throw error;
    }
    c.set("agent", agent);
    await next();
  };
}
