/** A shop's own canned replies: one item per shop, small enough (≤ 100 replies) to read in one request. */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { CannedReply } from "../../domain/canned-replies";
import type { CannedReplyStore } from "../../domain/ports";
import { keys } from "./keys";
import type { Table } from "./table";

export function createCannedReplyStore(table: Table): CannedReplyStore {
  const { client, name: TableName } = table;
  return {
    async list(shopId) {
      const result = await client.send(new GetCommand({ TableName, Key: keys.cannedReplies(shopId) }));
      return (result.Item?.replies as CannedReply[] | undefined) ?? [];
    },
    async replace(shopId, replies) {
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...keys.cannedReplies(shopId), type: "cannedReplies", owner: shopId, replies },
        }),
      );
    },
  };
}
