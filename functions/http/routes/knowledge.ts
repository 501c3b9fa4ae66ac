/**
 * Store knowledge (docs/api.md "Store knowledge"): the shop's help articles and catalog, its policies as read from
 * Shopify, and the seller's test box, POST /v1/knowledge/ask, which answers with the same search and answer builder as
 * the reply pipeline.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../domain/errors";
import {
  catalogSyncEvent,
  KNOWLEDGE_LIMITS,
  KnowledgeIdSchema,
  KnowledgeLimitError,
  type KnowledgeBase,
  type KnowledgeStore,
  POLICY_KINDS,
  type Product,
} from "../../domain/knowledge";
import { INITIAL_MEMORY } from "../../domain/conversation";
import { type Intent, STORE_INTENTS } from "../../domain/intent";
import type { ReplyModel } from "../../domain/model";
import {
  answerStoreQuestion,
  KNOWLEDGE_FALLBACKS,
  type ShownStoreAnswer,
  showStoreAnswer,
} from "../../domain/store-answer";
import type { ShopId } from "../../domain/ids";
import { LANGUAGE_CODES, type Language } from "../../domain/languages";
import { CURRENCY_CODES, isMarketCode, MARKET_CODES, type MarketCode, MARKETS } from "../../domain/markets";
import type { Clock, LocaleText, Understanding } from "../../domain/ports";
import type { ShopifyEventQueue } from "../../domain/shopify-events";
import type { AppEnv } from "../auth";
import { errorResponses } from "../schemas";

export interface KnowledgeRouteDeps {
  readonly knowledgeStore: KnowledgeStore;
  readonly knowledge: KnowledgeBase;
  readonly translator: LocaleText;
  readonly understanding: Understanding;
  readonly clock: Clock;
  /** The model shoppers' store questions are answered by, when one is configured: the test box asks it too. */
  readonly model?: ReplyModel | undefined;
  /** Where POST /v1/catalog/sync queues the Shopify catalog sync; absent, the route answers 503. */
  readonly shopifyEvents: ShopifyEventQueue | undefined;
}

const LanguageCode = z.enum(LANGUAGE_CODES);
const Market = z.enum(MARKET_CODES);
const Price = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount such as "19.90"')
  .openapi({ example: "19.90" });
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as SGD")
  .openapi({ example: "SGD", description: `ISO 4217 (${CURRENCY_CODES.join(", ")}, …)` });

const ArticleFields = {
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.articleTitleChars).openapi({ example: "Returns" }),
  body: z
    .string()
    .trim()
    .min(1)
    .max(KNOWLEDGE_LIMITS.articleBodyChars)
    .openapi({ example: "You can return any item within 14 days of delivery." }),
  language: LanguageCode,
  markets: z
    .array(Market)
    .min(1)
    .max(MARKET_CODES.length)
    .optional()
    .openapi({ description: "The markets it holds in; absent: all" }),
};
/** An article as the seller sends it (the API's body, the inbox's form): the same limits either way. */
export const ArticleInput = z.object(ArticleFields).openapi("ArticleInput");
const ArticleSchema = z
  .object({ id: z.string(), ...ArticleFields, updatedAt: z.string() })
  .openapi("Article");
const ArticleList = z
  .object({ items: z.array(ArticleSchema), nextCursor: z.string().nullable() })
  .openapi("ArticleList");

const VariantInput = z
  .object({
    id: KnowledgeIdSchema,
    title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.productTitleChars),
    sku: z.string().max(100).optional(),
    options: z
      .record(z.string().min(1).max(100), z.string().min(1).max(100))
      .openapi({ example: { Size: "M" }, description: "Option name → value" }),
    price: Price,
    currency: Currency,
    marketPrices: z
      .partialRecord(Market, z.object({ price: Price, currency: Currency }))
      .optional()
      .openapi({ description: "The price in a market's own currency, where the seller sets one" }),
    available: z.boolean(),
  })
  .openapi("ProductVariant");
