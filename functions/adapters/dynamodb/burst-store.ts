/**
 * Bursts in the single table (domain/bursts.ts): one item per pending message and one claim item, all under the
 * conversation's partition, so erasing the conversation erases them and one Query reads a burst.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { BurstStore, PendingMessage } from "../../domain/bursts";
import { keys } from "./keys";
import { queryAll } from "./query-all";
import { TTL_ATTRIBUTE, type Table } from "./table";

/** An answered message's item stays this long, so a push redelivered in that time is not answered again. */
const ANSWERED_TTL_SECONDS = 7 * 24 * 3600;

const conditionFailed = (error: unknown) => {
  if (error instanceof ConditionalCheckFailedException) return false;
  throw error;
};

export function createBurstStore(table: Table): BurstStore {
  const { client, name: TableName } = table;
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  return {
    async add(shopId, conversationId, message) {
      return client
        .send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.burstMessage(shopId, conversationId, message.messageId),
              type: "burstMessage",
              owner: shopId,
              message,
              [TTL_ATTRIBUTE]: nowSeconds() + ANSWERED_TTL_SECONDS,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        )
        .then(() => true, conditionFailed);
    },
    async get(shopId, conversationId) {
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :burst)",
        ExpressionAttributeValues: { ":pk": keys.burstClaim(shopId, conversationId).pk, ":burst": "BURST#" },
        ConsistentRead: true,
      });
      const claim = items.find((i) => i.type === "burstClaim");
      return {
        pending: items
          .filter((i) => i.type === "burstMessage" && i.answeredAt === undefined)
          .map((i) => i.message as PendingMessage),
        claimed: claim ? (claim.ids as string[]) : null,
      };
    },
    async claim(shopId, conversationId, ids) {
      return client
        .send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.burstClaim(shopId, conversationId),
              type: "burstClaim",
              owner: shopId,
              ids: [...ids],
              [TTL_ATTRIBUTE]: nowSeconds() + ANSWERED_TTL_SECONDS,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        )
        .then(() => true, conditionFailed);
    },
    async settle(shopId, conversationId, ids) {
      // Answered first, the claim released last: an interruption in between leaves a claim that a retry finishes.
      for (const id of ids)
        await client
          .send(
            new UpdateCommand({
              TableName,
              Key: keys.burstMessage(shopId, conversationId, id),
              UpdateExpression: "SET answeredAt = :at",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeValues: { ":at": new Date().toISOString() },
            }),
          )
          .catch(conditionFailed);
      await client.send(new DeleteCommand({ TableName, Key: keys.burstClaim(shopId, conversationId) }));
    },
  };
}
