/** Cognito hosted UI sign-in for the web inbox: authorization code with PKCE, answered with the user's ID token. */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

export interface CognitoHostedUi {
  /** https://<prefix>.auth.<region>.amazoncognito.com (or a custom domain). */
  readonly domain: string;
  readonly clientId: string;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");

/** A fresh state and PKCE verifier, kept in a short-lived cookie until Cognito sends the browser back. */
export function startSignIn(ui: CognitoHostedUi, redirectUri: string) {
  const state = base64url(randomBytes(24));
  const verifier = base64url(randomBytes(48));
  const challenge = base64url(createHash("sha256").update(verifier).digest());
  const url = new URL(`${ui.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: ui.clientId,
    redirect_uri: redirectUri,
    scope: "openid email profile",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return { url: url.toString(), state, verifier };
}

const TokenResponse = z.object({ id_token: z.string().min(1) });

/** Exchanges the code at Cognito's token endpoint; the ID token carries the agent's custom attributes. */
export async function finishSignIn(
  ui: CognitoHostedUi,
  input: { code: string; verifier: string; redirectUri: string },
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  const response = await fetchImpl(`${ui.domain}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: ui.clientId,
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.verifier,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  const parsed = TokenResponse.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.id_token : null;
}
