/** Marketplace pushes: acknowledgement latency, and push → reply sent through the marketplace API, embedded engine. */
import { startLocalStack } from "../functions/local/stack";
import { pushes, startFakeMarketplaces } from "../test/support/fake-marketplaces";
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
  const callbackUrl = `${stack.url}/webhooks/shopee`;
  await fetch(`${stack.url}/v1/connections/shopee`, {
    method: "PUT",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      marketplaceShopId: APPS.shopee.shopId,
      partnerId: APPS.shopee.partnerId,
      partnerKey: APPS.shopee.partnerKey,
      accessToken: "shopee-token-1",
      refreshToken: "r",
      callbackUrl,
      apiBaseUrl: fake.shopeeBase,
      accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
    }),
  });
  const push = (i: number) =>
    JSON.stringify({
      data: {
        type: "message",
        content: {
          message_id: `bench-${i}`,
          shop_id: 947042923,
          from_id: 7000 + i,
          to_id: 947042923,
          message_type: "text",
          content: { text: "Kak, paket saya sudah sampai mana?" },
          conversation_id: `bench-conv-${i}`,
          created_timestamp: Math.floor(Date.now() / 1000),
          region: "ID",
        },
      },
      shop_id: 947042923,
      code: 10,
      timestamp: Math.floor(Date.now() / 1000),
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
