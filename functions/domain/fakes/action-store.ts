/**
 * Actions in memory with the DynamoDB store's rules: created once per id, moved only from the statuses the caller
 * names (a second "yes" loses), and an in-memory shop that executes them and records every call (for tests).
 */
import type { Action, ActionStore, ExecutionResult, OrderActions } from "../actions";
import { applyChange, ineligibility } from "../actions";
import type { ShopId } from "../ids";
import type { OrderSnapshot } from "../order";
import { copy } from "./page";

export interface FakeActionStore extends ActionStore {
  /** Every stored action (for assertions). */
  all(): Action[];
}

/** An ActionStore in memory. */
export function createFakeActionStore(): FakeActionStore {
  const stored = new Map<string, Action>();
  const keyOf = (shopId: string, conversationId: string, id: string) =>
    `${shopId}\u0000${conversationId}\u0000${id}`;
  return {
    all: () => [...stored.values()].map(copy),
    async create(action) {
      const key = keyOf(action.shopId, action.conversationId, action.id);
      if (stored.has(key)) return false;
      stored.set(key, copy(action));
      return true;
    },
    async get(shopId, conversationId, id) {
      const found = stored.get(keyOf(shopId, conversationId, id));
      return found ? copy(found) : null;
    },
    async transition(action, from, change) {
      const key = keyOf(action.shopId, action.conversationId, action.id);
      const current = stored.get(key);
      if (!current || !from.includes(current.status))
        return { ok: false, current: current ? copy(current) : null };
      const next = applyChange(current, change);
      stored.set(key, copy(next));
      return { ok: true, action: copy(next) };
    },
    async list(shopId, conversationId) {
      return [...stored.values()]
        .filter((a) => a.shopId === shopId && a.conversationId === conversationId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map(copy);
    },
    async listCreated(shopId, from, to) {
      return [...stored.values()]
        .filter((a) => a.shopId === shopId && a.createdAt >= from && a.createdAt < to)
        .map(copy);
    },
  };
}

export interface FakeOrderActions extends OrderActions {
  /** The actions executed, in order (one entry per call to the shop). */
  readonly calls: Action[];
  /** The shop's current view of an order (what a re-read returns); absent orders are "not found". */
  setOrder(order: OrderSnapshot): void;
  /** The next execution fails as Shopify's userErrors would. */
  failNext(code: string, message: string): void;
}

/** A shop in memory: re-reads the order it was given, refuses what no longer qualifies, applies the rest. */
export function createFakeOrderActions(): FakeOrderActions {
  const orders = new Map<string, OrderSnapshot>();
  const calls: Action[] = [];
  let failure: { code: string; message: string } | null = null;
  return {
    calls,
    setOrder: (order) => void orders.set(order.id, order),
    failNext: (code, message) => {
      failure = { code, message };
    },
    async execute(_shopId: ShopId, action): Promise<ExecutionResult> {
      calls.push(copy(action));
      const order = orders.get(action.order.id);
      if (!order) return { kind: "refused", reason: "not_found" };
      const refused = ineligibility(action.type, order);
      if (refused) return { kind: "refused", reason: refused };
      if (failure) {
        const f = failure;
        failure = null;
        return { kind: "failed", ...f };
      }
      if (action.type === "cancel_order")
        orders.set(order.id, { ...order, cancelledAt: new Date().toISOString() });
      if (action.type === "resend_tracking") return { kind: "done", tracking: order.tracking };
      return { kind: "done" };
    },
  };
}