const ProductFields = {
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.productTitleChars),
  description: z.string().max(KNOWLEDGE_LIMITS.productDescriptionChars),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  language: LanguageCode.optional(),
  options: z.array(z.string().min(1).max(100)).max(KNOWLEDGE_LIMITS.options),
  variants: z.array(VariantInput).min(1).max(KNOWLEDGE_LIMITS.variants),
  translations: z
    .partialRecord(
      LanguageCode,
      z.object({
        title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.productTitleChars),
        description: z.string().max(KNOWLEDGE_LIMITS.productDescriptionChars).optional(),
      }),
    )
    .optional()
    .openapi({ description: "The title (and description) in other languages" }),
};
const ProductInput = z
  .object(ProductFields)
  .superRefine((product, ctx) => {
    product.variants.forEach((variant, i) => {
      for (const option of Object.keys(variant.options))
        if (!product.options.includes(option))
          ctx.addIssue({
            code: "custom",
            path: ["variants", i, "options", option],
            message: `"${option}" is not one of the product's options.`,
          });
      if (!isCurrencyCode(variant.currency))
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "currency"],
          message: "Not an ISO 4217 currency.",
        });
    });
  })
  .openapi("ProductInput");
const ProductSchema = z
  .object({
    id: z.string(),
    ...ProductFields,
    updatedAt: z.string(),
    source: z.enum(["api", "shopify"]),
  })
  .openapi("Product");
const ProductList = z
  .object({ items: z.array(ProductSchema), nextCursor: z.string().nullable() })
  .openapi("ProductList");
const PolicySchema = z
  .object({
    kind: z.enum(POLICY_KINDS),
    title: z.string(),
    body: z.string(),
    language: LanguageCode,
    translations: z.partialRecord(LanguageCode, z.object({ title: z.string(), body: z.string() })).optional(),
    url: z.string().optional(),
  })
  .openapi("Policy");
const PolicyList = z.object({ items: z.array(PolicySchema) }).openapi("PolicyList");

const SourceSchema = z
  .object({ type: z.enum(["article", "product", "policy"]), id: z.string() })
  .openapi("KnowledgeSource");
const AskInput = z
  .object({
    question: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .openapi({ example: "Is the Aurora dress available in size M?" }),
    market: z.string().length(2).openapi({ example: "SG" }),
    language: LanguageCode.optional().openapi({ description: "Detected from the question when absent" }),
  })
  .openapi("KnowledgeQuestion");
const AskOutput = z
  .object({
    answered: z.boolean(),
    text: z.string(),
    language: LanguageCode,
    sources: z.array(SourceSchema),
    engine: z.enum(["embedded", "openai"]).openapi({
      description:
        "Who wrote the answer, as a shopper would get it: the configured model (its citations checked) or the embedded engine",
    }),
    fallbackReason: z.enum(KNOWLEDGE_FALLBACKS).optional().openapi({
      description:
        "With a model configured, why the embedded engine answered instead: the model's answer cited nothing, cited a passage it was not given, wrote a number its passages lack, or failed; or nothing was found to ask it about",
    }),
  })
  .openapi("KnowledgeAnswer");
const SyncOutput = z.object({ queued: z.literal(true) }).openapi("CatalogSync");

const isCurrencyCode = (code: string) => {
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return true;
  } catch {
    return false;
  }
};

const Page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
});
const ArticleParams = z.object({ articleId: KnowledgeIdSchema });
const ProductParams = z.object({ productId: KnowledgeIdSchema });
const security = [{ shopApiKey: [] }];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const noContent = { 204: { description: "Deleted" } };

