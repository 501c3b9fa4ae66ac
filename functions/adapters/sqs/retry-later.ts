/** Extends a received message's visibility, so its next delivery waits out the backoff. */
import { ChangeMessageVisibilityCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";

export const createRetryLater =
  (sqs: SQSClient, queueUrl: string) => async (record: SQSRecord, seconds: number) => {
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: Math.round(seconds),
      }),
    );
  };
