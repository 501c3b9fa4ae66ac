/** The table's definition and client, shared by the local stack, the tests and (as a reference) the CDK stack. */
import {
  CreateTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { GSI1, OWNER_INDEX } from "./keys";

export interface Table {
  readonly client: DynamoDBDocumentClient;
  readonly name: string;
}

/** Attribute holding the epoch second after which an item is expired (DynamoDB TTL; filtered on read where TTL is not enforced). */
export const TTL_ATTRIBUTE = "expiresAt";

export function createTable(config: DynamoDBClientConfig, name: string): Table {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { client, name };
}

/** Creates the table if it does not exist (local stack and tests; CDK owns it on AWS). */
export async function ensureTable(table: Table): Promise<void> {
  try {
    await table.client.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
          { AttributeName: "gsi1pk", AttributeType: "S" },
          { AttributeName: "gsi1sk", AttributeType: "S" },
          { AttributeName: "owner", AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: GSI1,
            KeySchema: [
              { AttributeName: "gsi1pk", KeyType: "HASH" },
              { AttributeName: "gsi1sk", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
          {
            // Every item a shop owns, whatever its key: how shop/redact finds everything to delete.
            IndexName: OWNER_INDEX,
            KeySchema: [{ AttributeName: "owner", KeyType: "HASH" }],
            Projection: { ProjectionType: "KEYS_ONLY" },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists(
    { client: table.client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
    { TableName: table.name },
  );
  try {
    await table.client.send(
      new UpdateTimeToLiveCommand({
        TableName: table.name,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch {
    // dynalite does not implement TTL settings; items are filtered on read instead.
  }
}
