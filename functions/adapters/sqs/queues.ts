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
}

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
  return { escalations, deadLetters };
}
