/**
 * Bursts answered once: the delay the quiet period adds. WhatsApp shoppers send bursts of four messages; measured
 * from the burst's last message to its one reply at the fake Cloud API, with the channel's quiet period (3 s) and,
 * as the baseline, with none (each message answered at once, four replies per burst).
 */
import { startLocalStack } from "../functions/local/stack";
import { chatPushes, startFakeChatApps, whatsappWebhook } from "../test/support/fake-chat-apps";
import { fmt, percentile } from "./stats";

const BURSTS = Number(process.env.BENCH_BURSTS ?? 20);
const ACCOUNTS = {
  whatsapp: { phoneNumberId: "106540352242922", accessToken: "bench-token", appSecret: "bench-app-secret" },
  messenger: { pageId: "1", pageAccessToken: "p", appSecret: "s" },
  line: { botUserId: `U${"0".repeat(32)}`, channelAccessToken: "l", channelSecret: "s" },
};
const TEXTS = ["halo kak", "mau tanya", "pesanan saya", "sudah sampai mana ya?"];

/** Sends BURSTS bursts (four messages each, 8 shoppers at a time); the delay from each last message to its first reply. */
async function run(quietMs: number | null) {
  const fake = await startFakeChatApps(ACCOUNTS);
  const stack = await startLocalStack({
    logLevel: "SILENT",
    pollIntervalMs: 5,
    ...(quietMs === null ? { overrides: { quietPeriodMs: () => null } } : {}),
  });
  await fetch(`${stack.url}/v1/connections/whatsapp/${ACCOUNTS.whatsapp.phoneNumberId}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      market: "ID",
      accessToken: ACCOUNTS.whatsapp.accessToken,
      appSecret: ACCOUNTS.whatsapp.appSecret,
      verifyToken: "bench-verify-token",
      apiBaseUrl: fake.graphBase,
    }),
  });
  const lastSent = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < BURSTS; i = next++) {
        const waId = `6591${String(2_000_000 + i)}`;
        for (const text of TEXTS) {
          const delivery = chatPushes.meta(
            ACCOUNTS.whatsapp.appSecret,
            whatsappWebhook(ACCOUNTS.whatsapp.phoneNumberId, waId, { type: "text", text: { body: text } }),
          );
          const res = await fetch(`${stack.url}/webhooks/whatsapp`, { method: "POST", ...delivery });
          await res.arrayBuffer();
        }
        lastSent.set(waId, performance.now());
      }
    }),
  );
  const firstReply = new Map<string, number>();
  const until = Date.now() + 60_000 + (quietMs ?? 0) * 4;
  while (firstReply.size < BURSTS && Date.now() < until) {
    for (const r of fake.requests) {
      const to = String(r.body.to);
      if (!firstReply.has(to)) firstReply.set(to, performance.now());
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  // Let stragglers arrive, to count replies per burst.
  await stack.poller.drain({ timeoutMs: 30_000 }).catch(() => undefined);
  const replies = fake.requests.length;
  const delays = [...firstReply.entries()]
    .map(([to, at]) => at - (lastSent.get(to) ?? at))
    .sort((a, b) => a - b);
  await stack.stop();
  await fake.stop();
  return { delays, replies, answered: firstReply.size };
}

export async function benchBursts(): Promise<string> {
  const baseline = await run(null);
  const quiet = await run(3000);
  const line = (label: string, r: Awaited<ReturnType<typeof run>>) =>
    `${label}: ${r.answered}/${BURSTS} bursts answered, ${fmt(r.replies / BURSTS)} replies per burst, last message → reply p50 ${fmt(percentile(r.delays, 50))} ms, p99 ${fmt(percentile(r.delays, 99))} ms`;
  return [
    `WhatsApp bursts of ${TEXTS.length} messages, ${BURSTS} shoppers, 8 at a time (embedded engine, local queues)`,
    line("baseline, no quiet period", baseline),
    line("quiet period 3 s (the channel's)", quiet),
    `added delay p50: ${fmt(percentile(quiet.delays, 50) - percentile(baseline.delays, 50))} ms (the quiet period plus the wait's rounding up to whole seconds)`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchBursts());
