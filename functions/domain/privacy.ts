/**
 * Shopify's privacy duties, done at once rather than within the 30 days allowed: export what we hold on a customer,
 * erase a customer, erase a shop. Each is idempotent (a repeated request finds less or nothing) and audited.
 */
import type { Conversation } from "./conversation";
import type { ShopId } from "./ids";
import { phoneE164, samePhone } from "./contact";
import { type OrderSnapshot, orderKey } from "./order";
import type { Clock, ConversationStore, ErasureStore } from "./ports";
import type { ShopifyStore } from "./shopify";

// Declared in ports.ts (privacy.ts imports ports.ts, so the port cannot live here without a cycle).
export type { CachedOrderRecord, ErasureStore } from "./ports";

export interface PrivacyDeps {
  readonly conversations: ConversationStore;
  readonly erasure: ErasureStore;
  readonly shopify: ShopifyStore;
  readonly clock: Clock;
}

export interface Customer {
  readonly email: string | null;
  readonly phone: string | null;
  /** Order ids (GIDs) Shopify names for the request. */
  readonly orderIds: readonly string[];
}

/** A phone number as lookup keys hold it: digits and a leading plus only. */
export const normalPhone = (p: string | null | undefined) => (p ? p.replace(/[^\d+]/g, "") || null : null);

/** The shopper lookup keys an email and a phone are indexed under (the order cache and erasure share this). */
export function shopperLookupKeys(contact: { email: string | null; phone: string | null }): string[] {
  const phone = normalPhone(contact.phone);
  return [
    ...(contact.email ? [`email:${contact.email.toLowerCase()}`] : []),
    ...(phone ? [`phone:${phone}`] : []),
  ];
}

/** Rounds of following keys to orders and orders to keys; two settle every case seen, the rest is headroom. */
const MAX_ROUNDS = 5;

/**
 * The customer's orders and conversations: the orders under the customer's email and phone, the orders Shopify
 * names, and, followed to a fixed point, the keys those orders were indexed under (an order's own phone or email
 * often differs from the customer's) and the snapshots of those orders held there.
 */
async function findCustomerData(deps: PrivacyDeps, shopId: ShopId, customer: Customer) {
  const email = customer.email?.toLowerCase() ?? null;
  const phone = normalPhone(customer.phone);
  const customerKeys = shopperLookupKeys({ email, phone });
  const orderIds = new Set(customer.orderIds);
  const names = new Set<string>();
  for (const id of customer.orderIds) {
    const name = await deps.shopify.orderNameOf(shopId, id);
    if (name) names.add(orderKey(name));
  }
  const orders = new Map<string, OrderSnapshot>();
  const keys = new Set<string>(customerKeys);
  let frontier = [...customerKeys];
  const fetched = new Set<string>();
  const take = (order: OrderSnapshot, storedKeys: readonly string[] = []) => {
    const k = orderKey(order.name);
    orders.set(k, order);
    names.add(k);
    // The customer's phone as the order's country writes it in E.164, the form Shopify usually holds.
    const e164 = customer.phone ? phoneE164(customer.phone, order.shippingCountry) : null;
    for (const key of [...shopperLookupKeys(order), ...storedKeys, ...(e164 ? [`phone:${e164}`] : [])])
      if (!keys.has(key)) {
        keys.add(key);
        frontier.push(key);
      }
  };
  const ours = (o: OrderSnapshot) =>
    names.has(orderKey(o.name)) ||
    orderIds.has(o.id) ||
    (email !== null && o.email?.toLowerCase() === email) ||
    (customer.phone !== null &&
      o.phone !== null &&
      (normalPhone(o.phone) === phone ||
        samePhone(o.phone, o.shippingCountry, customer.phone, o.shippingCountry)));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const lookups = frontier;
    frontier = [];
    // Round 0 reads the customer's own keys, where every order is theirs; later rounds read orders' keys, where
    // other shoppers' orders may sit too.
    for (const order of await deps.erasure.ordersOf(shopId, lookups))
      if (round === 0 || ours(order)) take(order);
    const unread = [...names].filter((n) => !fetched.has(n));
    for (const n of unread) fetched.add(n);
    for (const record of await deps.erasure.orderRecords(shopId, unread))
      take(record.order, record.lookupKeys);
    if (frontier.length === 0 && [...names].every((n) => fetched.has(n))) break;
  }
  const emails = new Set([
    ...(email ? [email] : []),
    ...[...orders.values()].flatMap((o) => (o.email ? [o.email.toLowerCase()] : [])),
  ]);
  const phones = new Set([
    ...(phone ? [phone] : []),
    ...[...orders.values()].flatMap((o) => {
      const p = normalPhone(o.phone);
      return p ? [p] : [];
    }),
  ]);
  const all = await deps.conversations.listActive(shopId, "", "~");
  const conversations = all.filter((c: Conversation) => {
    const shopperEmail = c.shopper.email?.toLowerCase();
    const shopperPhone = normalPhone(c.shopper.phone);
    return (
      (shopperEmail !== undefined && emails.has(shopperEmail)) ||
      (shopperPhone !== null && phones.has(shopperPhone)) ||
      (c.memory.orderName !== undefined && names.has(orderKey(c.memory.orderName)))
    );
  });
  return {
    customerKeys,
    lookupKeys: [...keys],
    orders: [...orders.values()],
    orderNames: [...names],
    conversations,
  };
}

