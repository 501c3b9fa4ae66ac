/**
 * Marketplace accounts: many per channel (one Shopee shop per country, say), each with its public settings in the
 * clear, its secrets sealed (shop, channel and account as associated data), and a routing item from the
 * marketplace's account id to our shop, so a push finds whose key verifies it. Items written before accounts (one
 * per channel, sort key the channel's name) are moved into the account shape the first time they are read.
 */
import { createHash } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SecretBox } from "../crypto/secret-box";
import { AppError } from "../../domain/errors";
import type { ShopId } from "../../domain/ids";
import type {
  AccountStatus,
  ConnectionSecrets,
  Marketplace,
  MarketplaceConnection,
} from "../../domain/marketplace";
import type { MarketCode } from "../../domain/markets";
import { TTL_ATTRIBUTE, type Table } from "./table";

/** An account as the seller's list shows it: its settings and its status. */
export interface ConnectedAccount {
  readonly connection: MarketplaceConnection;
  readonly status: AccountStatus;
}

/** A shop authorization under way: who started it, for which channel and market, bound to which browser. */
export interface PendingAuthorization {
  readonly shopId: ShopId;
  readonly marketplace: Marketplace;
  readonly market: MarketCode;
  /** sha256 of the browser's binding cookie: the callback must come back in the browser that started. */
  readonly bindingHash: string;
}

