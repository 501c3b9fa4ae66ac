/** Shopify connections, webhook de-duplication records (with TTL), order-id aliases, privacy exports and audit. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ShopId } from "../../domain/ids";
import type { PrivacyAuditEntry, ShopifyConnection, ShopifyStore } from "../../domain/shopify";
import { keys } from "./keys";
import { TTL_ATTRIBUTE, type Table } from "./table";

export function createShopifyStore(table: Table, now: () => Date = () => new Date()): ShopifyStore {
  const { client, name: TableName } = table;
  const get = async (Key: Record<string, string>) =>
    (await client.send(new GetCommand({ TableName, Key }))).Item;
  const epoch = () => Math.floor(now().getTime() / 1000);

  return {
    async saveConnection(connection) {
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.shopifyConnection(connection.shopId),
            type: "shopifyConnection",
            owner: connection.shopId,
            connection,
          },
        }),
      );
    },
    async getConnection(shopId) {
      return (
        ((await get(keys.shopifyConnection(shopId)))?.connection as ShopifyConnection | undefined) ?? null
      );
    },
    async claimEvent(shopId, eventId, ttlSeconds) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.shopifyEvent(shopId, eventId),
              type: "shopifyEvent",
              owner: shopId,
              [TTL_ATTRIBUTE]: epoch() + ttlSeconds,
            },
            // An expired record (TTL not yet applied, or never applied by the emulator) counts as absent.
            ConditionExpression: "attribute_not_exists(pk) OR #ttl < :now",
            ExpressionAttributeNames: { "#ttl": TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ":now": epoch() },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async releaseEvent(shopId, eventId) {
      await client.send(new DeleteCommand({ TableName, Key: keys.shopifyEvent(shopId, eventId) }));
    },
    async saveOrderAlias(shopId, orderGid, orderName) {
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...keys.orderAlias(shopId, orderGid), type: "orderAlias", owner: shopId, orderName },
        }),
      );
    },
    async orderNameOf(shopId, orderGid) {
      return ((await get(keys.orderAlias(shopId, orderGid)))?.orderName as string | undefined) ?? null;
    },
    async saveExport(shopId, requestId, data, at) {
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...keys.privacyExport(shopId, requestId), type: "privacyExport", owner: shopId, at, data },
        }),
      );
    },
    async getExport(shopId, requestId) {
      const item = await get(keys.privacyExport(shopId, requestId));
      return item ? { data: item.data, at: item.at as string } : null;
    },
    async audit(shopId: ShopId, entry: PrivacyAuditEntry) {
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.privacyAudit(shopId, entry.at, `${entry.topic}#${entry.requestId ?? "-"}`),
            type: "privacyAudit",
            entry,
          },
        }),
      );
    },
    async auditTrail(shopId) {
      const result = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `PRIVACY_AUDIT#${shopId}` },
        }),
      );
      return (result.Items ?? []).map((i) => i.entry as PrivacyAuditEntry);
    },
  };
}
