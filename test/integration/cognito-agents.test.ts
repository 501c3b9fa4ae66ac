import { generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { startFakeUserPool } from "../support/fake-cognito";
import { http } from "../support/local-stack";

describe("agents signed in through a Cognito user pool", () => {
  let pool: Awaited<ReturnType<typeof startFakeUserPool>>;
  let stack: LocalStack;

  beforeAll(async () => {
    pool = await startFakeUserPool();
    stack = await startLocalStack({
      logLevel: "SILENT",
      overrides: { agentTokens: pool.verifier },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await pool.stop();
  });

  it("accepts a user pool token and reads regions and shops from its groups", async () => {
    const token = await pool.sign({
      name: "Nadia",
      "cognito:groups": ["region:sea", "all-shops"],
      "custom:languages": "id,en",
    });
    const res = await http(`${stack.url}/v1/inbox?region=sea`, { token });
    expect(res.status).toBe(200);
    const other = await http(`${stack.url}/v1/inbox?region=north-asia`, { token });
    expect(other.status).toBe(404);
  });

  it("refuses a token from another issuer, and one signed with another key", async () => {
    const claims = { "cognito:groups": ["region:sea", "all-shops"] };
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

  it("refuses a user pool token without a region group", async () => {
    expect(
      (await http(`${stack.url}/v1/inbox`, { token: await pool.sign({ "cognito:groups": ["all-shops"] }) }))
        .status,
    ).toBe(401);
  });
});
