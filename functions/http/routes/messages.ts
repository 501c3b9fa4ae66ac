/** POST /v1/messages: a shopper's message from any channel that calls us directly, answered synchronously. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { AppError } from "../../domain/errors";
import { handleShopperMessage, type MessageDeps } from "../../domain/handle-message";
import { isMarketCode, MARKET_CODES, type MarketCode } from "../../domain/markets";
import type { AppEnv } from "../auth";
import { ErrorSchema, MessageRequestSchema, MessageResponseSchema } from "../message-schemas";

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: "Error", content: { "application/json": { schema: ErrorSchema } } },
    ]),
  );

const route = createRoute({
  method: "post",
  path: "/v1/messages",
  summary: "Answer a shopper's message",
  security: [{ shopApiKey: [] }],
  request: { body: { required: true, content: { "application/json": { schema: MessageRequestSchema } } } },
  responses: {
    200: {
      description:
        "The AI's reply or the escalation; a repeated messageId gets the first answer (409 message_id_reused if its text differs)",
      content: { "application/json": { schema: MessageResponseSchema } },
    },
    ...errors(400, 401, 409, 413, 415, 429, 503),
  },
});

export function registerMessageRoutes(app: OpenAPIHono<AppEnv>, deps: MessageDeps) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const shop = c.get("shop");
    const market = resolveMarket(body.market, shop.markets);
    const result = await handleShopperMessage(deps, {
      shopId: shop.id,
      channel: body.channel,
      threadId: body.conversationId,
      messageId: body.messageId,
      market,
      marketOverrides: shop.marketOverrides,
      orderLookup: shop.orderLookup,
      retentionDays: shop.retentionDays,
      knowledgeVersion: shop.knowledgeVersion,
      actions: shop.actions,
      shopper: body.shopper,
      text: body.text,
      sentAt: body.sentAt ? new Date(body.sentAt).toISOString() : undefined,
      rating: body.rating,
      rejectReusedId: true,
    });
    return c.json(result, 200);
  });
}

/**
 * A market must be one of docs/requirements.md's and enabled for the shop. It may be left out only where it can be derived,
 * the shop having one market enabled: guessing among several would send a shopper to another region's team.
 */
function resolveMarket(requested: string | undefined, enabled: readonly string[]): MarketCode {
  const shopMarkets = enabled.filter(isMarketCode);
  if (requested === undefined) {
    const only = shopMarkets.length === 1 ? shopMarkets[0] : undefined;
    if (!only)
      throw new AppError(
        "market_required",
        `Send "market": this shop sells in ${shopMarkets.length > 1 ? shopMarkets.join(", ") : "no enabled market"}, so the storefront the shopper wrote from cannot be derived.`,
        { field: "market", validMarkets: shopMarkets.length > 0 ? shopMarkets : MARKET_CODES },
      );
    return only;
  }
  const code = requested.toUpperCase();
  if (!isMarketCode(code)) {
    throw new AppError(
      "unknown_market",
      `Unknown market "${requested}". Use one of: ${MARKET_CODES.join(", ")}.`,
      {
        field: "market",
        validMarkets: MARKET_CODES,
      },
    );
  }
  if (!shopMarkets.includes(code)) {
    throw new AppError(
      "unknown_market",
      `Market ${code} is not enabled for this shop. Enabled: ${shopMarkets.join(", ")}.`,
      {
        field: "market",
        validMarkets: shopMarkets,
      },
    );
  }
  return code;
}
