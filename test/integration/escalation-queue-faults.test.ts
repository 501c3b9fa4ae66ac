import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { redrive } from "../../functions/adapters/sqs/redrive";
import { describe, expect, it } from "vitest";
import { startPoller } from "../../functions/local/poller";
import { createEscalationConsumer } from "../../functions/workers/escalation-consumer";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

describe("the escalation queue under failure", () => {
  // Short visibility and two receives before the DLQ, so redelivery happens within seconds.
  const stack = useLocalStack({ autoPoll: false, queues: { visibilityTimeoutSeconds: 1, maxReceives: 2 } });
  const depth = async (url: string) =>
    Number(
      (
        await stack().sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
          }),
        )
      ).Attributes?.ApproximateNumberOfMessages ?? 0,
    );
  const escalate = async (text = "I want to talk to a human") =>
    (
      await http<{ escalation: { id: string } }>(`${stack().url}/v1/messages`, {
        token: stack().apiKey,
        body: shopperMessage(text, { market: "SG" }),
      })
    ).body.escalation.id;
  const inboxIds = async () =>
    (
      await http<{ items: { escalationId: string }[] }>(`${stack().url}/v1/inbox?limit=100`, {
        token: stack().agentTokens.sea,
      })
    ).body.items.map((i) => i.escalationId);

  it("moves a poison message to the DLQ after its receives, and processes the rest of the batch", async () => {
    const seaQueue = stack().queues.escalations.sea;
    await stack().sqs.send(
      new SendMessageCommand({
        QueueUrl: seaQueue,
        MessageBody: "{not a packet",
        MessageGroupId: "poison",
        MessageDeduplicationId: "poison-1",
      }),
    );
    const good = [await escalate(), await escalate()];
    await stack().poller.pollOnce();
    const listed = await inboxIds();
    for (const id of good) expect(listed).toContain(id);
    // Redelivered after the visibility timeout, fails again, and then SQS moves it to the DLQ.
    await eventually(async () => {
      await stack().poller.pollOnce();
      return (await depth(stack().queues.deadLetters.sea)) === 1;
    });
    expect(await depth(stack().queues.deadLetters.sea)).toBe(1);
    expect(await depth(seaQueue)).toBe(0);
  });

  it("redelivers a batch after a consumer crash without duplicating inbox entries", async () => {
    const ids = [await escalate(), await escalate(), await escalate()];
    const consumer = createEscalationConsumer(stack().deps);
    let crashed = false;
    // The first invocation records the batch's first message, then the process dies before finishing.
    const crashingOnce: typeof consumer = async (event, context) => {
      if (crashed) return consumer(event, context);
      crashed = true;
      await consumer({ Records: event.Records.slice(0, 1) }, context);
      throw new Error("worker crashed mid-batch");
    };
    const poller = startPoller(
      stack().sqs,
      [{ url: stack().queues.escalations.sea, handler: crashingOnce, name: "crashing" }],
      { autoStart: false },
    );
    await poller.pollOnce();
    expect(crashed).toBe(true);
    expect((await inboxIds()).filter((id) => ids.includes(id))).toHaveLength(1);
    await eventually(async () => {
      await poller.pollOnce();
      return (await inboxIds()).filter((id) => ids.includes(id)).length === 3;
    });
    const listed = await inboxIds();
    for (const id of ids) expect(listed.filter((x) => x === id)).toHaveLength(1);
  });

  it("redrives dead-lettered escalations back to their queue, where they are recorded", async () => {
    const packetOf = async () => {
      const id = await escalate();
      const received = await stack().sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack().queues.escalations.sea,
          MaxNumberOfMessages: 10,
          AttributeNames: ["All"],
        }),
      );
      const message = received.Messages?.find((m) => m.Body?.includes(id));
      // Park it in the DLQ as SQS would after repeated failures.
      await stack().sqs.send(
        new SendMessageCommand({
          QueueUrl: stack().queues.deadLetters.sea,
          MessageBody: message?.Body ?? "",
          MessageGroupId: "g",
          MessageDeduplicationId: id,
        }),
      );
      await stack().sqs.send(
        new DeleteMessageCommand({
          QueueUrl: stack().queues.escalations.sea,
          ReceiptHandle: message?.ReceiptHandle,
        }),
      );
      return id;
    };
    const parked = await packetOf();
    expect(await inboxIds()).not.toContain(parked);
    const moved = await redrive(stack().sqs, stack().queues.deadLetters.sea, stack().queues.escalations.sea);
    expect(moved).toBeGreaterThanOrEqual(1);
    await stack().poller.pollOnce();
    expect(await inboxIds()).toContain(parked);
  });
});
