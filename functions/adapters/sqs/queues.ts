/** Queue names and creation for the local stack and tests; CDK creates the same queues on AWS. */
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { REGIONS, type Region } from "../../domain/markets";

export const escalationQueueName = (prefix: string, region: Region) => `${prefix}-escalations-${region}.fifo`;
export const deadLetterQueueName = (prefix: string, region: Region) =>
  `${prefix}-escalations-${region}-dlq.fifo`;

/** Poison messages move to the DLQ after this many receives, so they never block the queue. */
export const MAX_RECEIVES = 5;

export interface QueuePair {
  readonly url: string;
  readonly deadLetters: string;
}

export interface QueueSet {
  readonly escalations: Record<Region, string>;
  readonly deadLetters: Record<Region, string>;
  /** Shopify webhook events, FIFO per shop, processed after the 200 (docs/protocols.md: answer within 5 s). */
  readonly shopifyEvents: string;
  readonly shopifyEventsDeadLetters: string;
  /** Marketplace pushes, FIFO per conversation, answered by the reply pipeline. */
  readonly marketplaceInbound: QueuePair;
  /** Replies to send through a marketplace's API, retried with backoff; the DLQ keeps every unsent reply. */
  readonly marketplaceOutbound: QueuePair;
}

export interface QueueOptions {
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceives?: number;
}

/** A FIFO queue and its FIFO dead-letter queue, created if missing. */
async function fifoWithDlq(
  sqs: SQSClient,
  name: string,
  dlqName: string,
  options: QueueOptions,
): Promise<QueuePair> {
  const fifo = { FifoQueue: "true" };
  const deadLetters = (await sqs.send(new CreateQueueCommand({ QueueName: dlqName, Attributes: fifo })))
    .QueueUrl as string;
  const arn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetters, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  const url = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          ...fifo,
          VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: arn,
            maxReceiveCount: options.maxReceives ?? MAX_RECEIVES,
          }),
        },
      }),
    )
  ).QueueUrl as string;
  return { url, deadLetters };
}

export async function ensureQueues(
  sqs: SQSClient,
  prefix: string,
  options: QueueOptions = {},
): Promise<QueueSet> {
  const escalations = {} as Record<Region, string>;
  const deadLetters = {} as Record<Region, string>;
  for (const region of REGIONS) {
    const pair = await fifoWithDlq(
      sqs,
      escalationQueueName(prefix, region),
      deadLetterQueueName(prefix, region),
      options,
    );
    escalations[region] = pair.url;
    deadLetters[region] = pair.deadLetters;
  }
  const shopify = await fifoWithDlq(
    sqs,
    `${prefix}-shopify-events.fifo`,
    `${prefix}-shopify-events-dlq.fifo`,
    options,
  );
  return {
    escalations,
    deadLetters,
    shopifyEvents: shopify.url,
    shopifyEventsDeadLetters: shopify.deadLetters,
    marketplaceInbound: await fifoWithDlq(
      sqs,
      `${prefix}-marketplace-inbound.fifo`,
      `${prefix}-marketplace-inbound-dlq.fifo`,
      options,
    ),
    marketplaceOutbound: await fifoWithDlq(
      sqs,
      `${prefix}-marketplace-outbound.fifo`,
      `${prefix}-marketplace-outbound-dlq.fifo`,
      options,
    ),
  };
}
