import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signNotification } from "../../functions/adapters/notify/webhook-notifier";
import { ShopId } from "../../functions/domain/ids";
import { MARKET_CODES } from "../../functions/domain/markets";
import { notificationContext } from "../../functions/domain/ports";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { sweepOverdue } from "../../functions/workers/sla-sweeper";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";
import { startWebhookReceiver } from "../support/webhook-receiver";

const SHOP = ShopId("notified-seller.myshopify.com");
const KEY = "sk_test_notified_seller_0000000000";
const SECRET = "whsec_test_secret_for_hmac";

describe("SLA, notifications and analytics", () => {
  const stack = useLocalStack();
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let agent = "";

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    await stack().deps.shops.putShop(
      {
        id: SHOP,
        name: "Notified",
        markets: [...MARKET_CODES],
        notifications: {
          sea: {
            url: receiver.url,
            sealedSecret: await stack().deps.secrets.seal(SECRET, notificationContext(SHOP, "sea")),
          },
        },
      },
      KEY,
    );
    agent = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "agent-x",
      name: "X",
      regions: ["sea"],
      shops: [SHOP],
      languages: ["en"],
    });
  });
  afterAll(() => receiver.stop());

  const escalate = async (text = "I want to talk to a human") => {
    const { body } = await http<{ escalation: { id: string } }>(`${stack().url}/v1/messages`, {
      token: KEY,
      body: shopperMessage(text, { market: "SG" }),
    });
    return body.escalation.id;
  };

  it("posts a signed notification to the seller's endpoint when an escalation arrives", async () => {
    const id = await escalate();
    const hit = await eventually(async () => receiver.received.find((r) => r.body.includes(id)));
    const timestamp = String(hit.headers["x-support-timestamp"]);
    expect(hit.headers["x-support-event"]).toBe("escalation.created");
    expect(hit.headers["x-support-signature"]).toBe(signNotification(SECRET, timestamp, hit.body));
    expect(JSON.parse(hit.body)).toMatchObject({
      type: "escalation.created",
      escalationId: id,
      region: "sea",
      reason: "human_requested",
    });
  });

  it("marks an escalation overdue past its due time, moves it to the top and notifies the seller", async () => {
    const id = await escalate();
    const listed = await eventually(async () => {
      const res = await http<{ dueAt: string }>(`${stack().url}/v1/inbox/${id}`, { token: agent });
      return res.status === 200 && res.body;
    });
    // A minute past its own due time, whatever day of the week the test runs (a Friday's is due after the weekend).
    const pastDue = new Date(Date.parse(listed.dueAt) + 60_000);
    const { overdue } = await sweepOverdue({ ...stack().deps, clock: { now: () => pastDue } });
    expect(overdue).toBeGreaterThanOrEqual(1);
    const inbox = await http<{ items: { escalationId: string; overdue: boolean; priority: number }[] }>(
      `${stack().url}/v1/inbox?limit=100`,
      { token: agent },
    );
    expect(inbox.body.items[0]).toMatchObject({ overdue: true, priority: 0 });
    expect(inbox.body.items.find((i) => i.escalationId === id)?.overdue).toBe(true);
    await eventually(async () =>
      receiver.received.find(
        (r) => r.body.includes(id) && r.headers["x-support-event"] === "escalation.overdue",
      ),
    );
    const again = await sweepOverdue({ ...stack().deps, clock: { now: () => pastDue } });
    expect(again.overdue).toBe(0);
  });

  it("reports containment, escalations by reason and first-response times per market", async () => {
    await http(`${stack().url}/v1/messages`, {
      token: KEY,
      body: shopperMessage("hello there", { market: "SG" }),
    });
    const id = await escalate();
    await eventually(
      async () => (await http(`${stack().url}/v1/inbox/${id}`, { token: agent })).status === 200,
    );
    await http(`${stack().url}/v1/inbox/${id}/claim`, { token: agent, body: {} });
    await http(`${stack().url}/v1/inbox/${id}/messages`, { token: agent, body: { text: "Hi, this is X." } });
    const res = await http<{
      shop: Record<string, unknown>;
      markets: Record<string, Record<string, unknown>>;
    }>(`${stack().url}/v1/analytics`, { token: KEY });
    expect(res.status).toBe(200);
    const sg = res.body.markets.SG ?? {};
    expect(sg.conversations as number).toBeGreaterThanOrEqual(3);
    expect(sg.aiContained as number).toBeGreaterThanOrEqual(1);
    expect((sg.escalationsByReason as Record<string, number>).human_requested).toBeGreaterThanOrEqual(2);
    expect((sg.firstAiReplyMs as { count: number }).count).toBeGreaterThanOrEqual(3);
    expect((sg.firstHumanReplyMinutes as { count: number }).count).toBe(1);
    expect(sg.unresolved as number).toBeGreaterThanOrEqual(1);
  });

  it("rejects an analytics window that is reversed or too long", async () => {
    const res = await http(`${stack().url}/v1/analytics?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z`, {
      token: KEY,
    });
    expect(res.status).toBe(400);
  });
});
