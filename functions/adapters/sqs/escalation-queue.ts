/** Sends handoff packets to the FIFO queue of the market's agent region. */
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Region } from "../../domain/markets";
import type { EscalationQueue } from "../../domain/ports";

export function createEscalationQueue(
  sqs: SQSClient,
  queueUrls: Readonly<Record<Region, string>>,
): EscalationQueue {
  return {
    async send(packet) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrls[packet.region],
          MessageBody: JSON.stringify(packet),
          // One conversation's escalations stay in order; the escalation id makes a retried send a duplicate SQS drops.
          MessageGroupId: `${packet.shopId}#${packet.conversationId}`,
          MessageDeduplicationId: packet.escalationId,
          MessageAttributes: { shopId: { DataType: "String", StringValue: packet.shopId } },
        }),
      );
    },
  };
}
