/**
 * The shop's catalog and policies from Shopify, as store knowledge: products (with variants, options and their online
 * store address) through the Admin GraphQL API a page at a time, product webhook bodies (REST shape), and the shop's
 * policies with their published translations in the languages we answer in.
 */
import { z } from "zod";
import {
  KNOWLEDGE_LIMITS,
  type Policy,
  type PolicyKind,
  type Product,
  ProductSchema,
  type Variant,
} from "../../domain/knowledge";
import { LANGUAGE_CODES, type Language } from "../../domain/languages";
import type { ShopifyAdmin } from "./admin-client";

/** Products per page: with 100 variants each, a page costs well under the 1,000-point bucket. */
export const PRODUCTS_PER_PAGE = 25;

export const PRODUCTS_QUERY = `query SupportCatalog($first: Int!, $after: String) {
  shop { currencyCode }
  products(first: $first, after: $after, query: "status:active", sortKey: ID) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id title description onlineStoreUrl updatedAt
      options { name }
      variants(first: 100) { nodes { id title sku price availableForSale selectedOptions { name value } } }
    }
  }
}`;

const GraphQlProduct = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullish(),
  onlineStoreUrl: z.string().nullish(),
  updatedAt: z.string(),
  options: z.array(z.object({ name: z.string() })),
  variants: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        sku: z.string().nullish(),
        price: z.union([z.string(), z.number()]).transform(String),
        availableForSale: z.boolean(),
        selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
      }),
    ),
  }),
});
const ProductsPage = z.object({
  shop: z.object({ currencyCode: z.string() }),
  products: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
    nodes: z.array(GraphQlProduct),
  }),
});

/** "gid://shopify/Product/123" → "123": webhooks name products by the number alone, and ids must meet. */
export const numericId = (gid: string) => gid.split("/").at(-1) ?? gid;

/** A product as store knowledge, or null when Shopify's data cannot be one (no variant, an unknown currency …). */
function toProduct(candidate: Omit<Product, "source">): Product | null {
  const parsed = ProductSchema.safeParse({
    ...candidate,
    title: candidate.title.slice(0, KNOWLEDGE_LIMITS.productTitleChars),
    description: candidate.description.slice(0, KNOWLEDGE_LIMITS.productDescriptionChars),
    variants: candidate.variants.slice(0, KNOWLEDGE_LIMITS.variants),
    options: candidate.options.slice(0, KNOWLEDGE_LIMITS.options),
    source: "shopify",
  });
  return parsed.success ? parsed.data : null;
}

/** One page of the shop's active products; `next` is the cursor of the following page, or null after the last. */
export async function fetchProductPage(
  admin: ShopifyAdmin,
  after: string | null,
): Promise<{ products: Product[]; next: string | null }> {
  const page = ProductsPage.parse(await admin.query(PRODUCTS_QUERY, { first: PRODUCTS_PER_PAGE, after }));
  const currency = page.shop.currencyCode;
  const products = page.products.nodes.flatMap((p) => {
    const product = toProduct({
      id: numericId(p.id),
      title: p.title,
      description: p.description ?? "",
      url: p.onlineStoreUrl ?? undefined,
      options: p.options.map((o) => o.name),
      variants: p.variants.nodes.map(
        (v): Variant => ({
          id: numericId(v.id),
          title: v.title,
          sku: v.sku || undefined,
          options: Object.fromEntries(v.selectedOptions.map((o) => [o.name, o.value])),
          price: v.price,
          currency,
          available: v.availableForSale,
        }),
      ),
      updatedAt: p.updatedAt,
    });
    return product ? [product] : [];
  });
  const { hasNextPage, endCursor } = page.products.pageInfo;
  return { products, next: hasNextPage && endCursor ? endCursor : null };
}

const id = z.union([z.string().min(1), z.number()]).transform(String);

/** A products/create or products/update webhook body (REST shape). */
export const RestProductSchema = z.object({
  id,
  title: z.string(),
  body_html: z.string().nullish(),
  handle: z.string().nullish(),
  status: z.string().nullish(),
  updated_at: z.string(),
  options: z.array(z.object({ name: z.string() })).default([]),
  variants: z
    .array(
      z.object({
        id,
        title: z.string(),
        sku: z.string().nullish(),
        price: z.union([z.string(), z.number()]).transform(String),
        option1: z.string().nullish(),
        option2: z.string().nullish(),
        option3: z.string().nullish(),
        inventory_quantity: z.number().nullish(),
        inventory_policy: z.string().nullish(),
        inventory_management: z.string().nullish(),
      }),
    )
    .default([]),
});
export type RestProduct = z.output<typeof RestProductSchema>;
/**
 * A products/delete body is the id alone; held to exactly that, so a captured product body re-sent under the delete
 * topic (the topic header is unsigned) is refused rather than deleting the product.
 */
export const RestProductDeleteSchema = z.object({ id }).strict();

