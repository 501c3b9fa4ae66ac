/** Shopify webhook acknowledgement: latency to the 200, and the DynamoDB/SQS requests made before it. */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../functions/adapters/shopify/hmac";
import { LOCAL_DEFAULTS, startLocalStack } from "../functions/local/stack";
import { orderPayload, webhookRequest } from "../test/support/shopify-signing";
import { fmt, load } from "./stats";

const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 600);

export async function benchShopify(): Promise<string> {
  // No poller: what is measured is the acknowledgement alone.
  const stack = await startLocalStack({ logLevel: "SILENT", autoPoll: false });
  const secret = LOCAL_DEFAULTS.shopifyApiSecret;
  const baseline = new Hono().post("/baseline", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    return c.body(null, verifyWebhook(secret, raw, c.req.header("x-shopify-hmac-sha256")) ? 200 : 401);
  });
  const server = serve({ fetch: baseline.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const baselineUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/baseline`;
  const body = (i: number) =>
    orderPayload({
      id: String(5730000000000100000n + BigInt(i)),
      name: `#B${i}`,
      email: `b${i}@example.com`,
      updatedAt: "2026-11-19T10:00:00Z",
    });
  const post = async (target: string, i: number) => {
    const request = webhookRequest(secret, {
      topic: "orders/create",
      shop: "bench-shop.myshopify.com",
      body: body(i),
    });
    const res = await fetch(target, { method: "POST", headers: request.headers, body: request.body });
    await res.arrayBuffer();
    return res.status === 200;
  };
  await load(50, 8, (i) => post(`${stack.url}/webhooks/shopify`, 1_000_000 + i));
  const before = stack.requestCounts();
  const ours = await load(COUNT, 8, (i) => post(`${stack.url}/webhooks/shopify`, i));
  const after = stack.requestCounts();
  const bare = await load(COUNT, 8, (i) => post(baselineUrl, i));
  server.close();
  await stack.stop();
  return [
    `POST /webhooks/shopify, ${COUNT} orders/create deliveries, 8 in flight: ${fmt(ours.perSecond, 0)}/s, p50 ${fmt(ours.p50)} ms, p99 ${fmt(ours.p99)} ms, errors ${ours.errors}`,
    `  baseline (HMAC check only, no de-duplication or queue): p50 ${fmt(bare.p50)} ms, p99 ${fmt(bare.p99)} ms (ratio p50 ${fmt(ours.p50 / bare.p50, 2)}x)`,
    `  before the 200: ${fmt((after.dynamodb - before.dynamodb) / COUNT, 2)} DynamoDB and ${fmt((after.sqs - before.sqs) / COUNT, 2)} SQS requests per webhook (goal ≤ 2 and ≤ 1)`,
  ].join("\n");
}
