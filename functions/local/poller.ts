/**
 * Stands in for the SQS → Lambda event source mapping locally: receives batches, calls the same handler with a
 * real SQS event, and deletes only what the handler did not report in batchItemFailures.
 */
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import type { SqsHandler } from "../workers/escalation-consumer";

export interface Poller {
  /** Runs one receive-and-handle round on every queue; resolves with how many messages were handled. */
  pollOnce(): Promise<number>;
  /**
   * Polls until no queue holds a message (waiting, in flight or delayed), so everything a request set off has been
   * handled, including the work it queued in turn; resolves with how many messages were handled. A message that keeps
   * coming back (a failing handler) fails the drain after `timeoutMs` rather than hanging.
   */
  drain(options?: { timeoutMs?: number }): Promise<number>;
  stop(): Promise<void>;
}

/** An SQS message as Lambda's event source mapping hands it to a handler. */
export const toRecord = (message: Message, queueUrl: string, region: string): SQSRecord => {
  const name = queueUrl.split("/").pop() ?? "";
  const account = queueUrl.split("/").at(-2) ?? "000000000000";
  const a = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? "1",
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? "local",
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
      ...(a.MessageDeduplicationId ? { MessageDeduplicationId: a.MessageDeduplicationId } : {}),
      ...(a.SequenceNumber ? { SequenceNumber: a.SequenceNumber } : {}),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [
        k,
        {
          dataType: v.DataType ?? "String",
          stringValue: v.StringValue,
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:${region}:${account}:${name}`,
    awsRegion: region,
  };
};

const localContext = (name: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: name,
  functionVersion: "$LATEST",
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
  memoryLimitInMB: "256",
  awsRequestId: crypto.randomUUID(),
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: "local",
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export function startPoller(
  sqs: SQSClient,
  queues: readonly { url: string; handler: SqsHandler; name: string }[],
  options: {
    intervalMs?: number;
    region?: string;
    autoStart?: boolean;
    onError?: (error: unknown) => void;
  } = {},
): Poller {
  const region = options.region ?? "ap-southeast-1";
  let running = false;
  let current: Promise<unknown> = Promise.resolve();

  async function pollQueue(queue: { url: string; handler: SqsHandler; name: string }): Promise<number> {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MaxNumberOfMessages: 10,
        // Short waits: the emulator's long poll waits the full time when fewer messages are ready.
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ["All"],
        // The emulator only knows the older name of the same parameter.
        AttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return 0;
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, queue.url, region)) };
    let failed = new Set(messages.map((m) => m.MessageId));
    try {
      const response = await queue.handler(event, localContext(queue.name));
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A handler that throws fails the whole batch, as Lambda does.
      options.onError?.(error);
    }
    const done = messages.filter((m) => !failed.has(m.MessageId));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queue.url,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    return messages.length;
  }

  // Queues are polled side by side, as each has its own event source mapping on AWS; the emulator holds every
  // receive for about 40 ms, so one after another would add up.
  const pollOnce = async () => (await Promise.all(queues.map(pollQueue))).reduce((a, b) => a + b, 0);

  /** Messages the queue holds in any state; the emulator counts in-flight ones in ApproximateNumberOfMessages too. */
  async function held(queueUrl: string): Promise<number> {
    const { Attributes: a = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: [
          "ApproximateNumberOfMessages",
          "ApproximateNumberOfMessagesNotVisible",
          "ApproximateNumberOfMessagesDelayed",
        ],
      }),
    );
    return (
      Number(a.ApproximateNumberOfMessages ?? 0) +
      Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
      Number(a.ApproximateNumberOfMessagesDelayed ?? 0)
    );
  }

  async function drain(drainOptions: { timeoutMs?: number } = {}): Promise<number> {
    const until = Date.now() + (drainOptions.timeoutMs ?? 15_000);
    let handled = 0;
    for (;;) {
      const round = await pollOnce();
      handled += round;
      if (round > 0) continue;
      const left = (await Promise.all(queues.map((q) => held(q.url)))).reduce((a, b) => a + b, 0);
      if (left === 0) return handled;
      if (Date.now() > until) throw new Error(`queues did not drain: ${left} message(s) still held`);
      // Something is in flight (another receiver, or a failed message waiting out its visibility): look again soon.
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const loop = async () => {
    while (running) {
      try {
        current = pollOnce();
        const handled = (await current) as number;
        if (handled === 0) await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
      } catch (error) {
        options.onError?.(error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  running = options.autoStart ?? true;
  const looping = running ? loop() : Promise.resolve();

  return {
    pollOnce,
    drain,
    async stop() {
      running = false;
      await looping;
    },
  };
}
