/** A local Cognito user pool: its key set, RS256 ID tokens with Cognito's claim names, and the hosted UI's OAuth endpoints. */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

export const CLIENT_ID = "inbox-client";

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
  });

/** `user`: the claims the hosted UI signs in as (the person who "typed their password"). */
export async function startFakeUserPool(user: Record<string, unknown> = {}) {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  /** Codes handed out by /oauth2/authorize, with what the token exchange must match (PKCE). */
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  const tokenRequests: URLSearchParams[] = [];
  let issuer = "";

  const sign = (
    claims: Record<string, unknown>,
    options: { issuer?: string; key?: Parameters<SignJWT["sign"]>[0] } = {},
  ) =>
    new SignJWT({ token_use: "id", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(CLIENT_ID)
      .setSubject("5f2c-agent")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(options.key ?? privateKey);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/.well-known/jwks.json") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    if (url.pathname === "/oauth2/authorize" && req.method === "GET") {
      const q = url.searchParams;
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256") {
        res.writeHead(400).end("unsupported_response_type");
        return;
      }
      const code = randomUUID();
      codes.set(code, {
        challenge: q.get("code_challenge") ?? "",
        redirectUri: q.get("redirect_uri") ?? "",
        clientId: q.get("client_id") ?? "",
      });
      const back = new URL(q.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === "/oauth2/token" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      tokenRequests.push(form);
      const grant = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      const challenge = createHash("sha256")
        .update(form.get("code_verifier") ?? "")
        .digest("base64url");
      if (
        !grant ||
        form.get("grant_type") !== "authorization_code" ||
        grant.challenge !== challenge ||
        grant.redirectUri !== form.get("redirect_uri") ||
        grant.clientId !== form.get("client_id")
      ) {
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "invalid_grant" }));
        return;
      }
      const idToken = await sign(user);
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id_token: idToken,
          access_token: "opaque",
          token_type: "Bearer",
          expires_in: 3600,
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign,
    tokenRequests,
    verifier: {
      kind: "jwks" as const,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      issuer,
      audience: CLIENT_ID,
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
