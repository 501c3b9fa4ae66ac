/** Authentication: shop API keys (bearer) for the shop API, agent JWTs for the inbox. */
import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from "jose";
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

/** Resolves the shop from its API key; a short in-memory cache keeps authentication off the hot path. */
export function shopAuth(shops: ShopStore, ttlMs = 60_000): ShopAuth {
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
    if (!shop) throw unauthorized("The API key is not valid.");
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

/** A comma-separated Cognito custom attribute ("sea,greater-china") or a JSON array claim, as a list. */
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

/** Our claims, or Cognito's: custom attributes carry regions, shops and languages on a user pool's tokens. */
const ClaimsSchema = z
  .object({
    sub: z.string().min(1),
    name: z.string().optional(),
    regions: list.optional(),
    shops: list.optional(),
    languages: list.optional(),
    "custom:regions": list.optional(),
    "custom:shops": list.optional(),
    "custom:languages": list.optional(),
  })
  .transform((c) => ({
    sub: c.sub,
    name: c.name ?? "",
    regions: c.regions ?? c["custom:regions"] ?? [],
    shops: c.shops ?? c["custom:shops"] ?? [],
    languages: c.languages ?? c["custom:languages"] ?? [],
  }))
  .pipe(
    z.object({
      sub: z.string(),
      name: z.string(),
      regions: z.array(z.enum(REGIONS)).min(1),
      shops: z.array(z.string()).min(1),
      languages: z.array(z.string()),
    }),
  );

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

/** Verifies agent tokens: HS256 locally, Cognito RS256 (JWKS) on AWS. */
export function createAgentVerifier(verifier: AgentTokenVerifier): VerifyAgent {
  const verify =
    verifier.kind === "secret"
      ? (token: string) => jwtVerify(token, verifier.secret, { algorithms: ["HS256"] })
      : (() => {
          // jose caches the key set and refetches it when a token names an unknown key.
          const keys = createRemoteJWKSet(new URL(verifier.jwksUrl));
          return (token: string) =>
            jwtVerify(token, keys, {
              algorithms: ["RS256"],
              issuer: verifier.issuer,
              ...(verifier.audience ? { audience: verifier.audience } : {}),
            });
        })();
  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw unauthorized(
        expired ? "The agent token has expired; sign in again." : "The agent token is not valid.",
      );
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthorized("The agent token lacks the regions or shops claims.");
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
export function agentAuth(verify: VerifyAgent): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("agent", await verify(bearer(c.req.header("authorization"))));
    await next();
  };
}
