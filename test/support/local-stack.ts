/** Starts the real local stack (emulators, app over HTTP, poller) for one test file, and gives typed HTTP helpers. */
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll } from "vitest";
import { toRecord } from "../../functions/local/poller";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "../../functions/local/stack";

export function useLocalStack(options: LocalStackOptions = {}) {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({ logLevel: "SILENT", ...options });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error("local stack not started");
    return stack;
  };
}

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function http<T = Record<string, unknown>>(
  url: string,
  init: {
    method?: string;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
}

/** Waits until `check` returns a value, for effects that happen after the response (queue consumers). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

let counter = 0;
/** A message body for POST /v1/messages with fresh thread and message ids unless given. */
export function shopperMessage(text: string, overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    channel: "api",
    conversationId: `thread-${process.pid}-${counter}-${Date.now()}`,
    messageId: `m-${counter}`,
    market: "ID",
    shopper: { id: "buyer-1", name: "Siti" },
    text,
    ...overrides,
  };
}

/** Takes the one message waiting on a queue and hands it over as the event source would: an event of one record. */
export async function takeRecord(sqs: SQSClient, queueUrl: string): Promise<SQSEvent> {
  const got = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ["All"],
      AttributeNames: ["All"],
    }),
  );
  const message = got.Messages?.[0];
  if (!message) throw new Error(`nothing waiting on ${queueUrl}`);
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  return { Records: [toRecord(message, queueUrl, "ap-southeast-1")] };
}
