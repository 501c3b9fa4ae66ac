/** Shopify connections, webhook body bindings and de-duplication records (with TTL), order-id aliases, privacy exports and audit. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ShopId } from "../../domain/ids";
import type {
  PrivacyAuditEntry,
  ShopifyConnection,
  ShopifyDelivery,
  ShopifyStore,
} from "../../domain/shopify";
import { keys } from "./keys";
import { TTL_ATTRIBUTE, type Table } from "./table";

/** What is de-duplicated within a body's item: its topic and event id (a space cannot occur in a topic). */
const deliveryPair = (delivery: ShopifyDelivery) => `${delivery.topic} ${delivery.eventId}`;

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
    /*
     * One conditional UpdateItem per delivery, on an item keyed by the body's digest alone (not by shop): the HMAC
     * covers the body but not X-Shopify-Shop-Domain, so the first shop a body arrives for owns it, and the condition
     * refuses the same bytes for any other shop (an expired binding, TTL not yet applied, counts as absent). Inside
     * that item, `deliveries` holds "topic eventId" pairs: Shopify's retry (same body, shop, topic and event id) finds
     * its pair and is a duplicate, while byte-identical bodies under other topics or events (orders/create and
     * orders/updated of one change) each get their own pair and are processed. ALL_OLD tells the two apart without a
     * read. The TTL is refreshed on every delivery; pairs left from an expired binding are ignored, not reset.
     */
    async claimDelivery(delivery, ttlSeconds) {
      const pair = deliveryPair(delivery);
      const now = epoch();
      try {
        const { Attributes: old } = await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.shopifyBody(delivery.bodyDigest),
            UpdateExpression: "SET #type = :type, #shop = :shop, #ttl = :ttl ADD #deliveries :pair",
            ConditionExpression: "attribute_not_exists(pk) OR #shop = :shop OR #ttl < :now",
            ExpressionAttributeNames: {
              "#type": "type",
              "#shop": "shop",
              "#ttl": TTL_ATTRIBUTE,
              "#deliveries": "deliveries",
            },
            ExpressionAttributeValues: {
              ":type": "shopifyBody",
              ":shop": delivery.shopId,
              ":ttl": now + ttlSeconds,
              ":now": now,
              ":pair": new Set([pair]),
            },
            ReturnValues: "ALL_OLD",
          }),
        );
        const live = old !== undefined && old.shop === delivery.shopId && Number(old[TTL_ATTRIBUTE]) >= now;
        return live && (old.deliveries as Set<string> | undefined)?.has(pair) ? "duplicate" : "new";
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return "other_shop";
        throw error;
      }
    },
    async releaseDelivery(delivery) {
      try {
        // Only the pair is removed: the body stays bound to its shop while Shopify retries.
        await client.send(
          new UpdateCommand({
            TableName,
            Key: keys.shopifyBody(delivery.bodyDigest),
            UpdateExpression: "DELETE #deliveries :pair",
            ConditionExpression: "#shop = :shop",
            ExpressionAttributeNames: { "#shop": "shop", "#deliveries": "deliveries" },
            ExpressionAttributeValues: {
              ":shop": delivery.shopId,
              ":pair": new Set([deliveryPair(delivery)]),
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
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