export interface ConnectionStore {
  /**
   * Connects an account (or connects it again with new credentials): claims its marketplace id (409
   * marketplace_shop_taken if another shop holds it), stores it, and clears its old alert and send error.
   */
  connect(
    connection: MarketplaceConnection,
    secrets: ConnectionSecrets,
    /** More ids that route to this account (Meta's verify token, by its hash: the GET handshake names nothing else). */
    aliases?: readonly string[],
  ): Promise<void>;
  /** `connect` without aliases: stores the account and claims its marketplace id (409 if another shop holds it). */
  save(connection: MarketplaceConnection, secrets: ConnectionSecrets): Promise<void>;
  /** Stores refreshed tokens of an account that is still connected; a disconnected one stays disconnected. */
  saveRefreshed(connection: MarketplaceConnection, secrets: ConnectionSecrets): Promise<void>;
  /**
   * One account; without `accountId`, the channel's only account (null when the shop has several: a caller that
   * cannot say which must not guess, or it would answer with another shop's credentials).
   */
  get(shopId: ShopId, marketplace: Marketplace, accountId?: string): Promise<MarketplaceConnection | null>;
  list(shopId: ShopId): Promise<MarketplaceConnection[]>;
  /** Every account of the shop with its status, for the seller. */
  accounts(shopId: ShopId): Promise<ConnectedAccount[]>;
  /** Removes the account and lets go of its marketplace id; false if it was not connected. */
  disconnect(shopId: ShopId, marketplace: Marketplace, accountId: string): Promise<boolean>;
  /** Our shop for a marketplace's account id, from the routing item. */
  route(marketplace: Marketplace, marketplaceShopId: string): Promise<ShopId | null>;
  /** The routing item with the time its account was connected, which changes whenever its credentials do. */
  routeOf(
    marketplace: Marketplace,
    marketplaceShopId: string,
  ): Promise<{ shopId: ShopId; version: string } | null>;
  secrets(connection: MarketplaceConnection): Promise<ConnectionSecrets>;
  /** When a verified push last arrived for the account. */
  touchPush(shopId: ShopId, marketplace: Marketplace, accountId: string, at: string): Promise<void>;
  /** The last send that failed for good or gave up, shown to the seller (no message text, only the reason). */
  recordSendError(
    shopId: ShopId,
    marketplace: Marketplace,
    accountId: string,
    error: { at: string; message: string },
  ): Promise<void>;
  /** An alert from the marketplace about the account (its authorization is about to lapse). */
  recordAlert(
    shopId: ShopId,
    marketplace: Marketplace,
    accountId: string,
    alert: NonNullable<AccountStatus["alert"]>,
  ): Promise<void>;
  /** Which account a marketplace conversation belongs to, so a person's reply goes out with its credentials. */
  rememberThread(
    shopId: ShopId,
    marketplace: Marketplace,
    threadId: string,
    accountId: string,
  ): Promise<void>;
  threadAccount(shopId: ShopId, marketplace: Marketplace, threadId: string): Promise<string | null>;
  /** Records an authorization's state (kept server-side, single use) until `expiresAt` (epoch seconds). */
  startAuthorization(state: string, pending: PendingAuthorization, expiresAt: number): Promise<void>;
  /** Takes the state back once: a second call, an unknown state or an expired one gives null. */
  takeAuthorization(state: string, now: number): Promise<PendingAuthorization | null>;
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

const partition = (shopId: ShopId) => `SHOP#${shopId}#MKT`;
const accountKey = (shopId: ShopId, marketplace: Marketplace, accountId: string) => ({
  pk: partition(shopId),
  sk: `${marketplace}#${accountId}`,
});
/** The item of a shop's one connection per channel, before accounts. */
const legacyKey = (shopId: ShopId, marketplace: Marketplace) => ({ pk: partition(shopId), sk: marketplace });
const routeKey = (marketplace: Marketplace, marketplaceShopId: string) => ({
  pk: `MKT#${marketplace}#${marketplaceShopId}`,
  sk: "ROUTE",
});
const threadKey = (shopId: ShopId, marketplace: Marketplace, threadId: string) => ({
  pk: `SHOP#${shopId}#MKTTHREAD`,
  sk: `${marketplace}#${threadId}`,
});
const authorizationKey = (state: string) => ({
  pk: `MKTAUTH#${createHash("sha256").update(state).digest("hex")}`,
  sk: "STATE",
});
const messageKey = (shopId: ShopId, kind: string, marketplace: Marketplace, id: string) => ({
  pk: `SHOP#${shopId}#MKTMSG`,
  sk: `${kind}#${marketplace}#${id}`,
});
/** What an account's secrets are sealed to: a sealed blob copied to another account does not open. */
const context = (c: Pick<MarketplaceConnection, "shopId" | "marketplace" | "marketplaceShopId">) =>
  `${c.shopId}:${c.marketplace}:${c.marketplaceShopId}`;
const legacyContext = (c: Pick<MarketplaceConnection, "shopId" | "marketplace">) =>
  `${c.shopId}:${c.marketplace}`;
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

/** The status attributes of an account item. */
const statusOf = (item: Record<string, unknown>): AccountStatus => ({
  lastPushAt: (item.lastPushAt as string | undefined) ?? null,
  lastSendError: (item.lastSendError as AccountStatus["lastSendError"] | undefined) ?? null,
  alert: (item.alert as AccountStatus["alert"] | undefined) ?? null,
});

const ignoreConditionFailure = (error: unknown) => {
  if (!(error instanceof ConditionalCheckFailedException)) throw error;
};

/** Marketplaces redeliver for hours (Lazada 12 × 30 min); a week covers it. */
const MESSAGE_TTL_SECONDS = 7 * 24 * 3600;

export function createConnectionStore(table: Table, box: SecretBox): ConnectionStore {
  const { client, name: TableName } = table;
  const keyOf = (c: Pick<MarketplaceConnection, "shopId" | "marketplace" | "marketplaceShopId">) =>
    accountKey(c.shopId, c.marketplace, c.marketplaceShopId);

  /**
   * Moves a one-per-channel item into the account shape (secrets sealed again to the account), then deletes it;
   * safe to run twice at once. If its secrets do not open here, it is left as it is and read as it stands.
   */
  const migrate = async (item: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const connection = storedConnection(item.connection);
    let sealed: string;
    try {
      sealed = await box.seal(
        await box.open(item.sealed as string, legacyContext(connection)),
        context(connection),
      );
    } catch {
      return { ...item, connection };
    }
    const migrated = {
      ...keyOf(connection),
      type: "mktAccount",
      owner: connection.shopId,
      connection,
      sealed,
    };
    await client
      .send(new PutCommand({ TableName, Item: migrated, ConditionExpression: "attribute_not_exists(pk)" }))
      .catch(ignoreConditionFailure);
    await client.send(
      new DeleteCommand({ TableName, Key: legacyKey(connection.shopId, connection.marketplace) }),
    );
    return migrated;
  };

  /** Every account item of the shop (of one channel if given), old items migrated on the way. */
  const accountItems = async (shopId: ShopId, marketplace?: Marketplace) => {
    const result = await client.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: marketplace ? "pk = :pk AND begins_with(sk, :m)" : "pk = :pk",
        ExpressionAttributeValues: {
          ":pk": partition(shopId),
          ...(marketplace ? { ":m": marketplace } : {}),
        },
      }),
    );
    const items = (result.Items ?? []).filter(
      (i) => !marketplace || i.sk === marketplace || String(i.sk).startsWith(`${marketplace}#`),
    );
    const accounts = items.filter((i) => String(i.sk).includes("#"));
    const seen = new Set(accounts.map((i) => i.sk as string));
    for (const legacy of items.filter((i) => !String(i.sk).includes("#"))) {
      const migrated = await migrate(legacy);
      const sk = keyOf(storedConnection(migrated.connection)).sk;
      if (!seen.has(sk)) {
        seen.add(sk);
        accounts.push(migrated);
      }
    }
    return accounts;
  };

  /** Sets status attributes on an account that still exists (never creates half an item). */
  const setStatus = async (
    shopId: ShopId,
    marketplace: Marketplace,
    accountId: string,
    values: Record<string, unknown>,
  ) => {
    const names = Object.keys(values);
    await client
      .send(
        new UpdateCommand({
          TableName,
          Key: accountKey(shopId, marketplace, accountId),
          UpdateExpression: `SET ${names.map((_name, i) => `#a${i} = :v${i}`).join(", ")}`,
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n]])),
        }),
      )
      .catch(ignoreConditionFailure);
  };

  const get: ConnectionStore["get"] = async (shopId, marketplace, accountId) => {
    if (accountId === undefined) {
      const all = await accountItems(shopId, marketplace);
      return all.length === 1 ? storedConnection(all[0]?.connection) : null;
    }
    const item = (
      await client.send(new GetCommand({ TableName, Key: accountKey(shopId, marketplace, accountId) }))
    ).Item;
    if (item?.connection) return storedConnection(item.connection);
    const legacy = (await client.send(new GetCommand({ TableName, Key: legacyKey(shopId, marketplace) })))
      .Item;
    if (!legacy?.connection || storedConnection(legacy.connection).marketplaceShopId !== accountId)
      return null;
    return storedConnection((await migrate(legacy)).connection);
  };

  /** Deletes a routing item if it is still this shop's. */
  const releaseRoute = async (shopId: ShopId, marketplace: Marketplace, id: string) =>
    client
      .send(
        new DeleteCommand({
          TableName,
          Key: routeKey(marketplace, id),
          ConditionExpression: "shopId = :shop",
          ExpressionAttributeValues: { ":shop": shopId },
        }),
      )
      .catch(ignoreConditionFailure);

  const routeOf: ConnectionStore["routeOf"] = async (marketplace, marketplaceShopId) => {
    const item = (
      await client.send(
        new GetCommand({ TableName, Key: routeKey(marketplace, marketplaceShopId), ConsistentRead: true }),
      )
    ).Item;
    if (!item?.shopId) return null;
    return { shopId: item.shopId as ShopId, version: (item.version as string | undefined) ?? "" };
  };

  const store: ConnectionStore = {
    async connect(connection, secrets, aliases = []) {
      const sealed = await box.seal(JSON.stringify(secrets), context(connection));
      // The route is claimed first and only if free or already ours, so a newcomer never takes over a shop's
      // pushes; nothing else is written when the claim fails. Its version tells caches the credentials changed.
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...routeKey(connection.marketplace, connection.marketplaceShopId),
              type: "mktRoute",
              owner: connection.shopId,
              shopId: connection.shopId,
              version: connection.connectedAt,
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
      // Aliases are claimed like the route (never taken from another shop), before anything else is written.
      for (const alias of aliases)
        await client
          .send(
            new PutCommand({
              TableName,
              Item: {
                ...routeKey(connection.marketplace, alias),
                type: "mktRoute",
                owner: connection.shopId,
                shopId: connection.shopId,
                accountId: connection.marketplaceShopId,
                version: connection.connectedAt,
              },
              ConditionExpression: "attribute_not_exists(pk) OR shopId = :shop",
              ExpressionAttributeValues: { ":shop": connection.shopId },
            }),
          )
          .catch((error: unknown) => {
            if (error instanceof ConditionalCheckFailedException)
              throw new AppError(
                "marketplace_shop_taken",
                "This verify token is already used by another shop's account; choose another one.",
              );
            throw error;
          });
      // A whole new item: connecting again clears the old alert and send error.
      const replaced = await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...keyOf(connection),
            type: "mktAccount",
            owner: connection.shopId,
            connection,
            sealed,
            ...(aliases.length ? { aliases: [...aliases] } : {}),
          },
          ReturnValues: "ALL_OLD",
        }),
      );
      // Aliases the account no longer has (a new verify token) stop routing to it.
      const dropped = ((replaced.Attributes?.aliases ?? []) as string[]).filter((a) => !aliases.includes(a));
      for (const alias of dropped) await releaseRoute(connection.shopId, connection.marketplace, alias);
      // The same account kept in the one-per-channel shape is now superseded.
      await client
        .send(
          new DeleteCommand({
            TableName,
            Key: legacyKey(connection.shopId, connection.marketplace),
            ConditionExpression: "#c.marketplaceShopId = :id",
            ExpressionAttributeNames: { "#c": "connection" },
            ExpressionAttributeValues: { ":id": connection.marketplaceShopId },
          }),
        )
        .catch(ignoreConditionFailure);
    },
    async save(connection, secrets) {
      await store.connect(connection, secrets);
    },
    async saveRefreshed(connection, secrets) {
      const sealed = await box.seal(JSON.stringify(secrets), context(connection));
      await client
        .send(
          new UpdateCommand({
            TableName,
            Key: keyOf(connection),
            UpdateExpression: "SET #c = :c, sealed = :s",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeNames: { "#c": "connection" },
            ExpressionAttributeValues: { ":c": connection, ":s": sealed },
          }),
        )
        .catch(ignoreConditionFailure);
    },
    get,
    async list(shopId) {
      return (await accountItems(shopId)).map((i) => storedConnection(i.connection));
    },
    async accounts(shopId) {
      return (await accountItems(shopId)).map((i) => ({
        connection: storedConnection(i.connection),
        status: statusOf(i),
      }));
    },
    async disconnect(shopId, marketplace, accountId) {
      // Migrated first, so an account still in the old shape is found and removed like any other.
      await get(shopId, marketplace, accountId);
      const removed = await client.send(
        new DeleteCommand({
          TableName,
          Key: accountKey(shopId, marketplace, accountId),
          ReturnValues: "ALL_OLD",
        }),
      );
      // The route goes too (only if it is still ours), so the account's pushes are refused from now on.
      await releaseRoute(shopId, marketplace, accountId);
      for (const alias of (removed.Attributes?.aliases ?? []) as string[])
        await releaseRoute(shopId, marketplace, alias);
      return removed.Attributes !== undefined;
    },
    async route(marketplace, marketplaceShopId) {
      return (await routeOf(marketplace, marketplaceShopId))?.shopId ?? null;
    },
    routeOf,
    async secrets(connection) {
      const item = (await client.send(new GetCommand({ TableName, Key: keyOf(connection) }))).Item;
      if (item?.sealed)
        return JSON.parse(await box.open(item.sealed as string, context(connection))) as ConnectionSecrets;
      // An old item whose secrets could not be moved: still readable where it is.
      const legacy = (
        await client.send(
          new GetCommand({ TableName, Key: legacyKey(connection.shopId, connection.marketplace) }),
        )
      ).Item;
      if (!legacy?.sealed) throw new Error(`No secrets stored for ${connection.marketplace}`);
      return JSON.parse(
        await box.open(legacy.sealed as string, legacyContext(connection)),
      ) as ConnectionSecrets;
    },
    async touchPush(shopId, marketplace, accountId, at) {
      await setStatus(shopId, marketplace, accountId, { lastPushAt: at });
    },
    async recordSendError(shopId, marketplace, accountId, error) {
      await setStatus(shopId, marketplace, accountId, { lastSendError: error });
    },
    async recordAlert(shopId, marketplace, accountId, alert) {
      await setStatus(shopId, marketplace, accountId, { alert });
    },
    async rememberThread(shopId, marketplace, threadId, accountId) {
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...threadKey(shopId, marketplace, threadId), type: "mktThread", owner: shopId, accountId },
        }),
      );
    },
    async threadAccount(shopId, marketplace, threadId) {
      const item = (
        await client.send(new GetCommand({ TableName, Key: threadKey(shopId, marketplace, threadId) }))
      ).Item;
      return (item?.accountId as string | undefined) ?? null;
    },
    async startAuthorization(state, pending, expiresAt) {
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            ...authorizationKey(state),
            type: "mktAuthorization",
            owner: pending.shopId,
            ...pending,
            [TTL_ATTRIBUTE]: expiresAt,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    },
    async takeAuthorization(state, now) {
      // Deleted as it is read: only one callback can ever take a state.
      const old = (
        await client.send(
          new DeleteCommand({ TableName, Key: authorizationKey(state), ReturnValues: "ALL_OLD" }),
        )
      ).Attributes;
      if (!old || (old[TTL_ATTRIBUTE] as number) < now) return null;
      return {
        shopId: old.shopId as ShopId,
        marketplace: old.marketplace as Marketplace,
        market: old.market as MarketCode,
        bindingHash: old.bindingHash as string,
      };
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
  return store;
}
