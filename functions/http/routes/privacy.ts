/** GET /v1/privacy/exports/{requestId}: the seller fetches what a customers/data_request export produced. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { notFound } from "../../domain/errors";
import type { ShopifyStore } from "../../domain/shopify";
import type { AppEnv } from "../auth";
import { ErrorSchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };

const route = createRoute({
  method: "get",
  path: "/v1/privacy/exports/{requestId}",
  summary: "Everything we hold on a customer, exported for a Shopify data request",
  security: [{ shopApiKey: [] }],
  request: { params: z.object({ requestId: z.string().min(1).max(100) }) },
  responses: {
    200: {
      description: "The export",
      content: { "application/json": { schema: z.object({}).passthrough() } },
    },
    401: error,
    404: error,
  },
});

export function registerPrivacyRoutes(app: OpenAPIHono<AppEnv>, shopify: ShopifyStore) {
  app.openapi(route, async (c) => {
    const found = await shopify.getExport(c.get("shop").id, c.req.valid("param").requestId);
    if (!found) throw notFound("Export");
    return c.json(
      { requestId: c.req.valid("param").requestId, generatedAt: found.at, data: found.data },
      200,
    );
  });
}
