/**
 * A bounded load run on the local stack (loopback only): many conversations across markets in parallel, each
 * conversation's messages in order, with duplicate deliveries and retries mixed in. Afterwards it checks that every
 * message is stored exactly once and in order, and every escalation is in the inbox exactly once.
 */
import { MARKET_CODES } from "../../functions/domain/markets";
import type { LocalStack } from "../../functions/local/stack";
import { percentile } from "../../bench/stats";

export interface LoadResult {
  readonly messages: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly duplicatesSent: number;
  readonly problems: string[];
}

const SCRIPTS = [
  ["where is my order #1001?", "thanks!"],
  ["Kak, pesanan #1002 sudah dikirim belum?", "ok makasih kak"],
  ["ออเดอร์ #1001 ถึงไหนแล้วคะ", "ขอคุยกับพนักงาน"],
  ["hello", "I want to talk to a human"],
  ["注文#1001はいつ届きますか", "ありがとうございます"],
];

export async function runLoad(
  stack: LocalStack,
  conversations: number,
  parallel: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const problems: string[] = [];
  let duplicatesSent = 0;
  let sent = 0;
  const escalations = new Map<string, string>(); // escalation id → conversation id
  const expected = new Map<string, string[]>(); // our conversation id → shopper texts in order
  const send = async (body: Record<string, unknown>) => {
    const t = performance.now();
    const res = await fetch(`${stack.url}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    latencies.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
    return (await res.json()) as { conversationId: string; escalation: { id: string } | null };
  };
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let c = next++; c < conversations; c = next++) {
        const script = SCRIPTS[c % SCRIPTS.length] as string[];
        const market = MARKET_CODES[c % MARKET_CODES.length];
        for (const [i, text] of script.entries()) {
          const body = {
            channel: "api",
            conversationId: `load-${c}`,
            messageId: `load-${c}-${i}`,
            market,
            shopper: { id: "buyer-1", name: "Siti" },
            text,
          };
          const result = await send(body);
          sent++;
          // Every third message is delivered again, as channels retry: it must change nothing.
          if ((c + i) % 3 === 0) {
            const again = await send(body);
            duplicatesSent++;
            if (JSON.stringify(again) !== JSON.stringify(result))
              problems.push(`load-${c}-${i}: a repeat answered differently`);
          }
          expected.set(result.conversationId, [...(expected.get(result.conversationId) ?? []), text]);
          if (result.escalation) escalations.set(result.escalation.id, result.conversationId);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  for (const [conversationId, texts] of expected) {
    const found = await stack.deps.conversations.getConversation(
      "demo-shop.myshopify.com" as never,
      conversationId as never,
    );
    const stored = found?.messages.filter((m) => m.role === "shopper").map((m) => m.text) ?? [];
    if (JSON.stringify(stored) !== JSON.stringify(texts))
      problems.push(`${conversationId}: stored ${JSON.stringify(stored)}, sent ${JSON.stringify(texts)}`);
  }
  // Every escalation reaches the inbox once (the poller records them).
  const deadline = Date.now() + 15_000;
  let listed = new Map<string, number>();
  while (Date.now() < deadline) {
    listed = new Map();
    for (const region of ["sea", "greater-china", "north-asia", "south-asia"] as const) {
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : "";
        const page = (await (
          await fetch(`${stack.url}/v1/inbox?region=${region}&limit=100${query}`, {
            headers: { authorization: `Bearer ${stack.agentTokens[region]}` },
          })
        ).json()) as { items: { escalationId: string }[]; nextCursor: string | null };
        for (const item of page.items)
          listed.set(item.escalationId, (listed.get(item.escalationId) ?? 0) + 1);
        cursor = page.nextCursor;
      } while (cursor);
    }
    if ([...escalations.keys()].every((id) => listed.has(id))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const id of escalations.keys())
    if (listed.get(id) !== 1) problems.push(`${id}: listed ${listed.get(id) ?? 0} times`);
  latencies.sort((a, b) => a - b);
  return {
    messages: sent,
    seconds,
    perSecond: sent / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    duplicatesSent,
    problems,
  };
}
