/** Web inbox sessions in the table: one item per sign-in, kept (ended) until its TTL so a copied cookie stays refused. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import type { SessionStore, WebSession } from "../../domain/ports";
import { keys } from "./keys";
import { TTL_ATTRIBUTE, type Table } from "./table";

// The table holds only a hash of the session id: reading the table does not hand out working cookies.
const keyOf = (id: string) => keys.webSession(createHash("sha256").update(id).digest("base64url"));

export function createSessionStore(table: Table): SessionStore {
  const { client, name: TableName } = table;
  return {
    async start(id, session) {
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...keyOf(id),
            type: "webSession",
            kind: session.kind,
            credentialHash: session.credentialHash,
            [TTL_ATTRIBUTE]: session.expiresAt,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },
    async find(id, nowSeconds) {
      // Strongly consistent: a sign-out on another instance must be seen by the very next request.
      const { Item } = await client.send(new GetCommand({ TableName, Key: keyOf(id), ConsistentRead: true }));
      if (!Item || Item.endedAt !== undefined) return null;
      const session: WebSession = {
        kind: Item.kind as WebSession["kind"],
        credentialHash: String(Item.credentialHash),
        expiresAt: Number(Item[TTL_ATTRIBUTE]),
      };
      return session.expiresAt > nowSeconds ? session : null;
    },
    async end(id, nowSeconds) {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: keyOf(id),
            UpdateExpression: "SET endedAt = :now",
            // Only a session that exists: a made-up id must not create items.
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":now": nowSeconds },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
