/**
 * POST /v1/messages on the local stack against a baseline route that makes the same DynamoDB and SQS calls with no
 * logic, measured in the same run: an order-status question, a store question answered from the shop's articles (its
 * index built before the measure, as a warm instance holds it), an escalation; plus the requests each message costs.
 */
import { serve } from "@hono/node-server";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { BatchGetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { keys } from "../functions/adapters/dynamodb/keys";
import { createTable } from "../functions/adapters/dynamodb/table";
import { orderKey } from "../functions/domain/order";
import { DEMO_SHOP_ID } from "../functions/local/demo-data";
import { startLocalStack } from "../functions/local/stack";
import type { GoalRow } from "./goals";
import { fmt, load } from "./stats";

const COUNT = Number(process.env.BENCH_MESSAGES ?? 600);
const CONCURRENCY = 8;
/** The order the order-status question names, and the identity the channel vouches for (the demo shopper's). */
const ORDER = "#1001";
const SHOPPER = { id: "buyer-1", name: "Siti" };
/** A store question the demo shop's payment article answers (functions/local/demo-data.ts). */
const STORE_QUESTION = "do you accept cash on delivery?";

/** The goal: the order-status path serves at least this share of the baseline's throughput. */
const THROUGHPUT_RATIO = 0.7;

export async function benchMessages(goals: GoalRow[] = []) {
  // No poller: the counts below are the message path alone.
  const stack = await startLocalStack({ logLevel: "SILENT", autoPoll: false });
  const table = createTable(
    {
      region: "ap-southeast-1",
      endpoint: stack.env.DYNAMODB_ENDPOINT,
      credentials: { accessKeyId: "l", secretAccessKey: "l" },
    },
    stack.env.TABLE_NAME,
  );
  // The baseline: the same three DynamoDB requests (and one SQS send when escalating), no logic around them. Its read
  // asks for the keys a message's read asks for, the demo order and the shopper's cached orders included, so both
  // unmarshal the same items.
  const shop = DEMO_SHOP_ID as Parameters<typeof keys.order>[0];
  const shopperItems = [
    keys.shopperIdentity(shop, `buyer:api:${SHOPPER.id}`),
    keys.orderLookup(shop, `buyer:api:${SHOPPER.id}`),
  ];
  const baseline = new Hono().post("/baseline", async (c) => {
    const { thread, escalate, order } = await c.req.json<{
      thread: string;
      escalate: boolean;
      order: boolean;
    }>();
    const pk = `BENCH#${thread}`;
    await table.client.send(
      new BatchGetCommand({
        RequestItems: {
          [table.name]: {
            Keys: [
              { pk, sk: "META" },
              { pk, sk: "TURN#1" },
              ...(order ? [keys.order(shop, orderKey(ORDER))] : []),
              ...shopperItems,
            ],
          },
        },
      }),
    );
    if (escalate) {
      await stack.sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queues.escalations.sea,
          MessageBody: "{}",
          MessageGroupId: pk,
          MessageDeduplicationId: pk,
        }),
      );
    }
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk, sk: "META" },
        UpdateExpression: "SET n = :n",
        ExpressionAttributeValues: { ":n": 1 },
      }),
    );
    await table.client.send(
      new PutCommand({ TableName: table.name, Item: { pk, sk: "TURN#1", text: "x".repeat(200) } }),
    );
    return c.json({ ok: true });
  });
  const server = serve({ fetch: baseline.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const baselineUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baseline`;

  const post = (url: string, body: unknown, token?: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => {
      await r.arrayBuffer();
      return r.ok;
    });
  const message = (i: number, text: string, run: string) => ({
    channel: "api",
    conversationId: `${run}-${i}`,
    messageId: "m-1",
    market: "SG",
    shopper: SHOPPER,
    text,
  });

  await load(50, CONCURRENCY, (i) =>
    post(`${stack.url}/v1/messages`, message(i, `where is my order ${ORDER}?`, "warm"), stack.apiKey),
  );
  await load(50, CONCURRENCY, (i) =>
    post(baselineUrl, { thread: `warm-${i}`, escalate: false, order: true }),
  );
  // The first store question builds the shop's knowledge index; the measure below is of a warm instance.
  await load(50, CONCURRENCY, (i) =>
    post(`${stack.url}/v1/messages`, message(i, STORE_QUESTION, "warm-kb"), stack.apiKey),
  );

  const c0 = stack.requestCounts();
  const ai = await load(COUNT, CONCURRENCY, (i) =>
    post(`${stack.url}/v1/messages`, message(i, `where is my order ${ORDER}?`, "ai"), stack.apiKey),
  );
  const c1 = stack.requestCounts();
  const aiBaseline = await load(COUNT, CONCURRENCY, (i) =>
    post(baselineUrl, { thread: `ai-${i}`, escalate: false, order: true }),
  );
  const k0 = stack.requestCounts();
  const kb = await load(COUNT, CONCURRENCY, (i) =>
    post(`${stack.url}/v1/messages`, message(i, STORE_QUESTION, "kb"), stack.apiKey),
  );
  const k1 = stack.requestCounts();
  // The same three DynamoDB requests, without the order a store question does not name, measured next to it so both
  // ratios compare runs made under the same load.
  const kbBaseline = await load(COUNT, CONCURRENCY, (i) =>
    post(baselineUrl, { thread: `kb-${i}`, escalate: false, order: false }),
  );
  const escalations = Math.max(50, Math.floor(COUNT / 4));
  const c2 = stack.requestCounts();
  const esc = await load(escalations, CONCURRENCY, (i) =>
    post(`${stack.url}/v1/messages`, message(i, "I want to talk to a human", "esc"), stack.apiKey),
  );
  const c3 = stack.requestCounts();
  const escBaseline = await load(escalations, CONCURRENCY, (i) =>
    post(baselineUrl, { thread: `esc-${i}`, escalate: true, order: false }),
  );

  server.close();
  await stack.stop();
  goals.push({
    what: "order-status path throughput (POST /v1/messages)",
    goal: `≥ ${THROUGHPUT_RATIO}× baseline`,
    figure: `${fmt(ai.perSecond, 0)} req/s`,
    baseline: `${fmt(aiBaseline.perSecond, 0)} req/s`,
    ratio: ai.perSecond / aiBaseline.perSecond,
    met: ai.perSecond / aiBaseline.perSecond >= THROUGHPUT_RATIO,
  });
  goals.push({
    what: "knowledge answer throughput (POST /v1/messages)",
    goal: `≥ ${THROUGHPUT_RATIO}× baseline`,
    figure: `${fmt(kb.perSecond, 0)} req/s`,
    baseline: `${fmt(kbBaseline.perSecond, 0)} req/s`,
    ratio: kb.perSecond / kbBaseline.perSecond,
    met: kb.perSecond / kbBaseline.perSecond >= THROUGHPUT_RATIO,
  });
  const row = (name: string, r: typeof ai) =>
    `${name.padEnd(34)} ${fmt(r.perSecond, 0).padStart(6)} req/s   p50 ${fmt(r.p50).padStart(6)} ms   p99 ${fmt(r.p99).padStart(6)} ms   errors ${r.errors}`;
  return [
    `POST /v1/messages on the local stack (${COUNT} order-status, ${COUNT} store-question and ${escalations} escalation messages, ${CONCURRENCY} in flight)`,
    row("AI path (order status)", ai),
    row("baseline: same DynamoDB calls", aiBaseline),
    `  ratio AI path / baseline: throughput ${fmt(ai.perSecond / aiBaseline.perSecond, 2)}x, p50 ${fmt(ai.p50 / aiBaseline.p50, 2)}x, p99 ${fmt(ai.p99 / aiBaseline.p99, 2)}x`,
    row("knowledge answer (store question)", kb),
    row("baseline: same DynamoDB calls", kbBaseline),
    `  ratio knowledge / baseline: throughput ${fmt(kb.perSecond / kbBaseline.perSecond, 2)}x, p50 ${fmt(kb.p50 / kbBaseline.p50, 2)}x, p99 ${fmt(kb.p99 / kbBaseline.p99, 2)}x`,
    row("escalation path", esc),
    row("baseline: same DynamoDB + SQS calls", escBaseline),
    `  ratio escalation / baseline: throughput ${fmt(esc.perSecond / escBaseline.perSecond, 2)}x, p50 ${fmt(esc.p50 / escBaseline.p50, 2)}x, p99 ${fmt(esc.p99 / escBaseline.p99, 2)}x`,
    `requests per message: AI path ${fmt((c1.dynamodb - c0.dynamodb) / COUNT, 2)} DynamoDB, ${fmt((c1.sqs - c0.sqs) / COUNT, 2)} SQS (goal ≤ 3 DynamoDB)`,
    `                      knowledge answer ${fmt((k1.dynamodb - k0.dynamodb) / COUNT, 2)} DynamoDB, ${fmt((k1.sqs - k0.sqs) / COUNT, 2)} SQS`,
    `                      escalation ${fmt((c3.dynamodb - c2.dynamodb) / escalations, 2)} DynamoDB, ${fmt((c3.sqs - c2.sqs) / escalations, 2)} SQS (goal 1 SQS send)`,
  ].join("\n");
}
