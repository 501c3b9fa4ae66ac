import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { createEscalationQueue } from "../../functions/adapters/sqs/escalation-queue";
import type { EscalationQueue } from "../../functions/domain/ports";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type Conversation = { messages: { id: string; role: string }[] };

/** A queue whose sends go to a closed loopback port while `down` is set: a real connection failure, not a mock. */
const queueDown = { down: false };
let realQueue: EscalationQueue | undefined;
const deadQueue = createEscalationQueue(
  new SQSClient({
    region: "ap-southeast-1",
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
  }),
  {
    sea: "http://127.0.0.1:9/q/sea.fifo",
    "greater-china": "http://127.0.0.1:9/q/gc.fifo",
    "north-asia": "http://127.0.0.1:9/q/na.fifo",
    "south-asia": "http://127.0.0.1:9/q/sa.fifo",
  },
);
const switchable: EscalationQueue = {
  send: (packet) => (queueDown.down ? deadQueue : (realQueue as EscalationQueue)).send(packet),
};

describe("Idempotency and partial failure", () => {
  const stack = useLocalStack({ overrides: { escalations: switchable } });
  const send = (body: unknown) =>
    http<Record<string, unknown>>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });
  const messagesOf = async (id: string) =>
    (await http<Conversation>(`${stack().url}/v1/conversations/${id}`, { token: stack().apiKey })).body
      .messages;

  it("answers a repeated messageId with the first result and stores nothing twice", async () => {
    const message = shopperMessage("where is my order #1001?", { market: "SG" });
    const first = await send(message);
    const again = await send(message);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const messages = await messagesOf(first.body.conversationId as string);
    expect(messages.filter((m) => m.role === "shopper")).toHaveLength(1);
    expect(messages.filter((m) => m.role === "ai")).toHaveLength(1);
  });

  it("fails with 503 when the queue is down, stores nothing, and a retry with the same messageId completes", async () => {
    const { createEscalationQueue: make } = await import("../../functions/adapters/sqs/escalation-queue");
    realQueue = make(stack().sqs, stack().queues.escalations);
    const message = shopperMessage("I want to talk to a human", { market: "SG" });
    queueDown.down = true;
    const failed = await send(message);
    expect(failed.status).toBe(503);
    expect((failed.body.error as { code: string }).code).toBe("dependency_unavailable");
    const list = await http<{ items: { threadId: string }[] }>(`${stack().url}/v1/conversations?limit=100`, {
      token: stack().apiKey,
    });
    expect(list.body.items.map((c) => c.threadId)).not.toContain(message.conversationId);

    queueDown.down = false;
    const retried = await send(message);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe("pending_human");
    const messages = await messagesOf(retried.body.conversationId as string);
    expect(messages.map((m) => m.role)).toEqual(["shopper", "ai"]);
  });
});
