/** Deletes a customer's or a shop's data for Shopify's privacy duties; every delete is idempotent. */
import { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./query-all";
import { type OrderSnapshot, orderKey } from "../../domain/order";
import type { ErasureStore } from "../../domain/privacy";
import type { Turn } from "../../domain/turn";
import { keys, OWNER_INDEX } from "./keys";
import type { Table } from "./table";

type Key = { pk: string; sk: string };

export function createErasureStore(table: Table): ErasureStore {
  const { client, name: TableName } = table;

  async function deleteKeys(keysToDelete: readonly Key[]): Promise<number> {
    // A batch may not name the same key twice.
    const all = [...new Map(keysToDelete.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    for (let i = 0; i < all.length; i += 25) {
      let pending: Record<string, unknown>[] = all
        .slice(i, i + 25)
        .map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error("DynamoDB left deletes unprocessed after retries");
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
        pending = (result.UnprocessedItems?.[TableName] ?? []) as Record<string, unknown>[];
        if (pending.length > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
    return all.length;
  }

  const all = (input: Parameters<typeof queryAll>[1]) => queryAll(client, input);

  return {
    async ordersOf(shopId, lookupKeys) {
      if (lookupKeys.length === 0) return [];
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: { [TableName]: { Keys: lookupKeys.map((k) => keys.orderLookup(shopId, k)) } },
        }),
      );
      const orders = new Map<string, OrderSnapshot>();
      for (const item of result.Responses?.[TableName] ?? []) {
        for (const order of Object.values((item.orders ?? {}) as Record<string, OrderSnapshot>))
          orders.set(order.id, order);
      }
      return [...orders.values()];
    },
    eraseOrders: (shopId, orders) =>
      deleteKeys(
        orders.flatMap((o) => [keys.order(shopId, orderKey(o.name)), keys.orderAlias(shopId, o.id)]),
      ),
    eraseLookups: (shopId, lookupKeys) => deleteKeys(lookupKeys.map((k) => keys.orderLookup(shopId, k))),
    async eraseConversation(shopId, id) {
      const items = await all({
        TableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.conversation(shopId, id).pk },
      });
      const escalationIds = new Set<string>();
      for (const item of items) {
        if (typeof item.escalationId === "string") escalationIds.add(item.escalationId);
        const turn = item.turn as Turn | undefined;
        if (turn?.outcome.kind === "escalated") escalationIds.add(turn.outcome.escalation.id);
      }
      const escalations = [...escalationIds].map((e) => keys.escalation(shopId, e as never));
      return deleteKeys([...items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })), ...escalations]);
    },
    async eraseExportsAbout(shopId, customer) {
      const exports = await all({
        TableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :export)",
        ExpressionAttributeValues: { ":pk": keys.privacyExport(shopId, "").pk, ":export": "EXPORT#" },
      });
      const about = exports.filter((i) => {
        const c = (i.data as { customer?: { email?: string | null; phone?: string | null } } | undefined)
          ?.customer;
        return (
          (customer.email && c?.email?.toLowerCase() === customer.email.toLowerCase()) ||
          (customer.phone && c?.phone === customer.phone)
        );
      });
      return deleteKeys(about.map((i) => ({ pk: i.pk as string, sk: i.sk as string })));
    },
    async eraseOwned(shopId) {
      const items = await all({
        TableName,
        IndexName: OWNER_INDEX,
        KeyConditionExpression: "#owner = :owner",
        ExpressionAttributeNames: { "#owner": "owner" },
        ExpressionAttributeValues: { ":owner": shopId },
      });
      return deleteKeys(items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })));
    },
  };
}
