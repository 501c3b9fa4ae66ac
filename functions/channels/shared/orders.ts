/** What the marketplaces' order mappings share: stages written the way `orderStage` reads them, and safe order ids. */
import type { OrderSnapshot, TrackingInfo } from "../../domain/order";

/** Where a marketplace order stands, in the fields `orderStage` (functions/domain/order.ts) reads. */
export type MarketplaceStage =
  | "awaiting_payment"
  | "preparing"
  | "partly_shipped"
  | "shipped"
  | "delivered"
  | "cancelled"
  | "refunded";

/** The financial and fulfilment statuses that make `orderStage` say `stage`. */
export function stageFields(
  stage: MarketplaceStage,
  at: string,
): Pick<OrderSnapshot, "financialStatus" | "fulfillmentStatus" | "cancelledAt"> {
  switch (stage) {
    case "awaiting_payment":
      return { financialStatus: "UNPAID", fulfillmentStatus: "UNFULFILLED", cancelledAt: null };
    case "preparing":
      return { financialStatus: "PAID", fulfillmentStatus: "UNFULFILLED", cancelledAt: null };
    case "partly_shipped":
      return { financialStatus: "PAID", fulfillmentStatus: "PARTIALLY_FULFILLED", cancelledAt: null };
    case "shipped":
      return { financialStatus: "PAID", fulfillmentStatus: "IN_TRANSIT", cancelledAt: null };
    case "delivered":
      return { financialStatus: "PAID", fulfillmentStatus: "DELIVERED", cancelledAt: null };
    case "refunded":
      return { financialStatus: "REFUNDED", fulfillmentStatus: "FULFILLED", cancelledAt: null };
    case "cancelled":
      return { financialStatus: "VOIDED", fulfillmentStatus: "UNFULFILLED", cancelledAt: at };
  }
}

/** A marketplace order id as a shopper may type it ("#220810RR2T4A0B"), or null when it cannot be one. */
export function marketplaceOrderId(name: string): string | null {
  const id = name.replace(/^#/, "").trim();
  // Marketplace order ids are letters and digits only; anything else never reaches a signed URL.
  return /^[A-Za-z0-9]{4,32}$/.test(id) ? id : null;
}

/** Carrier and number pairs, each once; a carrier without a number is kept only when nothing better is known. */
export function trackingOf(
  pairs: readonly { company: string | null; number: string | null }[],
): TrackingInfo[] {
  const seen = new Set<string>();
  const out: TrackingInfo[] = [];
  for (const { company, number } of pairs) {
    const c = company?.trim() || null;
    const n = number?.trim() || null;
    if (!c && !n) continue;
    const key = `${c ?? ""}|${n ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ company: c, number: n, url: null });
  }
  return out.some((t) => t.number) ? out.filter((t) => t.number) : out;
}

/** Line items by title, quantities added up (a marketplace lists one row per unit or per model). */
export function lineItemsOf(
  rows: readonly { title: string; quantity: number }[],
): OrderSnapshot["lineItems"] {
  const byTitle = new Map<string, number>();
  for (const r of rows) byTitle.set(r.title, (byTitle.get(r.title) ?? 0) + r.quantity);
  return [...byTitle].map(([title, quantity]) => ({ title, quantity }));
}
