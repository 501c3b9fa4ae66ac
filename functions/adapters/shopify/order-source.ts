/** Orders straight from the shop's Admin GraphQL API, for cache misses and events that carry only an order id. */
import { z } from "zod";
import type { OrderSnapshot } from "../../domain/order";
import type { ShopifyAdmin } from "./admin-client";
import { fromGraphQlOrder, GraphQlOrderSchema, ORDER_FIELDS } from "./order-mapping";

const SEARCH = `query SupportOrderSearch($query: String!) { orders(first: 5, query: $query, sortKey: CREATED_AT, reverse: true) { nodes { ${ORDER_FIELDS} } } }`;
const BY_ID = `query SupportOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

const SearchResult = z.object({ orders: z.object({ nodes: z.array(GraphQlOrderSchema) }) });
const ByIdResult = z.object({ order: GraphQlOrderSchema.nullable() });

/** Shopify search syntax: quote the value so a shopper's text cannot add terms to the query. */
const term = (field: string, value: string) => `${field}:"${value.replace(/["\\]/g, "")}"`;

export interface ShopifyOrders {
  byName(name: string): Promise<OrderSnapshot | null>;
  byEmail(email: string): Promise<OrderSnapshot[]>;
  byId(id: string): Promise<OrderSnapshot | null>;
}

export function createShopifyOrders(admin: ShopifyAdmin): ShopifyOrders {
  const search = async (query: string) =>
    SearchResult.parse(await admin.query(SEARCH, { query })).orders.nodes.map(fromGraphQlOrder);
  return {
    async byName(name) {
      const wanted = name.startsWith("#") ? name : `#${name}`;
      return (
        (await search(term("name", wanted))).find((o) => o.name.toUpperCase() === wanted.toUpperCase()) ??
        null
      );
    },
    byEmail: (email) => search(term("email", email.toLowerCase())),
    async byId(id) {
      const result = ByIdResult.parse(await admin.query(BY_ID, { id }));
      return result.order ? fromGraphQlOrder(result.order) : null;
    },
  };
}
