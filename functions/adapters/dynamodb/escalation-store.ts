/** The inbox: escalations by shop, region and status, most urgent first (priority, then SLA due time). */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Escalation, type HandoffPacket, newEscalation } from "../../domain/escalation";
import type { ShopId } from "../../domain/ids";
import type { EscalationStore, InboxFilter, Page, PageRequest } from "../../domain/ports";
import { decodePositions, mergePartitions } from "./partitions";
import { queryAll } from "./query-all";
import { inboxSortKey } from "../../domain/priority";
import { REGIONS } from "../../domain/markets";
import { GSI1, gsi1, keys } from "./keys";
import type { Table } from "./table";

export function createEscalationStore(
  table: Table,
  listShops: () => Promise<readonly ShopId[]>,
): EscalationStore {
  const { client, name: TableName } = table;
  return {
    async record(packet: HandoffPacket) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: toItem(newEscalation(packet)),
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return "created";
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return "exists";
        throw error;
      }
    },

    async listCreated(shopId, from, to) {
      const all: Escalation[] = [];
      for (const region of REGIONS) {
        for (const status of ["pending", "claimed", "resolved"] as const) {
          const items = await queryAll(client, {
            TableName,
            IndexName: GSI1,
            KeyConditionExpression: "gsi1pk = :pk",
            ExpressionAttributeValues: { ":pk": gsi1.inbox(shopId, region, status) },
          });
          all.push(
            ...items
              .map((i) => i.escalation as Escalation)
              .filter((e) => e.createdAt >= from && e.createdAt < to),
          );
        }
      }
      return all;
    },

    async find(shops, id) {
      const shopIds = shops === "*" ? await listShops() : shops;
      for (let i = 0; i < shopIds.length; i += 100) {
        const Keys = shopIds.slice(i, i + 100).map((shop) => keys.escalation(shop, id));
        let pending: Record<string, unknown>[] = Keys;
        for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
          const result = await client.send(
            new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }),
          );
          const found = result.Responses?.[TableName]?.[0];
          if (found) return found.escalation as Escalation;
          pending = (result.UnprocessedKeys?.[TableName]?.Keys ?? []) as Record<string, unknown>[];
        }
      }
      return null;
    },

    async replace(current, next) {
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: toItem(next),
            // The stored state must still be the one the change was decided on: two agents cannot both win.
            ConditionExpression: "#status = :status AND #holder = :holder",
            ExpressionAttributeNames: { "#status": "status", "#holder": "holder" },
            ExpressionAttributeValues: { ":status": current.status, ":holder": current.claimedBy ?? "-" },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** Merges the agent's shop and region partitions; the cursor holds each partition's position. */
    async listInbox(filter: InboxFilter, page: PageRequest): Promise<Page<Escalation>> {
      const shops = filter.shops === "*" ? await listShops() : filter.shops;
      const partitions = shops.flatMap((shop) =>
        filter.regions.map((region) => gsi1.inbox(shop, region, filter.status)),
      );
      const positions = decodePositions(page.cursor, partitions);
      const fetched = await Promise.all(
        partitions
          .filter((p) => positions[p] !== null)
          .map(async (partition) => {
            const result = await client.send(
              new QueryCommand({
                TableName,
                IndexName: GSI1,
                KeyConditionExpression: "gsi1pk = :pk",
                ExpressionAttributeValues: { ":pk": partition },
                Limit: page.limit,
                ExclusiveStartKey: positions[partition] ?? undefined,
              }),
            );
            return { partition, items: result.Items ?? [], last: result.LastEvaluatedKey };
          }),
      );
      const merged = mergePartitions(fetched, positions, page.limit, "ascending");
      return {
        items: merged.items.map((item) => item.escalation as Escalation),
        nextCursor: merged.nextCursor,
      };
    },
  };
}

function toItem(escalation: Escalation) {
  return {
    ...keys.escalation(escalation.shopId, escalation.escalationId),
    type: "escalation",
    owner: escalation.shopId,
    status: escalation.status,
    holder: escalation.claimedBy ?? "-",
    gsi1pk: gsi1.inbox(escalation.shopId, escalation.region, escalation.status),
    gsi1sk: inboxSortKey(escalation.priority, escalation.dueAt, escalation.escalationId),
    escalation,
  };
}
