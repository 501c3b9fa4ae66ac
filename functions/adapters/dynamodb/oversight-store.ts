/**
 * Oversight in the single table: the conversations the AI is handling (gsi1's per-shop conversation partitions,
 * newest first, filtered to status "ai" and the agent's markets), takeovers and rating marks as conditional writes on
 * the conversation item, agents' flags under `SHOP#<shop>#FLAGS`, and the AI's misses (turn items listed sparsely
 * in gsi1 under `SHOP#<shop>#MISSES`).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Conversation, ConversationStatus, RatingAsked, Turn } from "../../domain/conversation";
import type { ShopId } from "../../domain/ids";
import { reportedMiss } from "../../domain/misses";
import type { AnswerFlag, OversightStore, Page } from "../../domain/ports";
import { expired, storedTurn, toConversation } from "./conversation-store";
import { decodePositions, mergePartitions } from "./partitions";
import { GSI1, gsi1, keys } from "./keys";
import { queryAll } from "./query-all";
import { TTL_ATTRIBUTE, type Table } from "./table";
import { conditions, update } from "./update-builder";

type Item = Record<string, unknown>;

/** The conversation item's attributes this store writes. */
interface ConversationItem {
  readonly status: ConversationStatus;
  readonly escalationId: string;
  readonly ratingAsked: RatingAsked;
}

const when = conditions<ConversationItem>();
const flagsKey = (shopId: ShopId) => `SHOP#${shopId}#FLAGS`;

export function createOversightStore(table: Table, now: () => Date = () => new Date()): OversightStore {
  const { client, name: TableName } = table;

  /** Runs a conditional update of the conversation item; false when the condition did not hold. */
  const conditional = async (
    conversation: Conversation,
    change: ReturnType<typeof update<ConversationItem>>,
  ) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName,
          Key: keys.conversation(conversation.shopId, conversation.id),
          ...change.build(),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  return {
    /** Merges the shops' conversation partitions, newest activity first; the cursor holds each partition's position. */
    async listLive(filter, page): Promise<Page<Conversation>> {
      // A shop in none of whose markets the agent works has nothing to list (and `IN ()` is no valid filter).
      const byPartition = new Map(
        filter.shops
          .filter((s) => s.markets.length > 0)
          .map((s) => [gsi1.conversations(s.shopId), s.markets]),
      );
      const partitions = [...byPartition.keys()];
      const positions = decodePositions(page.cursor, partitions);
      const fetched = await Promise.all(
        partitions
          .filter((p) => positions[p] !== null)
          .map(async (partition) => {
            const markets = byPartition.get(partition) ?? [];
            const values: Item = { ":pk": partition, ":ai": "ai" };
            const names: Record<string, string> = { "#status": "status", "#market": "market" };
            const filters = ["#status = :ai", `#market IN (${markets.map((_, i) => `:m${i}`).join(", ")})`];
            markets.forEach((m, i) => {
              values[`:m${i}`] = m;
            });
            if (filter.language) {
              filters.push("#memory.#language = :language");
              names["#memory"] = "memory";
              names["#language"] = "language";
              values[":language"] = filter.language;
            }
            if (filter.channel) {
              filters.push("#channel = :channel");
              names["#channel"] = "channel";
              values[":channel"] = filter.channel;
            }
            const result = await client.send(
              new QueryCommand({
                TableName,
                IndexName: GSI1,
                KeyConditionExpression: "gsi1pk = :pk",
                FilterExpression: filters.join(" AND "),
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
                ScanIndexForward: false,
                Limit: page.limit,
                ExclusiveStartKey: positions[partition] ?? undefined,
              }),
            );
            return { partition, items: result.Items ?? [], last: result.LastEvaluatedKey };
          }),
      );
      const merged = mergePartitions(fetched, positions, page.limit, "descending");
      const at = now().toISOString();
      return {
        // Past retention a conversation is gone; one the seller's own staff paused is not the AI's right now.
        items: merged.items
          .filter((i) => !expired(i))
          .map(toConversation)
          .filter((c) => !(c.pausedUntil && c.pausedUntil > at)),
        nextCursor: merged.nextCursor,
      };
    },

    async find(shops, id) {
      for (let i = 0; i < shops.length; i += 100) {
        let pending: Item[] = shops.slice(i, i + 100).map((shop) => keys.conversation(shop, id));
        for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
          const result = await client.send(
            new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }),
          );
          const found = (result.Responses?.[TableName] ?? []).find((item) => !expired(item));
          if (found) return toConversation(found);
          pending = (result.UnprocessedKeys?.[TableName]?.Keys ?? []) as Item[];
        }
      }
      return null;
    },

    takeOver: (conversation, escalationId) =>
      conditional(
        conversation,
        update<ConversationItem>()
          .set("status", "human")
          .set("escalationId", escalationId)
          .when(
            when.and(
              when.exists("pk"),
              when.or(when.oneOf("status", ["ai", "resolved"]), when.equals("escalationId", escalationId)),
            ),
          ),
      ),

    markRatingAsked: (conversation, asked) =>
      conditional(
        conversation,
        update<ConversationItem>()
          .set("ratingAsked", asked)
          .when(when.and(when.exists("pk"), when.notExists("ratingAsked"))),
      ),

    async flag(flag, expiresAt) {
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            pk: flagsKey(flag.shopId),
            sk: `${flag.conversationId}#${flag.messageId}`,
            type: "flag",
            owner: flag.shopId,
            [TTL_ATTRIBUTE]: expiresAt,
            at: flag.at,
            flag,
          },
        }),
      );
    },

    async listFlags(shopId, from, to) {
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": flagsKey(shopId) },
      });
      return items
        .filter((i) => !expired(i))
        .map((i) => i.flag as AnswerFlag)
        .filter((f) => f.at >= from && f.at < to)
        .sort((a, b) => b.at.localeCompare(a.at));
    },

    async listMisses(shopId, from, to) {
      const items = await queryAll(client, {
        TableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":pk": gsi1.misses(shopId), ":from": from, ":to": `${to}` },
      });
      return items
        .filter((i) => !expired(i))
        .flatMap((i) => {
          const turn = storedTurn(i.turn) as Turn;
          const miss = turn.receivedAt < to ? reportedMiss(turn) : null;
          return miss ? [miss] : [];
        });
    },
  };
}