/** HTML to the text a shopper reads: tags dropped, entities and spaces tidied. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n\s*/g, "\n\n")
    .trim();
}

/**
 * A webhook's product as store knowledge, priced in the shop's currency (a REST body carries none). A variant is
 * available when Shopify does not track it, sells it out of stock, or has it in stock. Null for a product that is not
 * active (a draft or archived product is not for sale) or cannot be one.
 */
export function fromRestProduct(product: RestProduct, shopDomain: string, currency: string): Product | null {
  if (product.status && product.status !== "active") return null;
  const names = product.options.map((o) => o.name);
  return toProduct({
    id: product.id,
    title: product.title,
    description: htmlToText(product.body_html ?? ""),
    url: product.handle ? `https://${shopDomain}/products/${encodeURIComponent(product.handle)}` : undefined,
    options: names,
    variants: product.variants.map((v) => ({
      id: v.id,
      title: v.title,
      sku: v.sku || undefined,
      options: Object.fromEntries(
        [v.option1, v.option2, v.option3].flatMap((value, i) =>
          value && names[i] ? [[names[i] as string, value]] : [],
        ),
      ),
      price: v.price,
      currency,
      available:
        !v.inventory_management || v.inventory_policy === "continue" || (v.inventory_quantity ?? 0) > 0,
    })),
    updatedAt: new Date(product.updated_at).toISOString(),
  });
}

const SHOP_CURRENCY_QUERY = "query SupportShopCurrency { shop { currencyCode } }";

/** The shop's currency: what its REST product bodies are priced in. */
export async function fetchShopCurrency(admin: ShopifyAdmin): Promise<string> {
  return z
    .object({ shop: z.object({ currencyCode: z.string() }) })
    .parse(await admin.query(SHOP_CURRENCY_QUERY)).shop.currencyCode;
}

/** Shopify's policy types we answer from, and the kind each becomes. */
const POLICY_TYPES: Readonly<Record<string, PolicyKind>> = {
  REFUND_POLICY: "refund",
  SHIPPING_POLICY: "shipping",
  PRIVACY_POLICY: "privacy",
  TERMS_OF_SERVICE: "terms",
};

/** Shopify's locale for each of our languages (Chinese by script: zh-CN, zh-TW). */
const SHOPIFY_LOCALES: Readonly<Record<Language, string>> = {
  en: "en",
  id: "id",
  ms: "ms",
  th: "th",
  vi: "vi",
  fil: "fil",
  "zh-Hans": "zh-CN",
  "zh-Hant": "zh-TW",
  ja: "ja",
  ko: "ko",
  hi: "hi",
};
const alias = (language: Language) => `t_${language.replace("-", "_")}`;

/** The shop's policies, each with its published translations (aliases, one per language we answer in). */
export const POLICIES_QUERY = `query SupportPolicies {
  shop {
    shopPolicies {
      type title body url
      ${LANGUAGE_CODES.map((l) => `${alias(l)}: translations(locale: "${SHOPIFY_LOCALES[l]}") { key value }`).join("\n      ")}
    }
  }
}`;

const Translation = z.array(z.object({ key: z.string(), value: z.string().nullish() }));
const PoliciesResult = z.object({
  shop: z.object({
    shopPolicies: z.array(
      z
        .object({ type: z.string(), title: z.string(), body: z.string(), url: z.string().nullish() })
        .catchall(z.unknown()),
    ),
  }),
});

/**
 * The shop's refund, shipping, privacy and terms policies, their text in `language` (the shop's own; Shopify does not
 * say which it is) and every published translation into another language we answer in. Empty policies are left out.
 */
export async function fetchPolicies(admin: ShopifyAdmin, language: Language = "en"): Promise<Policy[]> {
  const result = PoliciesResult.parse(await admin.query(POLICIES_QUERY));
  return result.shop.shopPolicies.flatMap((p): Policy[] => {
    const kind = POLICY_TYPES[p.type];
    const body = htmlToText(p.body).slice(0, KNOWLEDGE_LIMITS.policyBodyChars);
    if (!kind || !body) return [];
    const translations: NonNullable<Policy["translations"]> = {};
    for (const l of LANGUAGE_CODES) {
      if (l === language) continue;
      const entries = Translation.safeParse(p[alias(l)]);
      if (!entries.success) continue;
      const value = (key: string) => entries.data.find((e) => e.key === key)?.value ?? undefined;
      const translatedBody = htmlToText(value("body") ?? "").slice(0, KNOWLEDGE_LIMITS.policyBodyChars);
      if (translatedBody)
        translations[l] = {
          title: (value("title") ?? p.title).slice(0, KNOWLEDGE_LIMITS.articleTitleChars),
          body: translatedBody,
        };
    }
    return [
      {
        kind,
        title: p.title.slice(0, KNOWLEDGE_LIMITS.articleTitleChars),
        body,
        language,
        ...(Object.keys(translations).length > 0 ? { translations } : {}),
        ...(p.url ? { url: p.url } : {}),
      },
    ];
  });
}
