/**
 * Finds the order a message is about, from what the conversation already knows (R4), and never another shopper's: an
 * email or phone number typed in a message proves nothing on its own (docs/api.md), so orders are listed only from the
 * identity the channel vouches for, and a typed email or phone unlocks exactly the one order named with it, when it is
 * that order's checkout email or phone (Shopify's guest order lookup).
 */
import { normaliseEmail, phoneE164, samePhone } from "./contact";
import type { Shopper } from "./conversation";
import type { Intent } from "./intent";
import { type OrderSnapshot, type OrderStage, orderStage } from "./order";

const OPEN_STAGES: ReadonlySet<OrderStage> = new Set([
  "awaiting_payment",
  "preparing",
  "partially_refunded",
  "shipped",
]);
/** Orders the shopper may have received: the only candidates for a refund or return of a damaged or wrong item. */
const RECEIVED_STAGES: ReadonlySet<OrderStage> = new Set(["shipped", "delivered"]);
const MAX_ORDERS_LISTED = 3;

export type OrderResolution =
  | { readonly kind: "found"; readonly order: OrderSnapshot }
  /** The shopper named an order that is not theirs, or that does not exist: both answered alike, so nothing leaks. */
  | { readonly kind: "not_found"; readonly name: string }
  /** No order named or remembered and the shopper has several candidates: answer for each, or ask which. */
  | { readonly kind: "several"; readonly orders: readonly OrderSnapshot[] }
  | { readonly kind: "none" };

export interface OrderEvidence {
  readonly namedOrder: string | null;
  readonly orderByName: OrderSnapshot | null;
  /** Orders linked to the identity the channel vouches for (its buyer id, and the email or phone it sent). */
  readonly shopperOrders: readonly OrderSnapshot[];
  /** The shopper as the channel vouches for them. */
  readonly shopper: Shopper;
  /** Emails typed in the message: proof only together with the number of the order they were used for. */
  readonly claimedEmails: readonly string[];
  /** Phone numbers typed in the message, in any local format: likewise. */
  readonly claimedPhones: readonly string[];
  /** The market's country (ISO 3166-1 alpha-2): how a phone number without a country code is read. */
  readonly region: string;
  /** What the shopper asks for; it narrows which of their orders are candidates. */
  readonly intent?: Intent | undefined;
  /** The order this conversation already verified (R4), fetched fresh. */
  readonly rememberedOrder: OrderSnapshot | null;
  /** The channel the shopper writes in: a marketplace order is theirs when that marketplace names them its buyer. */
  readonly channel?: string | undefined;
}

/** The lookup key of a channel's buyer: the marketplace's own buyer id, which only that channel vouches for. */
export const buyerKey = (channel: string, buyerId: string) => `buyer:${channel}:${buyerId}`;

/** Lookup keys under which the order cache indexes the orders of the identity the channel vouches for. */
export function shopperKeys(channel: string, shopper: Shopper, region: string): string[] {
  const keys = new Set<string>([buyerKey(channel, shopper.id)]);
  if (shopper.email) keys.add(`email:${normaliseEmail(shopper.email)}`);
  if (shopper.phone) {
    // The cache indexes phones as Shopify holds them: usually E.164, sometimes as the shopper typed them at checkout.
    keys.add(`phone:${shopper.phone.replace(/[^\d+]/g, "")}`);
    const e164 = phoneE164(shopper.phone, region);
    if (e164) keys.add(`phone:${e164}`);
  }
  return [...keys];
}

/** The order's checkout email or phone is one of these. */
function checkoutContactIsOneOf(
  order: OrderSnapshot,
  emails: readonly (string | undefined)[],
  phones: readonly (string | undefined)[],
  region: string,
): boolean {
  const orderEmail = order.email ? normaliseEmail(order.email) : null;
  if (orderEmail && emails.some((e) => e && normaliseEmail(e) === orderEmail)) return true;
  const orderPhone = order.phone;
  if (!orderPhone) return false;
  return phones.some((p) => p && samePhone(orderPhone, order.shippingCountry ?? region, p, region));
}

function isVouchedFor(order: OrderSnapshot, evidence: OrderEvidence): boolean {
  if (evidence.shopperOrders.some((o) => o.id === order.id)) return true;
  const { shopper } = evidence;
  // A marketplace order read from the marketplace names its buyer: theirs exactly when that buyer writes here.
  if (order.buyerKey && evidence.channel && order.buyerKey === buyerKey(evidence.channel, shopper.id))
    return true;
  return checkoutContactIsOneOf(order, [shopper.email], [shopper.phone], evidence.region);
}

/** Resolves the order a message is about; see the module comment for who may see which order. */
export function resolveOrder(evidence: OrderEvidence): OrderResolution {
  if (evidence.namedOrder) {
    const order = evidence.orderByName;
    const unlocked =
      order !== null &&
      (isVouchedFor(order, evidence) ||
        checkoutContactIsOneOf(order, evidence.claimedEmails, evidence.claimedPhones, evidence.region));
    return unlocked ? { kind: "found", order } : { kind: "not_found", name: evidence.namedOrder };
  }
  // Memory only ever holds an order that was verified as the shopper's.
  if (evidence.rememberedOrder) return { kind: "found", order: evidence.rememberedOrder };
  const newestFirst = [...evidence.shopperOrders].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (evidence.intent === "refund_return") {
    // A damaged or wrong item can only be in an order that left the warehouse; with none, the refund is about an
    // order not yet shipped and the general rule below applies.
    const received = newestFirst.filter((o) => RECEIVED_STAGES.has(orderStage(o)));
    const only = received[0];
    if (received.length > 1) return { kind: "several", orders: received.slice(0, MAX_ORDERS_LISTED) };
    if (only) return { kind: "found", order: only };
  }
  const open = newestFirst.filter((o) => OPEN_STAGES.has(orderStage(o)));
  if (open.length > 1) return { kind: "several", orders: open.slice(0, MAX_ORDERS_LISTED) };
  const latest = open[0] ?? newestFirst[0];
  return latest ? { kind: "found", order: latest } : { kind: "none" };
}
