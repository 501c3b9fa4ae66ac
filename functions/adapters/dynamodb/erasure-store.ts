/** Deletes a customer's or a shop's data for Shopify's privacy duties; every delete is idempotent. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./query-all";
import { type OrderSnapshot, orderKey } from "../../domain/order";
import type { ErasureStore } from "../../domain/privacy";
import { storedTurn } from "./conversation-store";
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

  /** Reads every key (100 a batch, unprocessed keys retried): an erasure must not miss an item to throttling. */
  async function getKeys(wanted: readonly Key[]): Promise<Record<string, unknown>[]> {
    const unique = [...new Map(wanted.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Record<string, unknown>[] = unique.slice(i, i + 100);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error("DynamoDB left reads unprocessed after retries");
        const result = await client.send(
          new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }),
        );
        items.push(...(result.Responses?.[TableName] ?? []));
        pending = (result.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, unknown>[];
        if (pending.length > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
    return items;
  }

  /** Removes these order entries from one lookup item, and deletes the item if nothing is left in it. */
  async function unindex(
    shopId: Parameters<ErasureStore["unindexOrders"]>[0],
    lookupKey: string,
    names: string[],
  ) {
    const Key = keys.orderLookup(shopId, lookupKey);
    const nameAttributes = Object.fromEntries(names.map((n, i) => [`#k${i}`, n]));
    const result = await client
      .send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: `REMOVE ${names.map((_, i) => `#orders.#k${i}`).join(", ")}`,
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#orders": "orders", ...nameAttributes },
          ReturnValues: "ALL_NEW",
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof ConditionalCheckFailedException) return null;
        throw error;
      });
    if (!result) return 0;
    const left = Object.keys((result.Attributes?.orders ?? {}) as Record<string, unknown>).length;
    if (left > 0) return 1;
    // Only if still empty: an order indexed in the meantime keeps its item.
    await client
      .send(
        new DeleteCommand({
          TableName,
          Key,
          ConditionExpression: "attribute_not_exists(#orders) OR size(#orders) = :zero",
          ExpressionAttributeNames: { "#orders": "orders" },
          ExpressionAttributeValues: { ":zero": 0 },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
    return 1;
  }

  return {
    async ordersOf(shopId, lookupKeys) {
      const orders = new Map<string, OrderSnapshot>();
      for (const item of await getKeys(lookupKeys.map((k) => keys.orderLookup(shopId, k)))) {
        for (const order of Object.values((item.orders ?? {}) as Record<string, OrderSnapshot>))
          orders.set(order.id, order);
      }
      return [...orders.values()];
    },
    async orderRecords(shopId, orderNames) {
      const items = await getKeys(orderNames.map((n) => keys.order(shopId, orderKey(n))));
      return items.flatMap((item) =>
        item.order
          ? [{ order: item.order as OrderSnapshot, lookupKeys: (item.lookupKeys ?? []) as string[] }]
          : [],
      );
    },
    eraseOrders: (shopId, orders) =>
      deleteKeys(
        orders.flatMap((o) => [keys.order(shopId, orderKey(o.name)), keys.orderAlias(shopId, o.id)]),
      ),
    async eraseLookups(shopId, lookupKeys) {
      // The customer's identity links go with their keys: each key's link item names the identities linked to it.
      const links = await getKeys(lookupKeys.map((k) => keys.shopperIdentity(shopId, k)));
      const identities = links.flatMap((i) => [...((i.linkedFrom ?? []) as Iterable<string>)]);
      return deleteKeys([
        ...lookupKeys.map((k) => keys.orderLookup(shopId, k)),
        ...links.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
        ...identities.map((k) => keys.shopperIdentity(shopId, k)),
      ]);
    },
    async unindexOrders(shopId, lookupKeys, orderNames) {
      if (orderNames.length === 0) return 0;
      const names = [...new Set(orderNames.map(orderKey))];
      let touched = 0;
      // DynamoDB takes a bounded expression: remove the names 50 at a time.
      for (const lookupKey of new Set(lookupKeys))
        for (let i = 0; i < names.length; i += 50)
          touched += await unindex(shopId, lookupKey, names.slice(i, i + 50));
      return touched;
    },
    async eraseConversation(shopId, id) {
      const items = await all({
        TableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.conversation(shopId, id).pk },
      });
      const escalationIds = new Set<string>();
      for (const item of items) {
        if (typeof item.escalationId === "string") escalationIds.add(item.escalationId);
        const turn = storedTurn(item.turn);
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
