/**
 * Marketplace connections: public settings in the clear, secrets sealed (the shop and marketplace as associated
 * data), and a routing item from the marketplace's shop id to ours, so a push finds whose key verifies it.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { SecretBox } from "../crypto/secret-box";
import { AppError } from "../../domain/errors";
import type { ShopId } from "../../domain/ids";
import type { ConnectionSecrets, Marketplace, MarketplaceConnection } from "../../domain/marketplace";
import { TTL_ATTRIBUTE, type Table } from "./table";

export interface ConnectionStore {
  /** Stores the connection and claims its marketplace shop id; 409 marketplace_shop_taken if another shop holds it. */
  save(connection: MarketplaceConnection, secrets: ConnectionSecrets): Promise<void>;
  get(shopId: ShopId, marketplace: Marketplace): Promise<MarketplaceConnection | null>;
  list(shopId: ShopId): Promise<MarketplaceConnection[]>;
  /** Our shop for a marketplace's shop id, from the routing item. */
  route(marketplace: Marketplace, marketplaceShopId: string): Promise<ShopId | null>;
  secrets(connection: MarketplaceConnection): Promise<ConnectionSecrets>;
  /** Records a marketplace message id once; false if seen before (a redelivered push, or our own reply echoed). */
  remember(
    shopId: ShopId,
    kind: "received" | "sent",
    marketplace: Marketplace,
    messageId: string,
  ): Promise<boolean>;
  seen(
    shopId: ShopId,
    kind: "received" | "sent",
    marketplace: Marketplace,
    messageId: string,
  ): Promise<boolean>;
  forget(
    shopId: ShopId,
    kind: "received" | "sent",
    marketplace: Marketplace,
    messageId: string,
  ): Promise<void>;
}

const key = (shopId: ShopId, marketplace: Marketplace) => ({ pk: `SHOP#${shopId}#MKT`, sk: marketplace });
const routeKey = (marketplace: Marketplace, marketplaceShopId: string) => ({
  pk: `MKT#${marketplace}#${marketplaceShopId}`,
  sk: "ROUTE",
});
const messageKey = (shopId: ShopId, kind: string, marketplace: Marketplace, id: string) => ({
  pk: `SHOP#${shopId}#MKTMSG`,
  sk: `${kind}#${marketplace}#${id}`,
});
const context = (c: Pick<MarketplaceConnection, "shopId" | "marketplace">) => `${c.shopId}:${c.marketplace}`;
/**
 * A stored connection in today's shape. Items written before the channel catalogue kept Shopee's callback URL and
 * TikTok's shop cipher at the top level (null where unused); they move into `vendor`, so no seller reconnects.
 */
export function storedConnection(item: unknown): MarketplaceConnection {
  const stored = item as MarketplaceConnection & { shopCipher?: string | null; callbackUrl?: string | null };
  if (stored.vendor) return stored;
  const { shopCipher, callbackUrl, ...rest } = stored;
  return {
    ...rest,
    vendor: { ...(shopCipher ? { shopCipher } : {}), ...(callbackUrl ? { callbackUrl } : {}) },
  };
}

/** Marketplaces redeliver for hours (Lazada 12 × 30 min); a week covers it. */
const MESSAGE_TTL_SECONDS = 7 * 24 * 3600;

export function createConnectionStore(table: Table, box: SecretBox): ConnectionStore {
  const { client, name: TableName } = table;
  return {
    async save(connection, secrets) {
      const sealed = await box.seal(JSON.stringify(secrets), context(connection));
      const previous = (
        await client.send(new GetCommand({ TableName, Key: key(connection.shopId, connection.marketplace) }))
      ).Item?.connection as Pick<MarketplaceConnection, "marketplaceShopId"> | undefined;
      // The route is claimed first and only if free or already ours, so a newcomer never takes over a shop's
      // pushes; nothing else is written when the claim fails.
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...routeKey(connection.marketplace, connection.marketplaceShopId),
              type: "mktRoute",
              owner: connection.shopId,
              shopId: connection.shopId,
            },
            ConditionExpression: "attribute_not_exists(pk) OR shopId = :shop",
            ExpressionAttributeValues: { ":shop": connection.shopId },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new AppError(
            "marketplace_shop_taken",
            "This marketplace shop is already connected to another shop; disconnect it there first.",
          );
        throw error;
      }
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...key(connection.shopId, connection.marketplace),
            type: "mktConnection",
            owner: connection.shopId,
            connection,
            sealed,
          },
        }),
      );
      // A reconnection under another marketplace shop id lets go of the old one (only if it is still ours).
      if (previous && previous.marketplaceShopId !== connection.marketplaceShopId)
        await client
          .send(
            new DeleteCommand({
              TableName,
              Key: routeKey(connection.marketplace, previous.marketplaceShopId),
              ConditionExpression: "shopId = :shop",
              ExpressionAttributeValues: { ":shop": connection.shopId },
            }),
          )
          .catch((error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          });
    },
    async get(shopId, marketplace) {
      const item = (await client.send(new GetCommand({ TableName, Key: key(shopId, marketplace) }))).Item;
      return item?.connection ? storedConnection(item.connection) : null;
    },
    async list(shopId) {
      const result = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `SHOP#${shopId}#MKT` },
        }),
      );
      return (result.Items ?? []).map((i) => storedConnection(i.connection));
    },
    async route(marketplace, marketplaceShopId) {
      const item = (
        await client.send(new GetCommand({ TableName, Key: routeKey(marketplace, marketplaceShopId) }))
      ).Item;
      return (item?.shopId as ShopId | undefined) ?? null;
    },
    async secrets(connection) {
      const item = (
        await client.send(new GetCommand({ TableName, Key: key(connection.shopId, connection.marketplace) }))
      ).Item;
      if (!item?.sealed) throw new Error(`No secrets stored for ${connection.marketplace}`);
      return JSON.parse(await box.open(item.sealed as string, context(connection))) as ConnectionSecrets;
    },
    async remember(shopId, kind, marketplace, messageId) {
      const now = Math.floor(Date.now() / 1000);
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...messageKey(shopId, kind, marketplace, messageId),
              type: "mktMessage",
              owner: shopId,
              [TTL_ATTRIBUTE]: now + MESSAGE_TTL_SECONDS,
            },
            ConditionExpression: "attribute_not_exists(pk) OR #ttl < :now",
            ExpressionAttributeNames: { "#ttl": TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ":now": now },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async forget(shopId, kind, marketplace, messageId) {
      await client.send(
        new DeleteCommand({ TableName, Key: messageKey(shopId, kind, marketplace, messageId) }),
      );
    },
    async seen(shopId, kind, marketplace, messageId) {
      const item = (
        await client.send(
          new GetCommand({ TableName, Key: messageKey(shopId, kind, marketplace, messageId) }),
        )
      ).Item;
      return item !== undefined && !((item[TTL_ATTRIBUTE] as number) < Date.now() / 1000);
    },
  };
}
