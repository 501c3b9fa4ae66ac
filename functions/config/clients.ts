/** The AWS clients, pointed at the embedded emulators when their endpoints are set (locally and in tests). */
import { SQSClient } from "@aws-sdk/client-sqs";
import { createTable } from "../adapters/dynamodb/table";
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