export async function exportCustomer(
  deps: PrivacyDeps,
  shopId: ShopId,
  customer: Customer,
  requestId: string,
) {
  const found = await findCustomerData(deps, shopId, customer);
  const conversations = [];
  for (const c of found.conversations) {
    const full = await deps.conversations.getConversation(shopId, c.id);
    if (full)
      // Agents' notes are about the shopper too, so the export carries them.
      conversations.push({
        conversation: full.conversation,
        messages: full.messages,
        events: full.events,
        notes: full.notes,
      });
  }
  const at = deps.clock.now().toISOString();
  const data = {
    requestId,
    generatedAt: at,
    customer: { email: customer.email, phone: customer.phone },
    orders: found.orders,
    conversations,
  };
  await deps.shopify.saveExport(shopId, requestId, data, at);
  await deps.shopify.audit(shopId, {
    topic: "customers/data_request",
    at,
    requestId,
    summary: { conversations: conversations.length, orders: found.orders.length },
  });
  return data;
}

export async function redactCustomer(deps: PrivacyDeps, shopId: ShopId, customer: Customer) {
  const found = await findCustomerData(deps, shopId, customer);
  let items = 0;
  for (const c of found.conversations) items += await deps.erasure.eraseConversation(shopId, c.id);
  const aliased: { id: string; name: string }[] = [];
  for (const id of customer.orderIds) {
    const name = await deps.shopify.orderNameOf(shopId, id);
    if (name) aliased.push({ id, name });
  }
  items += await deps.erasure.eraseOrders(shopId, [...found.orders, ...aliased]);
  // The customer's own keys go whole; keys reached through an order may index other shoppers' orders, which stay.
  const customerKeys = new Set(found.customerKeys);
  items += await deps.erasure.unindexOrders(
    shopId,
    found.lookupKeys.filter((k) => !customerKeys.has(k)),
    found.orderNames,
  );
  items += await deps.erasure.eraseLookups(shopId, found.customerKeys);
  items += await deps.erasure.eraseExportsAbout(shopId, { email: customer.email, phone: customer.phone });
  const at = deps.clock.now().toISOString();
  await deps.shopify.audit(shopId, {
    topic: "customers/redact",
    at,
    requestId: null,
    summary: { conversations: found.conversations.length, orders: found.orderNames.length, items },
  });
  return { conversations: found.conversations.length, items };
}

export async function redactShop(deps: PrivacyDeps, shopId: ShopId) {
  const items = await deps.erasure.eraseOwned(shopId);
  await deps.shopify.audit(shopId, {
    topic: "shop/redact",
    at: deps.clock.now().toISOString(),
    requestId: null,
    summary: { items },
  });
  return { items };
}
