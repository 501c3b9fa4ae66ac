/** A FIFO queue with its dead-letter queue, both encrypted and TLS-only, and alarms on what is stuck. */
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface FifoQueueProps {
  readonly visibilityTimeout: Duration;
  /** Alarm when the oldest message has waited this long (a consumer that stopped, or a backlog). */
  readonly maxMessageAge: Duration;
}

export class FifoQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: FifoQueueProps) {
    super(scope, id);
    const common = { fifo: true, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.deadLetters = new Queue(this, "DeadLetters", { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new Queue(this, "Queue", {
      ...common,
      visibilityTimeout: props.visibilityTimeout,
      // Five receives, then the message is parked: a poison message never blocks its group for long.
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    new Alarm(this, "DeadLettersAlarm", {
      alarmDescription: `${id}: messages in the dead-letter queue (redrive with npm run redrive once fixed)`,
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new Alarm(this, "AgeAlarm", {
      alarmDescription: `${id}: the oldest message has waited too long`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
      threshold: props.maxMessageAge.toSeconds(),
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
