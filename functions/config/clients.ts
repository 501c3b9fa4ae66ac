/** The AWS clients, pointed at the embedded emulators when their endpoints are set (locally and in tests). */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { createTable, type Table } from "../adapters/dynamodb/table";
import type { Env } from "./env";

export function buildClients(env: Env) {
  const local = env.DYNAMODB_ENDPOINT !== undefined;
  // Locally the emulators accept any credentials; on AWS the Lambda role's credentials are used.
  const credentials = local ? { accessKeyId: "local", secretAccessKey: "local" } : undefined;
  const table = createTable(
    {
      region: env.AWS_REGION,
      ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}),
      ...(credentials ? { credentials } : {}),
      maxAttempts: 3,
    },
    env.TABLE_NAME,
  );
  const sqs = new SQSClient({
    region: env.AWS_REGION,
    ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
    maxAttempts: 3,
  });
  return { table, sqs };
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
