/** Finds the order a message is about, from what the conversation already knows (R4), and never another shopper's. */
import type { Shopper } from "./conversation";
import { type OrderSnapshot, type OrderStage, orderStage } from "./order";

const OPEN_STAGES: ReadonlySet<OrderStage> = new Set(["awaiting_payment", "preparing", "shipped"]);
const MAX_ORDERS_LISTED = 3;

export type OrderResolution =
  | { readonly kind: "found"; readonly order: OrderSnapshot }
  /** The shopper named an order that is not theirs, or that does not exist: both answered alike, so nothing leaks. */
  | { readonly kind: "not_found"; readonly name: string }
  /** No order named or remembered and the shopper has several open ones: answer for each, or ask which. */
  | { readonly kind: "several"; readonly orders: readonly OrderSnapshot[] }
  | { readonly kind: "none" };

export interface OrderEvidence {
  readonly namedOrder: string | null;
  readonly orderByName: OrderSnapshot | null;
  readonly shopperOrders: readonly OrderSnapshot[];
  readonly shopper: Shopper;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  /** The order this conversation already verified (R4), fetched fresh. */
  readonly rememberedOrder: OrderSnapshot | null;
}

/** Lookup keys under which the order cache indexes a shopper's orders. */
export function shopperKeys(
  channel: string,
  shopper: Shopper,
  emails: readonly string[],
  phones: readonly string[],
): string[] {
  const keys = new Set<string>([`buyer:${channel}:${shopper.id}`]);
  for (const email of [shopper.email, ...emails]) if (email) keys.add(`email:${email.trim().toLowerCase()}`);
  for (const phone of [shopper.phone, ...phones])
    if (phone) keys.add(`phone:${phone.replace(/[^\d+]/g, "")}`);
  return [...keys];
}

function belongsToShopper(order: OrderSnapshot, evidence: OrderEvidence): boolean {
  if (evidence.shopperOrders.some((o) => o.id === order.id)) return true;
  const emails = new Set(
    [evidence.shopper.email, ...evidence.emails].filter(Boolean).map((e) => e?.toLowerCase()),
  );
  const phones = new Set(
    [evidence.shopper.phone, ...evidence.phones].filter(Boolean).map((p) => p?.replace(/[^\d+]/g, "")),
  );
  return (
    (order.email !== null && emails.has(order.email.toLowerCase())) ||
    (order.phone !== null && phones.has(order.phone))
  );
}

export function resolveOrder(evidence: OrderEvidence): OrderResolution {
  if (evidence.namedOrder) {
    const order = evidence.orderByName;
    if (order && belongsToShopper(order, evidence)) return { kind: "found", order };
    return { kind: "not_found", name: evidence.namedOrder };
  }
  // Memory only ever holds an order that was verified as the shopper's.
  if (evidence.rememberedOrder) return { kind: "found", order: evidence.rememberedOrder };
  const newestFirst = [...evidence.shopperOrders].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const open = newestFirst.filter((o) => OPEN_STAGES.has(orderStage(o)));
  if (open.length > 1) return { kind: "several", orders: open.slice(0, MAX_ORDERS_LISTED) };
  const latest = open[0] ?? newestFirst[0];
  return latest ? { kind: "found", order: latest } : { kind: "none" };
}
