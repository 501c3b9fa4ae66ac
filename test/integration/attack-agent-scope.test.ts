/**
 * Attacks on an agent's scope. On AWS an agent holds an access token that may call Cognito's UpdateUserAttributes on
 * their own user, so anything read from an attribute is the agent's to choose: scope must come from groups, which only
 * an administrator changes. Locally, operator-minted HS256 tokens must expire.
 */
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { startFakeUserPool } from "../support/fake-cognito";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

/** A Singapore shopper of the demo shop asks for a person: an escalation in the sea inbox, once consumed. */
async function seaEscalation(stack: LocalStack): Promise<string> {
  const { body } = await http<{ escalation: { id: string } }>(`${stack.url}/v1/messages`, {
    token: stack.apiKey,
    body: shopperMessage("I want to talk to a human", { market: "SG" }),
  });
  const id = body.escalation.id;
  await eventually(async () => {
    const page = await stack.deps.inbox.listInbox(
      { shops: "*", regions: ["sea"], status: "pending" },
      { limit: 100 },
    );
    return page.items.some((e) => e.escalationId === id);
  });
  return id;
}

describe("an agent of the user pool widening their own scope", () => {
  let pool: Awaited<ReturnType<typeof startFakeUserPool>>;
  let stack: LocalStack;
  let escalationId: string;

  beforeAll(async () => {
    pool = await startFakeUserPool();
    stack = await startLocalStack({ logLevel: "SILENT", overrides: { agentTokens: pool.verifier } });
    escalationId = await seaEscalation(stack);
  });
  afterAll(async () => {
    await stack?.stop();
    await pool?.stop();
  });

  const inbox = async (claims: Record<string, unknown>, path = `/v1/inbox/${escalationId}`) =>
    (await http(`${stack.url}${path}`, { token: await pool.sign(claims) })).status;

  it("gains nothing by setting custom:shops to * and custom:regions to every region", async () => {
    // What UpdateUserAttributes would put on the agent's next ID token, next to the groups an administrator gave.
    const selfWritten = {
      "custom:shops": "*",
      "custom:regions": "sea,greater-china,north-asia,south-asia",
      "cognito:groups": ["region:north-asia", "shop:another-shop.myshopify.com"],
    };
    expect(await inbox(selfWritten)).toBe(404);
    expect(await inbox(selfWritten, "/v1/inbox?region=sea")).toBe(404);
  });

  it("is refused outright when attributes are all it has, however wide", async () => {
    expect(await inbox({ "custom:shops": "*", "custom:regions": "sea" })).toBe(401);
    expect(await inbox({ shops: ["*"], regions: ["sea"] })).toBe(401);
  });

  it("cannot make a wildcard out of a shop group: only all-shops means every shop", async () => {
    expect(await inbox({ "cognito:groups": ["region:sea", "shop:*"] })).toBe(401);
    expect(await inbox({ "cognito:groups": ["region:sea", "all-shops"] })).toBe(200);
  });

  it("sees exactly what its groups grant", async () => {
    expect(await inbox({ "cognito:groups": ["region:sea", `shop:${DEMO_SHOP_ID}`] })).toBe(200);
    expect(await inbox({ "cognito:groups": ["region:north-asia", `shop:${DEMO_SHOP_ID}`] })).toBe(404);
  });

  it("gets no further through the web inbox's sign-in form", async () => {
    const token = await pool.sign({ "custom:shops": "*", "custom:regions": "sea" });
    const response = await fetch(`${stack.url}/inbox/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "agent", credential: token }),
    });
    expect(response.status).toBe(401);
  });
});

describe("local agent tokens", () => {
  const stack = useLocalStack();

  it("are refused without an expiry, on the API and on the sign-in page", async () => {
    const forever = await new SignJWT({ name: "N", regions: ["sea"], shops: [DEMO_SHOP_ID], languages: [] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("agent-forever")
      .setIssuedAt()
      .sign(stack().deps.agentJwtSecret);
    expect((await http(`${stack().url}/v1/inbox?region=sea`, { token: forever })).status).toBe(401);
    const signIn = await fetch(`${stack().url}/inbox/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack().url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "agent", credential: forever }),
    });
    expect(signIn.status).toBe(401);
    expect(
      (await http(`${stack().url}/v1/inbox?region=sea`, { token: stack().agentTokens.sea })).status,
    ).toBe(200);
  });
});
