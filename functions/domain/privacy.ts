/**
 * Shopify's privacy duties, done at once rather than within the 30 days allowed: export what we hold on a customer,
 * erase a customer, erase a shop. Each is idempotent (a repeated request finds less or nothing) and audited.
 */
import type { Conversation } from "./conversation";
import type { ConversationId, ShopId } from "./ids";
import type { OrderSnapshot } from "./order";
import type { ConversationStore } from "./ports";
import type { ShopifyStore } from "./shopify";

/** Deletes a customer's or a shop's data; every delete is idempotent. */
export interface ErasureStore {
  ordersOf(shopId: ShopId, lookupKeys: readonly string[]): Promise<OrderSnapshot[]>;
  eraseOrders(shopId: ShopId, orders: readonly OrderSnapshot[]): Promise<number>;
  eraseLookups(shopId: ShopId, lookupKeys: readonly string[]): Promise<number>;
  /** The conversation, its turns, messages and events, and every escalation it had. */
  eraseConversation(shopId: ShopId, id: ConversationId): Promise<number>;
  /** Data-request exports about this customer (they hold the same personal data). */
  eraseExportsAbout(
    shopId: ShopId,
    customer: { email: string | null; phone: string | null },
  ): Promise<number>;
  /** Everything the shop owns, found through the owner index. */
  eraseOwned(shopId: ShopId): Promise<number>;
}

export interface PrivacyDeps {
  readonly conversations: ConversationStore;
  readonly erasure: ErasureStore;
  readonly shopify: ShopifyStore;
  readonly now: () => Date;
}

export interface Customer {
  readonly email: string | null;
  readonly phone: string | null;
  /** Order ids (GIDs) Shopify names for the request. */
  readonly orderIds: readonly string[];
}

const normalPhone = (p: string | null | undefined) => (p ? p.replace(/[^\d+]/g, "") : null);

/** The customer's orders and conversations: by email or phone, and by the orders Shopify names. */
async function findCustomerData(deps: PrivacyDeps, shopId: ShopId, customer: Customer) {
  const email = customer.email?.toLowerCase() ?? null;
  const phone = normalPhone(customer.phone);
  const lookupKeys = [...(email ? [`email:${email}`] : []), ...(phone ? [`phone:${phone}`] : [])];
  const orders = new Map<string, OrderSnapshot>(
    (await deps.erasure.ordersOf(shopId, lookupKeys)).map((o) => [o.id, o]),
  );
  const namedOrders = new Set<string>();
  for (const id of customer.orderIds) {
    const name = await deps.shopify.orderNameOf(shopId, id);
    if (name) namedOrders.add(name.toUpperCase());
  }
  const orderNames = new Set([...[...orders.values()].map((o) => o.name.toUpperCase()), ...namedOrders]);
  const all = await deps.conversations.listActive(shopId, "", "~");
  const conversations = all.filter(
    (c: Conversation) =>
      (email !== null && c.shopper.email?.toLowerCase() === email) ||
      (phone !== null && normalPhone(c.shopper.phone) === phone) ||
      (c.memory.orderName !== undefined && orderNames.has(c.memory.orderName.toUpperCase())),
  );
  return { lookupKeys, orders: [...orders.values()], orderNames: [...orderNames], conversations };
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
  const at = deps.now().toISOString();
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
  const aliased: OrderSnapshot[] = [];
  for (const id of customer.orderIds) {
    const name = await deps.shopify.orderNameOf(shopId, id);
    if (name) aliased.push({ id, name } as OrderSnapshot);
  }
  items += await deps.erasure.eraseOrders(shopId, [...found.orders, ...aliased]);
  items += await deps.erasure.eraseLookups(shopId, found.lookupKeys);
  items += await deps.erasure.eraseExportsAbout(shopId, { email: customer.email, phone: customer.phone });
  const at = deps.now().toISOString();
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
    at: deps.now().toISOString(),
    requestId: null,
    summary: { items },
  });
  return { items };
}
