/** The demo shop of docs/api.md: every market enabled, shopper buyer-1 (siti@example.com) with orders #1001–#1003. */
import type { OrderSnapshot } from "../domain/order";

export const DEMO_SHOP_ID = "demo-shop.myshopify.com";
export const DEMO_SHOPPER = {
  id: "buyer-1",
  name: "Siti",
  email: "siti@example.com",
  phone: "+6281234567890",
} as const;

const base = {
  email: DEMO_SHOPPER.email,
  phone: DEMO_SHOPPER.phone,
  shippingCountry: "ID",
} as const;

export const DEMO_ORDERS: readonly OrderSnapshot[] = [
  {
    ...base,
    id: "gid://shopify/Order/5730000000001001",
    name: "#1001",
    createdAt: "2026-11-10T03:00:00.000Z",
    cancelledAt: null,
    financialStatus: "PAID",
    fulfillmentStatus: "FULFILLED",
    total: { amount: "249000", currency: "IDR" },
    tracking: [
      { company: "J&T Express", number: "JT0001234567", url: "https://jet.co.id/track?awb=JT0001234567" },
    ],
    lineItems: [{ title: "Batik Shirt", quantity: 1 }],
    updatedAt: "2026-11-12T08:00:00.000Z",
  },
  {
    ...base,
    id: "gid://shopify/Order/5730000000001002",
    name: "#1002",
    createdAt: "2026-11-18T05:30:00.000Z",
    cancelledAt: null,
    financialStatus: "PAID",
    fulfillmentStatus: "UNFULFILLED",
    total: { amount: "120000", currency: "IDR" },
    tracking: [],
    lineItems: [{ title: "Rattan Bag", quantity: 1 }],
    updatedAt: "2026-11-18T05:30:00.000Z",
  },
  {
    ...base,
    id: "gid://shopify/Order/5730000000001003",
    name: "#1003",
    createdAt: "2026-10-20T02:00:00.000Z",
    cancelledAt: "2026-10-21T04:00:00.000Z",
    financialStatus: "REFUNDED",
    fulfillmentStatus: "UNFULFILLED",
    total: { amount: "89000", currency: "IDR" },
    tracking: [],
    lineItems: [{ title: "Sambal Gift Set", quantity: 2 }],
    updatedAt: "2026-10-21T04:00:00.000Z",
  },
];

/** Where the demo shopper's orders are indexed: contact details and the buyer id on the direct channels. */
export const DEMO_LOOKUP_KEYS = [
  `email:${DEMO_SHOPPER.email}`,
  `phone:${DEMO_SHOPPER.phone}`,
  `buyer:api:${DEMO_SHOPPER.id}`,
  `buyer:web:${DEMO_SHOPPER.id}`,
] as const;
