import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { http } from "../support/local-stack";

/** A local user pool: its key set at /.well-known/jwks.json, and RS256 ID tokens with Cognito's claim names. */
async function startFakeUserPool() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const server = createServer((req, res) => {
    if (req.url === "/.well-known/jwks.json")
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (
    claims: Record<string, unknown>,
    options: { issuer?: string; key?: Parameters<SignJWT["sign"]>[0] } = {},
  ) =>
    new SignJWT({ token_use: "id", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(options.issuer ?? issuer)
      .setAudience("inbox-client")
      .setSubject("5f2c-agent")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(options.key ?? privateKey);
  return { issuer, sign, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("agents signed in through a Cognito user pool", () => {
  let pool: Awaited<ReturnType<typeof startFakeUserPool>>;
  let stack: LocalStack;

  beforeAll(async () => {
    pool = await startFakeUserPool();
    stack = await startLocalStack({
      logLevel: "SILENT",
      overrides: {
        agentTokens: {
          kind: "jwks",
          jwksUrl: `${pool.issuer}/.well-known/jwks.json`,
          issuer: pool.issuer,
          audience: "inbox-client",
        },
      },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await pool.stop();
  });

  it("accepts a user pool token and reads regions and shops from its custom attributes", async () => {
    const token = await pool.sign({
      name: "Nadia",
      "custom:regions": "sea",
      "custom:shops": "*",
      "custom:languages": "id,en",
    });
    const res = await http(`${stack.url}/v1/inbox?region=sea`, { token });
    expect(res.status).toBe(200);
    const other = await http(`${stack.url}/v1/inbox?region=north-asia`, { token });
    expect(other.status).toBe(404);
  });

  it("refuses a token from another issuer, and one signed with another key", async () => {
    const claims = { "custom:regions": "sea", "custom:shops": "*" };
    expect(
      (
        await http(`${stack.url}/v1/inbox`, {
          token: await pool.sign(claims, { issuer: "https://cognito-idp.example/other" }),
        })
      ).status,
    ).toBe(401);
    const stranger = await generateKeyPair("RS256");
    expect(
      (await http(`${stack.url}/v1/inbox`, { token: await pool.sign(claims, { key: stranger.privateKey }) }))
        .status,
    ).toBe(401);
  });

  it("refuses a local HS256 token once the deployment uses the user pool", async () => {
    expect((await http(`${stack.url}/v1/inbox`, { token: stack.agentTokens.sea })).status).toBe(401);
  });

  it("refuses a user pool token without regions", async () => {
    expect(
      (await http(`${stack.url}/v1/inbox`, { token: await pool.sign({ "custom:shops": "*" }) })).status,
    ).toBe(401);
  });
});
