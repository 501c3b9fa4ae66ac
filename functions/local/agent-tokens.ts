/** Signs local agent tokens with the same claims a Cognito user pool supplies on AWS. */
import { SignJWT } from "jose";
import type { Region } from "../domain/markets";

export interface AgentTokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly regions: readonly Region[];
  readonly shops: readonly string[];
  readonly languages: readonly string[];
}

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
