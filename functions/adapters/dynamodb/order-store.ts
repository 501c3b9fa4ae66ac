/** The order cache: one item per order, plus one index item per shopper lookup key (email, phone, buyer id). */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ShopId } from "../../domain/ids";
import { type OrderSnapshot, orderKey } from "../../domain/order";
import type { OrderReader, OrderStore } from "../../domain/ports";
import { keys } from "./keys";
import type { Table } from "./table";

export function createOrderStore(table: Table): OrderStore & OrderReader {
  const { client, name: TableName } = table;

  /** Adds the order to a lookup item, creating the item on first use; an older snapshot never replaces a newer one. */
  async function index(shopId: ShopId, lookupKey: string, order: OrderSnapshot) {
    const Key = keys.orderLookup(shopId, lookupKey);
    const k = orderKey(order.name);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await client.send(
          new UpdateCommand({
            TableName,
            Key,
            UpdateExpression: "SET #orders.#k = :order, #owner = :owner",
            ConditionExpression:
              "attribute_exists(pk) AND (attribute_not_exists(#orders.#k) OR #orders.#k.#updatedAt <= :updatedAt)",
            ExpressionAttributeNames: {
              "#orders": "orders",
              "#k": k,
              "#updatedAt": "updatedAt",
              "#owner": "owner",
            },
            ExpressionAttributeValues: { ":order": order, ":updatedAt": order.updatedAt, ":owner": shopId },
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: { ...Key, type: "orderLookup", owner: shopId, orders: { [k]: order } },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // The item exists, so the update's condition failed on a newer snapshot: nothing to do.
        const current = await client.send(new GetCommand({ TableName, Key }));
        const stored = (current.Item?.orders as Record<string, OrderSnapshot> | undefined)?.[k];
        if (stored && stored.updatedAt > order.updatedAt) return;
      }
    }
  }

  return {
    async putOrder(shopId, order, lookupKeys) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.order(shopId, orderKey(order.name)),
              type: "order",
              owner: shopId,
              order,
              updatedAt: order.updatedAt,
              lookupKeys,
            },
            ConditionExpression: "attribute_not_exists(pk) OR updatedAt <= :updatedAt",
            ExpressionAttributeValues: { ":updatedAt": order.updatedAt },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return;
        throw error;
      }
      for (const lookupKey of lookupKeys) await index(shopId, lookupKey, order);
    },
    async getOrder(shopId, name) {
      const result = await client.send(
        new GetCommand({ TableName, Key: keys.order(shopId, orderKey(name)) }),
      );
      return (result.Item?.order as OrderSnapshot | undefined) ?? null;
    },
  };
}
