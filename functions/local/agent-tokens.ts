/**
 * Signs local agent tokens: the operator's HS256 tokens carry the scope as plain claims (on AWS it is the user pool's
 * groups instead), always with an expiry, which the verifier requires.
 */
import { SignJWT } from "jose";
import type { Region } from "../domain/markets";

export interface AgentTokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly regions: readonly Region[];
  readonly shops: readonly string[];
  readonly languages: readonly string[];
}

/** An HS256 agent token that expires after `expiresIn` (a jose time span, or an epoch second). */
export function signAgentToken(
  secret: Uint8Array,
  claims: AgentTokenClaims,
  expiresIn: string | number = "30d",
): Promise<string> {
  return new SignJWT({
    name: claims.name,
    regions: [...claims.regions],
    shops: [...claims.shops],
    languages: [...claims.languages],
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secret);
}

/** The demo agents of each region and the languages they read. */
export const DEMO_AGENTS: Record<Region, { name: string; languages: string[] }> = {
  sea: { name: "Nadia (SEA)", languages: ["en", "id", "ms", "th", "vi", "fil"] },
  "greater-china": { name: "Wei (Greater China)", languages: ["zh-Hans", "zh-Hant", "en"] },
  "north-asia": { name: "Yuki (North Asia)", languages: ["ja", "ko", "en"] },
  "south-asia": { name: "Priya (South Asia)", languages: ["hi", "en"] },
};
