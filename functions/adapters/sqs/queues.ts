/** Queue names and creation for the local stack and tests; CDK creates the same queues on AWS. */
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { REGIONS, type Region } from "../../domain/markets";

export const escalationQueueName = (prefix: string, region: Region) => `${prefix}-escalations-${region}.fifo`;
export const deadLetterQueueName = (prefix: string, region: Region) =>
  `${prefix}-escalations-${region}-dlq.fifo`;

/** Poison messages move to the DLQ after this many receives, so they never block the queue. */
export const MAX_RECEIVES = 5;

export interface QueueSet {
  readonly escalations: Record<Region, string>;
  readonly deadLetters: Record<Region, string>;
  /** Shopify webhook events, FIFO per shop, processed after the 200 (PROTOCOLS.md: answer within 5 s). */
  readonly shopifyEvents: string;
  readonly shopifyEventsDeadLetters: string;
}

export const shopifyEventsQueueName = (prefix: string) => `${prefix}-shopify-events.fifo`;

export async function ensureQueues(
  sqs: SQSClient,
  prefix: string,
  options: { visibilityTimeoutSeconds?: number; maxReceives?: number } = {},
): Promise<QueueSet> {
  const escalations = {} as Record<Region, string>;
  const deadLetters = {} as Record<Region, string>;
  for (const region of REGIONS) {
    const fifo = { FifoQueue: "true" };
    const dlq = await sqs.send(
      new CreateQueueCommand({ QueueName: deadLetterQueueName(prefix, region), Attributes: fifo }),
    );
    const dlqUrl = dlq.QueueUrl as string;
    const arn = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }),
    );
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: escalationQueueName(prefix, region),
        Attributes: {
          ...fifo,
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: arn.Attributes?.QueueArn,
            maxReceiveCount: options.maxReceives ?? MAX_RECEIVES,
          }),
        },
      }),
    );
    escalations[region] = main.QueueUrl as string;
    deadLetters[region] = dlqUrl;
  }
  const fifo = { FifoQueue: "true" };
  const shopifyDlq = (
    await sqs.send(
      new CreateQueueCommand({ QueueName: `${prefix}-shopify-events-dlq.fifo`, Attributes: fifo }),
    )
  ).QueueUrl as string;
  const shopifyDlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: shopifyDlq, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  const shopifyEvents = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: shopifyEventsQueueName(prefix),
        Attributes: {
          ...fifo,
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: shopifyDlqArn,
            maxReceiveCount: options.maxReceives ?? MAX_RECEIVES,
          }),
        },
      }),
    )
  ).QueueUrl as string;
  return { escalations, deadLetters, shopifyEvents, shopifyEventsDeadLetters: shopifyDlq };
}
