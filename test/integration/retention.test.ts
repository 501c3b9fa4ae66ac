import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createTable } from "../../functions/adapters/dynamodb/table";
import { ShopId } from "../../functions/domain/ids";
import { MARKET_CODES } from "../../functions/domain/markets";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

const SHOP = "short-memory.myshopify.com";
const KEY = "sk_test_retention_shop_0000000000";

describe("retention (data lifecycle)", () => {
  const stack = useLocalStack();

  it("gives a conversation, its turns, people's messages and handoff events the shop's retention period", async () => {
    await stack().deps.shops.putShop(
      { id: ShopId(SHOP), name: "Short memory", markets: [...MARKET_CODES], retentionDays: 30 },
      KEY,
    );
    const sent = Date.now();
    const { body } = await http<{ conversationId: string; escalation: { id: string } }>(
      `${stack().url}/v1/messages`,
      { token: KEY, body: shopperMessage("I want to talk to a human", { market: "SG" }) },
    );
    const agent = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "r",
      name: "R",
      regions: ["sea"],
      shops: [SHOP],
      languages: ["en"],
    });
    await eventually(
      async () =>
        (await http(`${stack().url}/v1/inbox/${body.escalation.id}`, { token: agent })).status === 200,
    );
    await http(`${stack().url}/v1/inbox/${body.escalation.id}/claim`, { token: agent, body: {} });
    await http(`${stack().url}/v1/inbox/${body.escalation.id}/messages`, {
      token: agent,
      body: { text: "Hello from the team" },
    });

    const table = createTable(
      {
        region: "ap-southeast-1",
        endpoint: stack().env.DYNAMODB_ENDPOINT,
        credentials: { accessKeyId: "l", secretAccessKey: "l" },
      },
      stack().env.TABLE_NAME,
    );
    const items = (await table.client.send(new ScanCommand({ TableName: table.name }))).Items ?? [];
    const ours = items.filter((i) => String(i.pk).startsWith(`SHOP#${SHOP}#CONV#${body.conversationId}`));
    expect(new Set(ours.map((i) => i.type))).toEqual(
      new Set(["conversation", "turn", "agentMessage", "event"]),
    );
    const thirtyDays = sent / 1000 + 30 * 86_400;
    for (const item of ours)
      expect(Math.abs((item.expiresAt as number) - thirtyDays), `${item.type} expiry`).toBeLessThan(120);
  });

  it("no longer serves a conversation once its retention has passed, even before DynamoDB deletes it", async () => {
    const { body } = await http<{ conversationId: string }>(`${stack().url}/v1/messages`, {
      token: KEY,
      body: shopperMessage("hello", { market: "SG", sentAt: "2020-01-01T00:00:00Z" }),
    });
    const res = await http(`${stack().url}/v1/conversations/${body.conversationId}`, { token: KEY });
    expect(res.status).toBe(404);
  });
});
