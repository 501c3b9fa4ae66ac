/**
 * Actions in the single table: one item per action under its conversation (`ACTION#<id>`), listed sparsely in gsi1
 * under `SHOP#<shop>#ACTIONS` by creation time (analytics). The proposal is written once (`attribute_not_exists`);
 * every later step is an UpdateItem conditioned on the stored status, so two "yes" or an agent and a retry never
 * both win, and the history grows by `list_append` in the same write (the audit trail costs no extra write).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Action, ActionStatus, ActionStep, ActionStore, MailingAddress } from "../../domain/actions";
import type { ConversationId, ShopId } from "../../domain/ids";
import { GSI1, keys } from "./keys";
import { queryAll } from "./query-all";
import { TTL_ATTRIBUTE, type Table } from "./table";
import { conditions, update } from "./update-builder";

/** The item's attributes that change after the proposal (the rest sits, unchanged, in `action`). */
interface ActionItem {
  readonly status: ActionStatus;
  readonly decidedBy: string;
  readonly outcome: string | null;
  readonly detail: string | null;
  readonly address: MailingAddress;
  readonly history: readonly ActionStep[];
}

const when = conditions<ActionItem>();
const actionsPartition = (shopId: string) => `SHOP#${shopId}#ACTIONS`;
export const actionKey = (shopId: ShopId | string, conversationId: ConversationId | string, id: string) => ({
  pk: keys.conversation(shopId as ShopId, conversationId as ConversationId).pk,
  sk: `ACTION#${id}`,
});

/** The action an item holds: its fixed part, with the changing attributes over it. */
export function toAction(item: Record<string, unknown>): Action {
  const fixed = item.action as Action;
  const address = item.address as MailingAddress | undefined;
  return {
    ...fixed,
    status: item.status as ActionStatus,
    decidedBy: (item.decidedBy as string | undefined) ?? fixed.decidedBy ?? null,
    outcome: (item.outcome as string | null | undefined) ?? null,
    detail: (item.detail as string | null | undefined) ?? null,
    effect: address ? { ...fixed.effect, address } : fixed.effect,
    history: (item.history as ActionStep[] | undefined) ?? fixed.history,
  };
}

export function createActionStore(table: Table): ActionStore {
  const { client, name: TableName } = table;
  return {
    async create(action, expiresAt) {
      const { status, history, ...fixed } = action;
      try {
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              ...actionKey(action.shopId, action.conversationId, action.id),
              type: "action",
              owner: action.shopId,
              gsi1pk: actionsPartition(action.shopId),
              gsi1sk: `${action.createdAt}#${action.id}`,
              action: { ...fixed, status, history },
              status,
              history,
              ...(action.decidedBy ? { decidedBy: action.decidedBy } : {}),
              [TTL_ATTRIBUTE]: expiresAt,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async get(shopId, conversationId, id) {
      const { Item } = await client.send(
        new GetCommand({ TableName, Key: actionKey(shopId, conversationId, id), ConsistentRead: true }),
      );
      return Item ? toAction(Item) : null;
    },

    async transition(action, from, change) {
      const step: ActionStep = {
        status: change.status,
        at: change.at,
        by: change.by,
        ref: change.ref ?? null,
      };
      const write = update<ActionItem>()
        .set("status", change.status)
        .append("history", [step])
        .when(when.oneOf("status", from));
      if (change.decidedBy !== undefined) write.set("decidedBy", change.decidedBy);
      if (change.outcome !== undefined) write.set("outcome", change.outcome ?? null);
      if (change.detail !== undefined) write.set("detail", change.detail ?? null);
      if (change.address) write.set("address", change.address);
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName,
            Key: actionKey(action.shopId, action.conversationId, action.id),
            ...write.build(),
            ReturnValues: "ALL_NEW",
          }),
        );
        return { ok: true, action: toAction(Attributes ?? {}) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return {
          ok: false,
          current: await this.get(
            action.shopId as ShopId,
            action.conversationId as ConversationId,
            action.id,
          ),
        };
      }
    },

    async list(shopId, conversationId) {
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :sk)",
        ExpressionAttributeValues: { ":pk": keys.conversation(shopId, conversationId).pk, ":sk": "ACTION#" },
      });
      return items.map(toAction).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async listCreated(shopId, from, to) {
      const items = await queryAll(client, {
        TableName,
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":pk": actionsPartition(shopId), ":from": from, ":to": `${to}` },
      });
      return items.map(toAction).filter((a) => a.createdAt >= from && a.createdAt < to);
    },
  };
}
