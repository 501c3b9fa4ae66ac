/**
 * `npm run redrive -- --region sea`: moves a region's dead-lettered escalations back to its queue.
 * Locally it talks to the running `npm start` (SQS_PORT, default 9324); on AWS pass --queue-url and --dlq-url.
 */
import { parseArgs } from "node:util";
import { GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { deadLetterQueueName, escalationQueueName } from "../functions/adapters/sqs/queues";
import { redrive } from "../functions/adapters/sqs/redrive";
import { REGIONS, type Region } from "../functions/domain/markets";
import { LOCAL_DEFAULTS } from "../functions/local/stack";

const { values } = parseArgs({
  options: {
    region: { type: "string" },
    "queue-url": { type: "string" },
    "dlq-url": { type: "string" },
    limit: { type: "string" },
  },
});
const region = values.region as Region | undefined;
if (!values["queue-url"] && (!region || !REGIONS.includes(region))) {
  console.error(`Usage: npm run redrive -- --region <${REGIONS.join("|")}> | --queue-url URL --dlq-url URL`);
  process.exit(2);
}
const aws = Boolean(values["queue-url"]);
const sqs = new SQSClient(
  aws
    ? {}
    : {
        region: "ap-southeast-1",
        endpoint: `http://127.0.0.1:${process.env.SQS_PORT ?? 9324}`,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      },
);
const url = async (name: string) =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl as string;
const to =
  values["queue-url"] ?? (await url(escalationQueueName(LOCAL_DEFAULTS.queuePrefix, region as Region)));
const from =
  values["dlq-url"] ?? (await url(deadLetterQueueName(LOCAL_DEFAULTS.queuePrefix, region as Region)));
const moved = await redrive(sqs, from, to, Number(values.limit ?? 1000));
console.log(`moved ${moved} message(s) from ${from} to ${to}`);
