/**
 * Moves messages from a dead-letter queue back to its source queue, keeping each FIFO message's group and
 * deduplication ids, once the cause of their failure is fixed. Each message is deleted only after it is re-sent.
 */
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

export async function redrive(sqs: SQSClient, from: string, to: string, limit = 1000): Promise<number> {
  let moved = 0;
  while (moved < limit) {
    const batch = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        AttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    const messages = batch.Messages ?? [];
    if (messages.length === 0) break;
    for (const m of messages) {
      const a = m.Attributes ?? {};
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: to,
          MessageBody: m.Body ?? "",
          MessageAttributes: m.MessageAttributes,
          ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
          // A fresh deduplication id: the original may still be inside SQS's five-minute deduplication window.
          ...(a.MessageGroupId
            ? { MessageDeduplicationId: `${a.MessageDeduplicationId ?? m.MessageId}:redrive:${Date.now()}` }
            : {}),
        }),
      );
      await sqs.send(new DeleteMessageCommand({ QueueUrl: from, ReceiptHandle: m.ReceiptHandle }));
      moved++;
    }
  }
  return moved;
}
