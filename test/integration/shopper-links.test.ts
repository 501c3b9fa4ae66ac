/**
 * R4 and issue #17.4 for the agent: the shopper's other conversations in the shop (found by the identity keys they
 * verifiably share) and the sources each AI answer rested on, in the packet and the conversation's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { ShopId } from "../../functions/domain/ids";
import { shopperLookupKeys } from "../../functions/domain/privacy";
import { DEMO_ORDERS, DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { CLIENT_ID, startFakeUserPool } from "../support/fake-cognito";
import { eventually, http } from "../support/local-stack";

type Pool = Awaited<ReturnType<typeof startFakeUserPool>>;
type Sent = { conversationId: string; escalation: { id: string } | null };
type Detail = { messages: { role: string; sources?: { type: string; id: string }[] }[] };
type Other = {
  conversationId: string;
  channel: string;
  market: string;
  status: string;
  visible: boolean;
  escalationId: string | null;
};
type Packet = { otherConversations: Other[] };
const OTHER_SHOP_KEY = "sk_test_shopper_links_other_shop_0";

describe("what the agent sees of the shopper beyond this conversation", () => {
  let pool: Pool;
  let stack: LocalStack;
  const url = (path: string) => `${stack.url}${path}`;
  let n = 0;
  const say = (thread: string, text: string) =>
    http<Sent>(url("/v1/messages"), {
      token: stack.apiKey,
      body: {
        channel: "api",
        conversationId: thread,
        messageId: `m-${++n}`,
        market: "ID",
        shopper: { id: `shopper-${thread}` },
        text,
      },
    });
  /** A message from a shopper whose phone the sending channel vouches for. */
  const fromPhone = (
    token: string,
    channel: string,
    market: string,
    shopperId: string,
    phone: string,
    text: string,
  ) =>
    http<Sent>(url("/v1/messages"), {
      token,
      body: {
        channel,
        conversationId: `${channel}-${shopperId}`,
        messageId: `m-${++n}`,
        market,
        shopper: { id: shopperId, phone },
        text,
      },
    });
  const signedIn = async () => {
    const token = await pool.sign({ name: "N", "cognito:groups": ["region:sea", "all-shops"] });
    const signIn = await fetch(url("/inbox/sign-in"), {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "agent", credential: token }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .join("; ");
    return { token, cookie };
  };

  beforeAll(async () => {
    pool = await startFakeUserPool({ name: "Nadia", "cognito:groups": ["region:sea", "all-shops"] });
    stack = await startLocalStack({
      logLevel: "SILENT",
      overrides: { agentTokens: pool.verifier, hostedUi: { domain: pool.issuer, clientId: CLIENT_ID } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await pool?.stop();
  });

  /** A knowledge answer, then a request for a person: the escalation whose transcript holds the answer. */
  async function answeredThenEscalated(thread: string) {
    const answered = await say(
      thread,
      "Kak, kebijakan pengembalian barangnya gimana? Berapa hari bisa retur?",
    );
    const escalated = await say(thread, "Saya mau bicara dengan admin");
    const escalationId = escalated.body.escalation?.id ?? "";
    expect(escalationId).not.toBe("");
    return { conversationId: answered.body.conversationId, escalationId };
  }

  it("lists the shopper's conversation on another channel, found by the phone both channels vouch for", async () => {
    const web = await fromPhone(stack.apiKey, "web", "ID", "web-buyer-1", "+62 812-3456-0001", "Halo kak");
    const api = await fromPhone(
      stack.apiKey,
      "api",
      "ID",
      "api-buyer-1",
      "0812-3456-0001",
      "Saya mau bicara dengan admin",
    );
    const escalationId = api.body.escalation?.id ?? "";
    const { token, cookie } = await signedIn();
    await eventually(async () => (await http(url(`/v1/inbox/${escalationId}`), { token })).status === 200);

    const { body } = await http<Packet>(url(`/v1/inbox/${escalationId}`), { token });
    expect(body.otherConversations).toEqual([
      expect.objectContaining({
        conversationId: web.body.conversationId,
        channel: "web",
        market: "ID",
        status: "ai",
        visible: true,
      }),
    ]);
    const page = await (await fetch(url(`/inbox/e/${escalationId}`), { headers: { cookie } })).text();
    expect(page).toContain("Other conversations of this shopper");
    expect(page).toContain(`href="/inbox/c/${web.body.conversationId}"`);
  });

  it("lists the conversation of a buyer who proved a checkout email theirs with its order number", async () => {
    for (const order of DEMO_ORDERS)
      await stack.deps.orders.putOrder(ShopId(DEMO_SHOP_ID), order, shopperLookupKeys(order));
    const confirmed = await http<Sent>(url("/v1/messages"), {
      token: stack.apiKey,
      body: {
        channel: "api",
        conversationId: "confirmed-1",
        messageId: `m-${++n}`,
        market: "ID",
        shopper: { id: "api-buyer-3" },
        text: "Where is my order #1001? My email is siti@example.com",
      },
    });
    const web = await http<Sent>(url("/v1/messages"), {
      token: stack.apiKey,
      body: {
        channel: "web",
        conversationId: "signed-in-web-3",
        messageId: `m-${++n}`,
        market: "ID",
        shopper: { id: "web-buyer-3", email: "Siti@example.com" },
        text: "Saya mau bicara dengan admin",
      },
    });
    const escalationId = web.body.escalation?.id ?? "";
    const { token } = await signedIn();
    await eventually(async () => (await http(url(`/v1/inbox/${escalationId}`), { token })).status === 200);
    const { body } = await http<Packet>(url(`/v1/inbox/${escalationId}`), { token });
    expect(body.otherConversations.map((o) => o.conversationId)).toEqual([confirmed.body.conversationId]);
  });

  it("never lists another shop's conversation with the same shopper, and lists one outside the agent's regions without a way in", async () => {
    await stack.deps.shops.putShop(
      { id: ShopId("other-links.myshopify.com"), name: "Other", markets: ["ID"] },
      OTHER_SHOP_KEY,
    );
    const elsewhere = await fromPhone(
      OTHER_SHOP_KEY,
      "web",
      "ID",
      "web-buyer-2",
      "+62 812-3456-0002",
      "Halo",
    );
    const japan = await fromPhone(stack.apiKey, "web", "JP", "jp-buyer-2", "+62 812-3456-0002", "こんにちは");
    const api = await fromPhone(
      stack.apiKey,
      "api",
      "ID",
      "api-buyer-2",
      "+6281234560002",
      "Saya mau bicara dengan admin",
    );
    const escalationId = api.body.escalation?.id ?? "";
    const { token, cookie } = await signedIn();
    await eventually(async () => (await http(url(`/v1/inbox/${escalationId}`), { token })).status === 200);

    const { body } = await http<Packet>(url(`/v1/inbox/${escalationId}`), { token });
    expect(body.otherConversations.map((o) => o.conversationId)).not.toContain(elsewhere.body.conversationId);
    expect(body.otherConversations).toEqual([
      expect.objectContaining({
        conversationId: japan.body.conversationId,
        visible: false,
        escalationId: null,
      }),
    ]);
    const page = await (await fetch(url(`/inbox/e/${escalationId}`), { headers: { cookie } })).text();
    expect(page).not.toContain(elsewhere.body.conversationId);
    expect(page).not.toContain(`href="/inbox/c/${japan.body.conversationId}"`);
  });

  it("lists an AI message's sources in GET /v1/conversations/{id}", async () => {
    const { conversationId } = await answeredThenEscalated("src-1");
    const { body } = await http<Detail>(url(`/v1/conversations/${conversationId}`), { token: stack.apiKey });
    const answer = body.messages.find((m) => m.role === "ai" && (m.sources?.length ?? 0) > 0);
    expect(answer?.sources).toContainEqual({ type: "article", id: "returns-id" });
  });

  it("shows the sources under the AI's answer in the packet's transcript, in the agent's language", async () => {
    const { escalationId } = await answeredThenEscalated("src-2");
    const token = await pool.sign({ name: "N", "cognito:groups": ["region:sea", "all-shops"] });
    await eventually(async () => (await http(url(`/v1/inbox/${escalationId}`), { token })).status === 200);
    const signIn = await fetch(url("/inbox/sign-in"), {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "agent", credential: token }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .join("; ");
    const page = await (await fetch(url(`/inbox/e/${escalationId}`), { headers: { cookie } })).text();
    expect(page).toContain('<p class="sources-used">Sources: Article returns-id</p>');
  });
});
