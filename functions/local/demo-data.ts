/**
 * The demo shop of docs/api.md: every market enabled, shopper buyer-1 (siti@example.com) with orders #1001–#1003, a
 * small catalog and help articles in several languages.
 */
import type { Article, Product } from "../domain/knowledge";
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

const KNOWLEDGE_AT = "2026-11-01T00:00:00.000Z";

/** The demo shop's help articles: returns, shipping per market (scoped), payment and COD, store hours, in several languages. */
export const DEMO_ARTICLES: readonly Article[] = [
  {
    id: "returns-en",
    title: "Returns and refunds",
    body: "You can return any item within 14 days of delivery for a full refund. Items must be unused and in their original packaging.\n\nTo start a return, send us your order number. The refund goes back to your original payment method within 5 business days after we receive the item.",
    language: "en",
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "returns-id",
    title: "Pengembalian barang dan refund",
    body: "Kakak bisa mengembalikan barang dalam 14 hari setelah paket diterima untuk refund penuh. Barang harus belum dipakai dan masih dalam kemasan asli.\n\nUntuk memulai retur, kirimkan nomor pesanan Kakak. Dana dikembalikan ke metode pembayaran awal dalam 5 hari kerja setelah barang kami terima.",
    language: "id",
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "shipping-my",
    title: "Shipping to Malaysia",
    body: "Orders to Malaysia are delivered by J&T Express in 3 to 5 business days. Shipping is free for orders over RM 150; otherwise the shipping fee is RM 8.",
    language: "en",
    markets: ["MY"],
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "shipping-ph",
    title: "Shipping to the Philippines",
    body: "Orders to the Philippines are delivered by Ninja Van in 5 to 8 business days; Metro Manila orders arrive sooner. The shipping fee is PHP 120.",
    language: "en",
    markets: ["PH"],
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "payment-en",
    title: "Payment methods and cash on delivery (COD)",
    body: "We accept Visa, Mastercard, PayPal and GrabPay. Cash on delivery (COD) is available for orders under SGD 300 in Singapore, RM 1,000 in Malaysia and THB 5,000 in Thailand.",
    language: "en",
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "payment-th",
    title: "ช่องทางการชำระเงินและเก็บเงินปลายทาง (COD)",
    body: "เรารับชำระผ่านบัตรเครดิต โอนเงินผ่านธนาคาร PromptPay และ TrueMoney Wallet มีบริการเก็บเงินปลายทาง (COD) สำหรับคำสั่งซื้อไม่เกิน 5,000 บาท",
    language: "th",
    markets: ["TH"],
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "hours-ja",
    title: "カスタマーサービスの営業時間",
    body: "カスタマーサービスの営業時間は月曜日から金曜日の10:00〜19:00（日本時間）です。営業時間外のお問い合わせには翌営業日に回答いたします。",
    language: "ja",
    markets: ["JP"],
    updatedAt: KNOWLEDGE_AT,
  },
  {
    id: "hours-zh-Hant",
    title: "客服服務時間",
    body: "客服團隊的服務時間為週一至週五10:00至19:00。非服務時間的訊息將於下一個工作天回覆。",
    language: "zh-Hant",
    markets: ["TW", "HK"],
    updatedAt: KNOWLEDGE_AT,
  },
];

const DRESS_MARKET_PRICES = {
  MY: { price: "189.00", currency: "MYR" },
  ID: { price: "699000", currency: "IDR" },
  TH: { price: "1590", currency: "THB" },
  PH: { price: "2490", currency: "PHP" },
} as const;

/** The demo catalog: a dress in sizes and colours (size M sold out), priced per market, and a power bank. */
export const DEMO_PRODUCTS: readonly Product[] = [
  {
    id: "aurora-wrap-dress",
    title: "Aurora Wrap Dress",
    description:
      "A light wrap dress in breathable viscose, with a tie waist and flutter sleeves. Machine washable.",
    url: "https://demo-shop.example/products/aurora-wrap-dress",
    language: "en",
    options: ["Size", "Colour"],
    variants: ["S", "M", "L"].flatMap((size) =>
      ["Red", "Black"].map((colour) => ({
        id: `aurora-${size}-${colour}`.toLowerCase(),
        title: `${size} / ${colour}`,
        options: { Size: size, Colour: colour },
        price: "59.90",
        currency: "SGD",
        marketPrices: DRESS_MARKET_PRICES,
        available: size !== "M",
      })),
    ),
    translations: { id: { title: "Gaun Lilit Aurora" }, th: { title: "ชุดเดรสป้าย Aurora" } },
    updatedAt: KNOWLEDGE_AT,
    source: "api",
  },
  {
    id: "voltmax-20000",
    title: "VoltMax 20000 Power Bank",
    description: "A 20000 mAh power bank with 22.5 W fast charging, two USB-A ports and one USB-C port.",
    url: "https://demo-shop.example/products/voltmax-20000",
    language: "en",
    options: [],
    variants: [
      {
        id: "voltmax-20000",
        title: "Default",
        options: {},
        price: "39.90",
        currency: "SGD",
        marketPrices: { MY: { price: "119.00", currency: "MYR" }, TH: { price: "990", currency: "THB" } },
        available: true,
      },
    ],
    translations: { th: { title: "พาวเวอร์แบงค์ VoltMax 20000" }, id: { title: "Power Bank VoltMax 20000" } },
    updatedAt: KNOWLEDGE_AT,
    source: "api",
  },
];
