/** Escalation latency (shopper message → listed in the inbox) and inbox list latency with 10,000 escalations stored. */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createTable } from "../functions/adapters/dynamodb/table";
import { gsi1, GSI1 } from "../functions/adapters/dynamodb/keys";
import type { HandoffPacket } from "../functions/domain/escalation";
import { ConversationId, EscalationId, ShopId } from "../functions/domain/ids";
import { DEMO_SHOP_ID } from "../functions/local/demo-data";
import { startLocalStack } from "../functions/local/stack";
import { fmt, load, percentile } from "./stats";

const STORED = Number(process.env.BENCH_INBOX_ESCALATIONS ?? 10_000);

export async function benchInbox(): Promise<string> {
  const stack = await startLocalStack({ logLevel: "SILENT", pollIntervalMs: 10 });
  const headers = { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" };
  const agent = { authorization: `Bearer ${stack.agentTokens.sea}` };

  // 1. Message → escalation listed, one at a time, polling the inbox's detail route every 5 ms.
  const latencies: number[] = [];
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    const res = await fetch(`${stack.url}/v1/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        channel: "api",
        conversationId: `latency-${i}`,
        messageId: "1",
        market: "SG",
        shopper: { id: `b-${i}` },
        text: "I want to talk to a human",
      }),
    });
    const id = ((await res.json()) as { escalation: { id: string } }).escalation.id;
    for (;;) {
      const found = await fetch(`${stack.url}/v1/inbox/${id}`, { headers: agent });
      await found.arrayBuffer();
      if (found.ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);

  // 2. 10,000 escalations in the sea inbox, then the agent's first page.
  const shopId = ShopId(DEMO_SHOP_ID);
  const now = Date.now();
  const packet = (i: number): HandoffPacket => ({
    escalationId: EscalationId(`e_bench${String(i).padStart(16, "0")}`),
    shopId,
    conversationId: ConversationId(`c_bench${i}`),
    channel: "api",
    region: "sea",
    market: "SG",
    language: "en",
    posture: "hybrid",
    reason: "human_requested",
    intent: "human_request",
    priority: 30,
    summary: "bench",
    shopper: { id: `b${i}`, name: null },
    order: null,
    draft: null,
    transcript: [],
    createdAt: new Date(now).toISOString(),
    dueAt: new Date(now + (i % 600) * 60_000).toISOString(),
  });
  for (let i = 0; i < STORED; i += 25)
    await Promise.all(Array.from({ length: 25 }, (_, k) => stack.deps.inbox.record(packet(i + k))));
  const list = await load(300, 4, async () => {
    const r = await fetch(`${stack.url}/v1/inbox?limit=20`, { headers: agent });
    await r.arrayBuffer();
    return r.ok;
  });
  const table = createTable(
    {
      region: "ap-southeast-1",
      endpoint: stack.env.DYNAMODB_ENDPOINT,
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
    },
    stack.env.TABLE_NAME,
  );
  const baseline = await load(300, 4, async () => {
    await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": gsi1.inbox(shopId, "sea", "pending") },
        Limit: 20,
      }),
    );
    return true;
  });
  // 3. The web inbox's queue page and its polled fragment (50 items, rendered HTML) against the JSON list of 50.
  // A real sign-in: the session is recorded in the table, and each page request finds it there.
  const signIn = await fetch(`${stack.url}/inbox/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: stack.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ kind: "agent", credential: stack.agentTokens.sea }),
  });
  const cookie = { cookie: signIn.headers.getSetCookie()[0]?.split(";")[0] ?? "" };
  let pageBytes = 0;
  let fragmentBytes = 0;
  const page = await load(200, 4, async () => {
    const r = await fetch(`${stack.url}/inbox`, { headers: cookie });
    pageBytes = (await r.arrayBuffer()).byteLength;
    return r.ok;
  });
  const fragment = await load(200, 4, async () => {
    const r = await fetch(`${stack.url}/inbox/queue.html`, { headers: cookie });
    fragmentBytes = (await r.arrayBuffer()).byteLength;
    return r.ok;
  });
  const json50 = await load(200, 4, async () => {
    const r = await fetch(`${stack.url}/v1/inbox?limit=50`, { headers: agent });
    await r.arrayBuffer();
    return r.ok;
  });
  await stack.stop();
  return [
    `shopper message → escalation listed in the inbox (local poller, 100 sequential): p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`,
    `GET /v1/inbox?limit=20 with ${STORED} escalations stored: ${fmt(list.perSecond, 0)} req/s, p50 ${fmt(list.p50)} ms, p99 ${fmt(list.p99)} ms`,
    `  baseline: the same DynamoDB query without HTTP: p50 ${fmt(baseline.p50)} ms, p99 ${fmt(baseline.p99)} ms (ratio p50 ${fmt(list.p50 / baseline.p50, 2)}x)`,
    `web inbox queue page (50 items, ${fmt(pageBytes / 1024, 1)} KiB): ${fmt(page.perSecond, 0)} req/s, p50 ${fmt(page.p50)} ms, p99 ${fmt(page.p99)} ms`,
    `  polled fragment (${fmt(fragmentBytes / 1024, 1)} KiB): p50 ${fmt(fragment.p50)} ms, p99 ${fmt(fragment.p99)} ms`,
    `  baseline: GET /v1/inbox?limit=50 (JSON): p50 ${fmt(json50.p50)} ms, p99 ${fmt(json50.p99)} ms (page ratio p50 ${fmt(page.p50 / json50.p50, 2)}x)`,
  ].join("\n");
}
