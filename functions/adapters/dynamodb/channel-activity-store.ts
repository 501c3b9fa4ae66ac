/**
 * What the marketplace rules are checked against, one item per conversation (`keys.channelActivity`): when the buyer
 * last wrote, the seller's messages since, and how many parts of each reply went out, so a retried reply never sends
 * a part twice. Plus one item per reply sent (`keys.replySent`) for the AI-versus-people figures. Every item carries
 * `owner` (shop erasure) and expires.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ChannelActivityStore, ReplyAuthor } from "../../domain/channel-rules";
import { isMarketplace } from "../../domain/marketplace";
import { keys } from "./keys";
import { queryAll } from "./query-all";
import { TTL_ATTRIBUTE, type Table } from "./table";

/** The record outlives the longest reply window (Shopee's 7 days) with room to spare. */
const ACTIVITY_DAYS = 30;
/** Reply records outlive the longest analytics window (92 days). */
const REPLY_DAYS = 100;
const expiry = (days: number) => Math.floor(Date.now() / 1000) + days * 86_400;

export function createChannelActivityStore(table: Table): ChannelActivityStore {
  const { client, name: TableName } = table;
  const conditional = async (command: UpdateCommand | PutCommand) => {
    try {
      await client.send(command as never);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };
  return {
    async buyerWrote(shopId, conversationId, at) {
      // An older buyer message processed late neither moves the window back nor clears newer seller messages.
      await conditional(
        new UpdateCommand({
          TableName,
          Key: keys.channelActivity(shopId, conversationId),
          UpdateExpression: "SET buyerLastAt = :at, streak = :zero, #owner = :owner, #ttl = :ttl",
          ConditionExpression: "attribute_not_exists(buyerLastAt) OR buyerLastAt <= :at",
          ExpressionAttributeNames: { "#owner": "owner", "#ttl": TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ":at": at,
            ":zero": 0,
            ":owner": shopId,
            ":ttl": expiry(ACTIVITY_DAYS),
          },
        }),
      );
    },
    async read(shopId, conversationId, replyKey) {
      const result = await client.send(
        new GetCommand({
          TableName,
          Key: keys.channelActivity(shopId, conversationId),
          ConsistentRead: true,
        }),
      );
      const item = result.Item as
        | { buyerLastAt?: string; streak?: number; parts?: Record<string, number> }
        | undefined;
      return {
        buyerLastAt: item?.buyerLastAt ?? null,
        sellerStreak: item?.streak ?? 0,
        partsSent: item?.parts?.[replyKey] ?? 0,
      };
    },
    async partSent(shopId, conversationId, replyKey, index) {
      const Key = keys.channelActivity(shopId, conversationId);
      const names = { "#parts": "parts", "#k": replyKey, "#owner": "owner", "#ttl": TTL_ATTRIBUTE };
      // The map of parts must exist before one of its entries can be set: created once, conditionally.
      await conditional(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: "SET #parts = :empty, #owner = :owner, #ttl = :ttl",
          ConditionExpression: "attribute_not_exists(#parts)",
          ExpressionAttributeNames: { "#parts": "parts", "#owner": "owner", "#ttl": TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ":empty": {}, ":owner": shopId, ":ttl": expiry(ACTIVITY_DAYS) },
        }),
      );
      // Counted once: the condition fails for a part already recorded (a retry), and then nothing changes.
      await conditional(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: "SET #parts.#k = :next, #owner = :owner, #ttl = :ttl ADD streak :one",
          ConditionExpression: index === 0 ? "attribute_not_exists(#parts.#k)" : "#parts.#k = :index",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ":next": index + 1,
            ":one": 1,
            ":owner": shopId,
            ":ttl": expiry(ACTIVITY_DAYS),
            ...(index === 0 ? {} : { ":index": index }),
          },
        }),
      );
    },
    async recordReply(shopId, replyKey, record) {
      await conditional(
        new PutCommand({
          TableName,
          Item: {
            ...keys.replySent(shopId, record.at, record.marketplace, record.author, replyKey),
            type: "replySent",
            owner: shopId,
            [TTL_ATTRIBUTE]: expiry(REPLY_DAYS),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },
    async replies(shopId, from, to) {
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": keys.replySent(shopId, "", "", "", "").pk,
          ":from": from,
          ":to": to,
        },
        ProjectionExpression: "sk",
      });
      return items.flatMap((item) => {
        const [at, marketplace, author] = String(item.sk).split("#");
        // [from, to): BETWEEN includes `to`'s own prefix; an item at exactly `to` is left out.
        if (!at || at >= to || !marketplace || !isMarketplace(marketplace)) return [];
        if (author !== "ai" && author !== "human") return [];
        return [{ marketplace, author: author as ReplyAuthor }];
      });
    },
  };
}
