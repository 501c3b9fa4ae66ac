/** The AWS clients, pointed at the embedded emulators when their endpoints are set (locally and in tests). */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createTable, type Table } from "../adapters/dynamodb/table";
import type { Env } from "./env";

// Locally (the table emulator's endpoint set) the emulators accept any credentials; on AWS the role's are used.
const localCredentials = (env: Env) =>
  env.DYNAMODB_ENDPOINT !== undefined
    ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } }
    : {};

/** The table's client alone: a function that sends to no queue does not load the SQS client. */
export function buildTable(env: Env) {
  return createTable(
    {
      region: env.AWS_REGION,
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
      ...localCredentials(env),
      maxAttempts: 3,
    },
    env.TABLE_NAME,
  );
}

/** The table's and the queues' clients. */
export function buildClients(env: Env) {
  const sqs = new SQSClient({
    region: env.AWS_REGION,
    ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}),
    ...localCredentials(env),
    maxAttempts: 3,
  });
  return { table: buildTable(env), sqs };
}

/** Reaches the table and every escalation queue (GET /health?deep=1, and a provisioned instance's warm-up). */
export async function probeDependencies(
  { table, sqs }: { table: Table; sqs: SQSClient },
  escalationQueueUrls: Readonly<Record<string, string>>,
): Promise<Record<string, "ok" | "down">> {
  const probe = async (fn: () => Promise<unknown>) =>
    fn().then(
      () => "ok" as const,
      () => "down" as const,
    );
  const entries: [string, "ok" | "down"][] = [
    ["table", await probe(() => table.client.send(new DescribeTableCommand({ TableName: table.name })))],
  ];
  for (const [region, url] of Object.entries(escalationQueueUrls)) {
    entries.push([
      `queue:${region}`,
      await probe(() =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] })),
      ),
    ]);
  }
  return Object.fromEntries(entries);
}