const routes = {
  putArticle: createRoute({
    method: "put",
    path: "/v1/knowledge/articles/{articleId}",
    summary: "Create or replace a help article",
    security,
    request: {
      params: ArticleParams,
      body: { required: true, content: { "application/json": { schema: ArticleInput } } },
    },
    responses: { 200: json(ArticleSchema, "The article"), ...errorResponses(400, 401, 409, 413, 415) },
  }),
  getArticle: createRoute({
    method: "get",
    path: "/v1/knowledge/articles/{articleId}",
    summary: "A help article",
    security,
    request: { params: ArticleParams },
    responses: { 200: json(ArticleSchema, "The article"), ...errorResponses(400, 401, 404) },
  }),
  deleteArticle: createRoute({
    method: "delete",
    path: "/v1/knowledge/articles/{articleId}",
    summary: "Delete a help article",
    security,
    request: { params: ArticleParams },
    responses: { ...noContent, ...errorResponses(400, 401, 404) },
  }),
  listArticles: createRoute({
    method: "get",
    path: "/v1/knowledge/articles",
    summary: "The shop's help articles, by id",
    security,
    request: { query: Page },
    responses: { 200: json(ArticleList, "One page of articles"), ...errorResponses(400, 401) },
  }),
  putProduct: createRoute({
    method: "put",
    path: "/v1/catalog/products/{productId}",
    summary: "Create or replace a product",
    security,
    request: {
      params: ProductParams,
      body: { required: true, content: { "application/json": { schema: ProductInput } } },
    },
    responses: { 200: json(ProductSchema, "The product"), ...errorResponses(400, 401, 409, 413, 415) },
  }),
  getProduct: createRoute({
    method: "get",
    path: "/v1/catalog/products/{productId}",
    summary: "A product",
    security,
    request: { params: ProductParams },
    responses: { 200: json(ProductSchema, "The product"), ...errorResponses(400, 401, 404) },
  }),
  deleteProduct: createRoute({
    method: "delete",
    path: "/v1/catalog/products/{productId}",
    summary: "Delete a product",
    security,
    request: { params: ProductParams },
    responses: { ...noContent, ...errorResponses(400, 401, 404) },
  }),
  listProducts: createRoute({
    method: "get",
    path: "/v1/catalog/products",
    summary: "The shop's catalog, by id (from the API and from Shopify)",
    security,
    request: { query: Page },
    responses: { 200: json(ProductList, "One page of products"), ...errorResponses(400, 401) },
  }),
  sync: createRoute({
    method: "post",
    path: "/v1/catalog/sync",
    summary: "Read the catalog and the policies from Shopify again (queued)",
    security,
    responses: { 202: json(SyncOutput, "Queued"), ...errorResponses(401, 409, 503) },
  }),
  policies: createRoute({
    method: "get",
    path: "/v1/knowledge/policies",
    summary: "The shop's policies as last read from Shopify",
    security,
    responses: { 200: json(PolicyList, "The policies"), ...errorResponses(401) },
  }),
  ask: createRoute({
    method: "post",
    path: "/v1/knowledge/ask",
    summary: "Ask the shop's knowledge a question, as a shopper would (the seller's test box)",
    security,
    request: { body: { required: true, content: { "application/json": { schema: AskInput } } } },
    responses: {
      200: json(AskOutput, "The answer the AI would give from the shop's knowledge, with its sources"),
      ...errorResponses(400, 401, 413, 415),
    },
  }),
};

const limitReached = (error: unknown): never => {
  if (error instanceof KnowledgeLimitError)
    throw new AppError(
      "knowledge_limit_reached",
      `The shop already has ${error.limit} ${error.kind}, as many as its store knowledge holds; delete some first.`,
      { kind: error.kind, limit: error.limit },
    );
  throw error;
};

