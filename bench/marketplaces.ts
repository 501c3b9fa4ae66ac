/** Marketplace pushes: acknowledgement latency, and push → reply sent through the marketplace API, embedded engine. */
import { startLocalStack } from "../functions/local/stack";
import {
  connectShopee,
  pushes,
  shopeeChatPush,
  startFakeMarketplaces,
} from "../test/support/fake-marketplaces";
import { fmt, load, percentile } from "./stats";

const COUNT = Number(process.env.BENCH_PUSHES ?? 300);
const APPS = {
  shopee: { partnerId: "2006566", partnerKey: "bench-partner-key", shopId: "947042923" },
  lazada: { appKey: "1", appSecret: "s", sellerId: "1" },
  tiktok: { appKey: "1", appSecret: "s", shopId: "1", shopCipher: "c" },
};

export async function benchMarketplaces(): Promise<string> {
  const fake = await startFakeMarketplaces(APPS);
  const stack = await startLocalStack({ logLevel: "SILENT", pollIntervalMs: 5 });
  const callbackUrl = await connectShopee(stack, fake.shopeeBase, APPS.shopee);
  const push = (i: number) =>
    shopeeChatPush(APPS.shopee.shopId, {
      messageId: `bench-${i}`,
      conversationId: `bench-conv-${i}`,
      fromId: 7000 + i,
      text: "Kak, paket saya sudah sampai mana?",
    });
  const started = new Map<number, number>();
  const ack = await load(COUNT, 8, async (i) => {
    const p = pushes.shopee(APPS.shopee.partnerKey, callbackUrl, push(i));
    started.set(i, performance.now());
    const res = await fetch(`${stack.url}/webhooks/shopee`, {
      method: "POST",
      headers: p.headers,
      body: p.body,
    });
    await res.arrayBuffer();
    return res.status === 200;
  });
  // Every push is answered through the fake Shopee send API; wait for all of them (bounded).
  const until = Date.now() + 60_000;
  const delivered = new Map<string, number>();
  while (delivered.size < COUNT && Date.now() < until) {
    for (const m of fake.sent) if (!delivered.has(m.to ?? "")) delivered.set(m.to ?? "", performance.now());
    await new Promise((r) => setTimeout(r, 5));
  }
  const endToEnd = [...delivered.entries()]
    .map(([to, at]) => at - (started.get(Number(to) - 7000) ?? at))
    .sort((a, b) => a - b);
  await stack.stop();
  await fake.stop();
  return [
    `Shopee push acknowledgement, ${COUNT} pushes, 8 in flight: p50 ${fmt(ack.p50)} ms, p99 ${fmt(ack.p99)} ms, errors ${ack.errors}`,
    `push → reply sent through the Shopee API (embedded engine, local queues): ${delivered.size}/${COUNT} delivered, p50 ${fmt(percentile(endToEnd, 50))} ms, p99 ${fmt(percentile(endToEnd, 99))} ms`,
  ].join("\n");
}
