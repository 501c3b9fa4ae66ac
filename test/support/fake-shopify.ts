/**
 * A local Shopify: the OAuth token endpoint and the Admin GraphQL API (orders search, order by id, webhook
 * subscriptions, products paginated by cursor, shop policies with their translations, the shop's currency, and the
 * order mutations `orderCancel`, `orderUpdate` and `returnRequest` with Shopify's payload
 * shapes and userErrors, each applied to the order and recorded) for shops under http://127.0.0.1:<port>/<shop>,
 * with the cost extension on every answer and scripted THROTTLED and 5xx faults.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOrder {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  shippingAddress: ({ countryCodeV2: string | null; phone: string | null } & Record<string, unknown>) | null;
  lineItems: { nodes: { title: string; quantity: number }[] };
  fulfillments: {
    status: string | null;
    /** FulfillmentDisplayStatus: DELIVERED once the carrier says so. */
    displayStatus?: string | null;
    trackingInfo: { company: string | null; number: string | null; url: string | null }[];
    fulfillmentLineItems?: { nodes: { id: string; quantity: number }[] };
  }[];
  /** OrderReturnStatus: NO_RETURN, RETURN_REQUESTED, IN_PROGRESS, RETURNED … */
  returnStatus?: string;
}

/** The variables of the order mutations, as the fake reads them. */
interface MutationVariables {
  orderId?: string;
  refundMethod?: { originalPaymentMethodsRefund?: boolean; storeCreditRefund?: unknown };
  restock?: unknown;
  reason?: string;
  input?: unknown;
}

/** A mutation as the fake received it. */
export interface RecordedMutation {
  readonly shop: string;
  readonly name: "orderCancel" | "orderUpdate" | "returnRequest";
  readonly variables: Record<string, unknown>;
}

/** A product as the Admin GraphQL API returns it (the fields our catalog query asks for). */
export interface FakeProduct {
  id: string;
  title: string;
  description: string;
  onlineStoreUrl: string | null;
  updatedAt: string;
  options: { name: string }[];
  variants: {
    nodes: {
      id: string;
      title: string;
      sku: string | null;
      price: string;
      availableForSale: boolean;
      selectedOptions: { name: string; value: string }[];
    }[];
  };
}

/** A shop policy as the Admin GraphQL API returns it, with its published translations. */
export interface FakePolicy {
  type: string;
  title: string;
  body: string;
  url: string;
  translations: { locale: string; key: string; value: string }[];
}

type Fault = "throttled" | "server_error";

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