/** Registers the store knowledge routes; `forgetShop` drops this instance's cached copy of a shop after a write. */
export function registerKnowledgeRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: KnowledgeRouteDeps,
  forgetShop: (shopId: string) => void = () => undefined,
) {
  const store = deps.knowledgeStore;
  const now = () => deps.clock.now().toISOString();

  app.openapi(routes.putArticle, async (c) => {
    const shopId = c.get("shop").id;
    const article = { id: c.req.valid("param").articleId, ...c.req.valid("json"), updatedAt: now() };
    await store.putArticle(shopId, article).catch(limitReached);
    forgetShop(shopId);
    return c.json(article, 200);
  });
  app.openapi(routes.getArticle, async (c) => {
    const article = await store.getArticle(c.get("shop").id, c.req.valid("param").articleId);
    if (!article) throw new AppError("not_found", "No such article.");
    return c.json(article, 200);
  });
  app.openapi(routes.deleteArticle, async (c) => {
    const shopId = c.get("shop").id;
    if (!(await store.deleteArticle(shopId, c.req.valid("param").articleId)))
      throw new AppError("not_found", "No such article.");
    forgetShop(shopId);
    return c.body(null, 204);
  });
  app.openapi(routes.listArticles, async (c) => {
    const page = await store.listArticles(c.get("shop").id, c.req.valid("query"));
    return c.json({ items: [...page.items], nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.putProduct, async (c) => {
    const shopId = c.get("shop").id;
    const product: Product = {
      id: c.req.valid("param").productId,
      ...c.req.valid("json"),
      updatedAt: now(),
      source: "api",
    };
    await store.putProduct(shopId, product).catch(limitReached);
    forgetShop(shopId);
    return c.json(product, 200);
  });
  app.openapi(routes.getProduct, async (c) => {
    const product = await store.getProduct(c.get("shop").id, c.req.valid("param").productId);
    if (!product) throw new AppError("not_found", "No such product.");
    return c.json(product, 200);
  });
  app.openapi(routes.deleteProduct, async (c) => {
    const shopId = c.get("shop").id;
    if (!(await store.deleteProduct(shopId, c.req.valid("param").productId, now())))
      throw new AppError("not_found", "No such product.");
    forgetShop(shopId);
    return c.body(null, 204);
  });
  app.openapi(routes.listProducts, async (c) => {
    const page = await store.listProducts(c.get("shop").id, c.req.valid("query"));
    return c.json({ items: [...page.items], nextCursor: page.nextCursor }, 200);
  });

  app.openapi(routes.sync, async (c) => {
    if (!deps.shopifyEvents)
      throw new AppError(
        "dependency_unavailable",
        "The Shopify events queue is not configured on this deployment.",
      );
    const shopId = c.get("shop").id;
    if (!/\.myshopify\.com$/.test(shopId))
      throw new AppError(
        "conflict",
        "The shop is not a Shopify shop: its catalog comes from this API alone.",
      );
    await deps.shopifyEvents.send(catalogSyncEvent(shopId, { after: null, startedAt: now() }));
    return c.json({ queued: true as const }, 202);
  });
  app.openapi(routes.policies, async (c) =>
    c.json({ items: await store.listPolicies(c.get("shop").id) }, 200),
  );

  app.openapi(routes.ask, async (c) => {
    const body = c.req.valid("json");
    if (!isMarketCode(body.market))
      throw new AppError("unknown_market", `Unknown market ${body.market}.`, {
        path: "market",
        allowed: MARKET_CODES,
      });
    const answer = await askKnowledge(deps, c.get("shop").id, { ...body, market: body.market });
    return c.json(
      {
        answered: answer.answered,
        text: answer.text,
        language: answer.language,
        sources: answer.sources.map((s) => ({ type: s.type, id: s.id })),
        engine: answer.engine,
        ...(answer.fallbackReason ? { fallbackReason: answer.fallbackReason } : {}),
      },
      200,
    );
  });
}

/**
 * The seller's test box (POST /v1/knowledge/ask and the inbox's knowledge page): the answer the AI would give a shopper
 * in `market` who asks this as their first message, in the question's language unless one is given — by the same
 * domain function as the reply pipeline, so with a model configured it is the model's checked answer or its fallback.
 */
export async function askKnowledge(
  deps: Pick<KnowledgeRouteDeps, "knowledgeStore" | "knowledge" | "translator" | "understanding" | "model">,
  shopId: ShopId,
  question: { question: string; market: MarketCode; language?: Language | undefined },
): Promise<ShownStoreAnswer & { language: Language }> {
  const market = MARKETS[question.market];
  const language: Language =
    question.language ?? deps.understanding.detectLanguage(question.question, market, undefined).language;
  // The topic as the pipeline reads it breaks near-ties between a product and an article; a shopper's question on
  // another topic never reaches the knowledge, so the test box asks it without one.
  const classified = deps.understanding.classify(question.question).intent;
  const intent: Intent = STORE_INTENTS.has(classified) ? classified : "unknown";
  const asked = {
    request: { question: question.question, market: question.market, language, intent },
    market,
    memory: INITIAL_MEMORY,
    shopperName: undefined,
    transcript: [],
    firstReply: true,
  };
  // The seller just wrote to the knowledge: read its version now rather than from the cached shop. No metrics: a
  // seller's test is not a shopper's answer.
  const answer = await answerStoreQuestion(
    { knowledge: deps.knowledge, translator: deps.translator, model: deps.model },
    { id: shopId, knowledgeVersion: await deps.knowledgeStore.version(shopId) },
    asked,
  );
  return { ...showStoreAnswer(deps.translator, answer, asked), language };
}
