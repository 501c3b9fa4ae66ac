/** Shops and their API keys; a key is stored only as its SHA-256, so a table dump reveals no usable key. */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./query-all";
import { createHash } from "node:crypto";
import type { ShopId } from "../../domain/ids";
import type { ShopRecord, ShopStore } from "../../domain/ports";
import { GSI1, gsi1, keys } from "./keys";
import type { Table } from "./table";

export const hashApiKey = (apiKey: string) => createHash("sha256").update(apiKey).digest("hex");

export function createShopStore(table: Table): ShopStore {
  const { client, name: TableName } = table;
  return {
    async findByApiKey(apiKey) {
      // The key item carries a copy of the shop so authentication is one read.
      const key = await client.send(new GetCommand({ TableName, Key: keys.apiKey(hashApiKey(apiKey)) }));
      return key.Item?.shop ? toShop(key.Item.shop as Record<string, unknown>) : null;
    },
    async get(id) {
      const result = await client.send(new GetCommand({ TableName, Key: keys.shop(id) }));
      return result.Item ? toShop(result.Item) : null;
    },
    async updateShop(shop) {
      const current = await client.send(
        new GetCommand({ TableName, Key: keys.shop(shop.id), ConsistentRead: true }),
      );
      const hash = current.Item?.apiKeyHash as string | undefined;
      if (!current.Item || !hash) throw new Error(`Shop ${shop.id} does not exist`);
      // The knowledge version and counts belong to the knowledge store (knowledge-store.ts): kept as stored, and the
      // put is refused if a knowledge write bumped them meanwhile (then the settings are written again on top).
      const knowledge = knowledgeAttributes(current.Item);
      const written = await client
        .send(
          new PutCommand({
            TableName,
            Item: { ...shopItem(shop, hash), ...knowledge },
            ConditionExpression: "attribute_not_exists(knowledgeVersion) OR knowledgeVersion = :v",
            ExpressionAttributeValues: { ":v": knowledge.knowledgeVersion ?? 0 },
          }),
        )
        .then(
          () => true,
          (error: unknown) => {
            if (error instanceof ConditionalCheckFailedException) return false;
            throw error;
          },
        );
      if (!written) return this.updateShop(shop);
      // Authentication reads the copy on the key item, so it must change too.
      const copy = { ...shop, knowledgeVersion: knowledge.knowledgeVersion };
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...keys.apiKey(hash), type: "apiKey", owner: shop.id, shopId: shop.id, shop: copy },
        }),
      );
    },
    async putShop(shop, apiKey) {
      // Putting a shop again (the local seed does at every start) keeps the knowledge it has.
      const current = await client.send(
        new GetCommand({ TableName, Key: keys.shop(shop.id), ConsistentRead: true }),
      );
      const knowledge = knowledgeAttributes(current.Item ?? {});
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...shopItem(shop, hashApiKey(apiKey)), ...knowledge },
        }),
      );
      const copy = { ...shop, knowledgeVersion: knowledge.knowledgeVersion ?? shop.knowledgeVersion };
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.apiKey(hashApiKey(apiKey)),
            type: "apiKey",
            owner: shop.id,
            shopId: shop.id,
            shop: copy,
          },
        }),
      );
    },
    async listShopIds() {
      const items = await queryAll(client, {
        TableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": gsi1.shops() },
      });
      return items.map((i) => i.id as ShopId);
    },
  };
}

function shopItem(shop: ShopRecord, apiKeyHash: string) {
  return {
    ...keys.shop(shop.id),
    type: "shop",
    owner: shop.id,
    apiKeyHash,
    gsi1pk: gsi1.shops(),
    gsi1sk: shop.id,
    id: shop.id,
    name: shop.name,
    markets: shop.markets,
    marketOverrides: shop.marketOverrides,
    notifications: shop.notifications,
    orderLookup: shop.orderLookup,
    retentionDays: shop.retentionDays,
    actions: shop.actions,
  };
}

/** The shop item's attributes that the knowledge store keeps (knowledge-store.ts), never written from a ShopRecord. */
function knowledgeAttributes(item: Record<string, unknown>) {
  return {
    knowledgeVersion: item.knowledgeVersion as number | undefined,
    articleCount: item.articleCount as number | undefined,
    productCount: item.productCount as number | undefined,
  };
}

const toShop = (item: Record<string, unknown>): ShopRecord => ({
  id: item.id as ShopId,
  name: item.name as string,
  markets: (item.markets as string[]) ?? [],
  marketOverrides: (item.marketOverrides as ShopRecord["marketOverrides"]) ?? undefined,
  notifications: (item.notifications as ShopRecord["notifications"]) ?? undefined,
  orderLookup: (item.orderLookup as ShopRecord["orderLookup"]) ?? undefined,
  retentionDays: (item.retentionDays as number | undefined) ?? undefined,
  knowledgeVersion: (item.knowledgeVersion as number | undefined) ?? undefined,
  actions: (item.actions as ShopRecord["actions"]) ?? undefined,
});