export async function startFakeShopify(options: { apiKey: string; apiSecret: string }) {
  const orders = new Map<string, FakeOrder[]>();
  const products = new Map<string, FakeProduct[]>();
  const policies = new Map<string, FakePolicy[]>();
  const currencies = new Map<string, string>();
  const tokens = new Map<string, string>();
  const codes = new Map<string, string>();
  const subscriptions: { shop: string; topic: string; uri: string }[] = [];
  const graphqlCalls: { shop: string; query: string; at: number }[] = [];
  const mutations: RecordedMutation[] = [];
  /** userErrors the next call of a mutation answers with, as Shopify would for a reason the test stands for. */
  const rejections: { name: RecordedMutation["name"]; field: string[]; message: string; code: string }[] = [];
  const rejection = (name: RecordedMutation["name"]) => {
    const at = rejections.findIndex((r) => r.name === name);
    return at < 0 ? null : (rejections.splice(at, 1)[0] ?? null);
  };
  const faults: Fault[] = [];
  const throttle = { maximumAvailable: 1000, currentlyAvailable: 990, restoreRate: 100 };

  /**
   * orderCancel, orderUpdate and returnRequest as Shopify answers them (payload shapes and userErrors from the Admin
   * GraphQL reference): the change is applied to the order and the call recorded; null for any other operation.
   */
  function orderMutation(shop: string, query: string, variables: object, mine: FakeOrder[]) {
    const v = variables as MutationVariables;
    const err = (field: string[], message: string, code?: string) => ({
      field,
      message,
      ...(code ? { code } : {}),
    });
    if (/\borderCancel\s*\(/.test(query)) {
      mutations.push({ shop, name: "orderCancel", variables: { ...v } });
      const order = mine.find((o) => o.id === v.orderId);
      const fail = (e: ReturnType<typeof err>) => ({
        orderCancel: { job: null, orderCancelUserErrors: [e], userErrors: [e] },
      });
      if (!v.refundMethod || typeof v.restock !== "boolean" || !v.reason)
        return fail(err(["refundMethod"], "refundMethod, restock and reason are required", "INVALID"));
      if (!order) return fail(err(["orderId"], "Order does not exist", "NOT_FOUND"));
      const rejected = rejection("orderCancel");
      if (rejected) return fail(err(rejected.field, rejected.message, rejected.code));
      if (order.cancelledAt) return fail(err(["orderId"], "Order has already been cancelled", "INVALID"));
      if (order.displayFulfillmentStatus !== "UNFULFILLED")
        return fail(err(["orderId"], "Cannot cancel an order that has fulfillments", "INVALID"));
      order.cancelledAt = new Date().toISOString();
      order.updatedAt = order.cancelledAt;
      if (v.refundMethod.originalPaymentMethodsRefund) order.displayFinancialStatus = "REFUNDED";
      return {
        orderCancel: {
          job: { id: `gid://shopify/Job/${mutations.length}`, done: false },
          orderCancelUserErrors: [],
          userErrors: [],
        },
      };
    }
    if (/\borderUpdate\s*\(/.test(query)) {
      mutations.push({ shop, name: "orderUpdate", variables: { ...v } });
      const input = (v.input ?? {}) as { id?: string; shippingAddress?: Record<string, string> };
      const order = mine.find((o) => o.id === input.id);
      const fail = (e: ReturnType<typeof err>) => ({ orderUpdate: { order: null, userErrors: [e] } });
      if (!order) return fail(err(["id"], "Order does not exist"));
      const address = input.shippingAddress;
      if (address) {
        for (const field of ["address1", "city", "countryCode"])
          if (!address[field]) return fail(err(["shippingAddress", field], `${field} can't be blank`));
        order.shippingAddress = {
          ...address,
          countryCodeV2: address.countryCode ?? null,
          phone: address.phone ?? null,
        };
        order.updatedAt = new Date().toISOString();
      }
      return { orderUpdate: { order: { id: order.id }, userErrors: [] } };
    }
    if (/\breturnRequest\s*\(/.test(query)) {
      mutations.push({ shop, name: "returnRequest", variables: { ...v } });
      const input = (v.input ?? {}) as {
        orderId?: string;
        returnLineItems?: { fulfillmentLineItemId: string; quantity: number }[];
      };
      const order = mine.find((o) => o.id === input.orderId);
      const fail = (e: ReturnType<typeof err>) => ({ returnRequest: { return: null, userErrors: [e] } });
      if (!order) return fail(err(["input", "orderId"], "Order does not exist", "NOT_FOUND"));
      const fulfilled = new Map(
        order.fulfillments.flatMap((f) =>
          (f.fulfillmentLineItems?.nodes ?? []).map((n) => [n.id, n.quantity] as const),
        ),
      );
      const items = input.returnLineItems ?? [];
      if (items.length === 0)
        return fail(err(["input", "returnLineItems"], "Return line items can't be empty", "BLANK"));
      for (const item of items)
        if ((fulfilled.get(item.fulfillmentLineItemId) ?? 0) < item.quantity)
          return fail(
            err(
              ["input", "returnLineItems", "fulfillmentLineItemId"],
              "Quantity is not returnable",
              "INVALID",
            ),
          );
      if (order.returnStatus && order.returnStatus !== "NO_RETURN")
        return fail(err(["input", "orderId"], "The order already has an open return", "INVALID_STATE"));
      order.returnStatus = "RETURN_REQUESTED";
      return {
        returnRequest: {
          return: { id: `gid://shopify/Return/${mutations.length}`, status: "REQUESTED" },
          userErrors: [],
        },
      };
    }
    return null;
  }

  const server = createServer(async (req, res) => {
    const body = await read(req);
    const [, shop, ...rest] = (req.url ?? "").split("?")[0]?.split("/") ?? [];
    const path = `/${rest.join("/")}`;
    const send = (status: number, json: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    if (!shop) return send(404, {});

    if (req.method === "POST" && path === "/admin/oauth/access_token") {
      const { client_id, client_secret, code = "" } = JSON.parse(body) as Record<string, string | undefined>;
      if (client_id !== options.apiKey || client_secret !== options.apiSecret || codes.get(code) !== shop)
        return send(400, { error: "invalid_request" });
      codes.delete(code);
      const token = `shpat_${shop.length}${Math.random().toString(36).slice(2)}`;
      tokens.set(token, shop);
      return send(200, { access_token: token, scope: "read_orders,read_customers" });
    }

    const graphql = /^\/admin\/api\/\d{4}-\d{2}\/graphql\.json$/.test(path);
    if (req.method === "POST" && graphql) {
      if (tokens.get(String(req.headers["x-shopify-access-token"])) !== shop)
        return send(401, { errors: "[API] Invalid API key or access token" });
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, string> };
      graphqlCalls.push({ shop, query, at: Date.now() });
      const cost = (requested: number) => ({
        cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: { ...throttle } },
      });
      const fault = faults.shift();
      if (fault === "server_error") return send(503, { errors: "Service Unavailable" });
      if (fault === "throttled") {
        return send(200, {
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
          extensions: {
            cost: {
              requestedQueryCost: 50,
              actualQueryCost: null,
              throttleStatus: { ...throttle, currentlyAvailable: 10 },
            },
          },
        });
      }
      const mine = orders.get(shop) ?? [];
      const currencyCode = currencies.get(shop) ?? "THB";
      if (query.includes("products(")) {
        // Cursor pagination as Shopify pages a connection: the cursor is opaque, here the position after a page.
        const all = products.get(shop) ?? [];
        const first = Number(variables.first ?? 50);
        const from = variables.after
          ? Number(Buffer.from(String(variables.after), "base64url").toString())
          : 0;
        const nodes = all.slice(from, from + first);
        const end = from + nodes.length;
        return send(200, {
          data: {
            shop: { currencyCode },
            products: {
              pageInfo: {
                hasNextPage: end < all.length,
                endCursor: nodes.length > 0 ? Buffer.from(String(end)).toString("base64url") : null,
              },
              nodes,
            },
          },
          extensions: cost(2 + first * 2),
        });
      }
      if (query.includes("shopPolicies")) {
        // Each `alias: translations(locale: "xx")` of the query is answered under its alias, as GraphQL does.
        const aliases = [...query.matchAll(/(\w+):\s*translations\(locale:\s*"([^"]+)"\)/g)];
        const shopPolicies = (policies.get(shop) ?? []).map((p) => ({
          type: p.type,
          title: p.title,
          body: p.body,
          url: p.url,
          ...Object.fromEntries(
            aliases.map(([, alias, locale]) => [
              alias,
              p.translations.filter((t) => t.locale === locale).map((t) => ({ key: t.key, value: t.value })),
            ]),
          ),
        }));
        return send(200, { data: { shop: { shopPolicies } }, extensions: cost(5) });
      }
      if (query.includes("SupportShopCurrency"))
        return send(200, { data: { shop: { currencyCode } }, extensions: cost(1) });
      if (query.includes("webhookSubscriptionCreate")) {
        subscriptions.push({ shop, topic: variables.topic ?? "", uri: variables.uri ?? "" });
        return send(200, {
          data: {
            webhookSubscriptionCreate: {
              webhookSubscription: { id: `gid://shopify/WebhookSubscription/${subscriptions.length}` },
              userErrors: [],
            },
          },
          extensions: cost(10),
        });
      }
      const mutation = orderMutation(shop, query, variables ?? {}, mine);
      if (mutation) return send(200, { data: mutation, extensions: cost(10) });
      if (/\bshop\s*\{/.test(query))
        return send(200, {
          data: { shop: { id: `gid://shopify/Shop/${shop.length}` } },
          extensions: cost(1),
        });
      if (query.includes("order(id:"))
        return send(200, {
          data: { order: mine.find((o) => o.id === variables.id) ?? null },
          extensions: cost(12),
        });
      if (query.includes("orders(")) {
        const q = variables.query ?? "";
        const name = /name:"([^"]+)"/.exec(q)?.[1];
        const email = /email:"([^"]+)"/.exec(q)?.[1];
        const nodes = mine.filter(
          (o) => (name ? o.name === name : true) && (email ? o.email === email : true),
        );
        return send(200, { data: { orders: { nodes } }, extensions: cost(25) });
      }
      return send(400, { errors: [{ message: "unknown operation" }] });
    }
    return send(404, { errors: "Not Found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** The origin template our config takes: "{shop}" is replaced by the shop's domain. */
    originTemplate: `${origin}/{shop}`,
    /** Shopify issues a code when the merchant approves; the test plays the merchant. */
    issueCode: (shop: string) => {
      const code = Math.random().toString(36).slice(2);
      codes.set(code, shop);
      return code;
    },
    setOrders: (shop: string, list: FakeOrder[]) => orders.set(shop, list),
    /** The shop's active products, in the order the API pages them. */
    setProducts: (shop: string, list: FakeProduct[]) => products.set(shop, list),
    setPolicies: (shop: string, list: FakePolicy[]) => policies.set(shop, list),
    /** The shop's currency (THB unless set). */
    setCurrency: (shop: string, code: string) => currencies.set(shop, code),
    /** The shop's order as the fake holds it now (after any mutation). */
    order: (shop: string, id: string) => orders.get(shop)?.find((o) => o.id === id),
    /** The merchant's staff changes an order in the admin (e.g. fulfils it) while the shopper is deciding. */
    updateOrder: (shop: string, id: string, patch: Partial<FakeOrder>) => {
      const list = orders.get(shop) ?? [];
      orders.set(
        shop,
        list.map((o) => (o.id === id ? { ...o, ...patch } : o)),
      );
    },
    mutations,
    /** The next call of `name` answers with this userError (e.g. a payment still authorizing blocks a cancel). */
    rejectNext: (name: RecordedMutation["name"], error: { field: string[]; message: string; code: string }) =>
      void rejections.push({ name, ...error }),
    subscriptions,
    graphqlCalls,
    fail: (...next: Fault[]) => faults.push(...next),
    tokenCount: () => tokens.size,
    /** The merchant uninstalls the app: as Shopify does, every token of the shop stops working at once. */
    uninstall: (shop: string) => {
      for (const [token, owner] of tokens) if (owner === shop) tokens.delete(token);
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function fakeOrder(overrides: Partial<FakeOrder> & Pick<FakeOrder, "id" | "name">): FakeOrder {
  return {
    email: "somchai@example.com",
    phone: "+66812345678",
    createdAt: "2026-11-19T03:00:00Z",
    updatedAt: "2026-11-19T03:00:00Z",
    cancelledAt: null,
    displayFinancialStatus: "PAID",
    displayFulfillmentStatus: "UNFULFILLED",
    totalPriceSet: { shopMoney: { amount: "1290.00", currencyCode: "THB" } },
    shippingAddress: { countryCodeV2: "TH", phone: null },
    lineItems: { nodes: [{ title: "Silk scarf", quantity: 1 }] },
    fulfillments: [],
    ...overrides,
  };
}

/** A product in the Admin API's shape: sizes (M sold out unless given), priced in the shop's currency. */
export function fakeProduct(
  overrides: Partial<FakeProduct> & Pick<FakeProduct, "id" | "title">,
  sizes: { size: string; price: string; available: boolean }[] = [
    { size: "S", price: "1290.00", available: true },
    { size: "M", price: "1290.00", available: false },
    { size: "L", price: "1290.00", available: true },
  ],
): FakeProduct {
  const numeric = overrides.id.split("/").at(-1);
  return {
    description: "",
    onlineStoreUrl: `https://siam-silk.example/products/${numeric}`,
    updatedAt: "2026-11-19T03:00:00Z",
    options: [{ name: "Size" }],
    variants: {
      nodes: sizes.map((s, i) => ({
        id: `gid://shopify/ProductVariant/${numeric}${i}`,
        title: s.size,
        sku: null,
        price: s.price,
        availableForSale: s.available,
        selectedOptions: [{ name: "Size", value: s.size }],
      })),
    },
    ...overrides,
  };
}
