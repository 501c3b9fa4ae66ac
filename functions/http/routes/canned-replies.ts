/** GET/PUT /v1/canned-replies: the shop's own canned replies, offered to agents in the shopper's language. */
import { randomUUID } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { LOCALES } from "../../adapters/i18n/resources";
import type { CannedReplyStore } from "../../domain/ports";
import type { AppEnv } from "../auth";
import { errorResponses } from "../schemas";

export const MAX_CANNED_REPLIES = 100;

const CannedReplyFields = z.object({
  id: z.string().regex(/^[\w-]{1,64}$/),
  title: z.string().trim().min(1).max(80),
  language: z.enum(LOCALES as [string, ...string[]]),
  text: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .openapi({ description: "May use {{shopper}}, {{order}} and {{agent}}" }),
});
const CannedReplySchema = CannedReplyFields.openapi("CannedReply");
// The id is the server's to give: a request may carry one (to keep a reply's id) but never needs to.
const CannedReplyInputSchema = CannedReplyFields.partial({ id: true }).openapi("CannedReplyInput");
// The list convention of docs/api.md; at most 100 replies, so there is never a next page.
const CannedReplyList = z
  .object({ items: z.array(CannedReplySchema), nextCursor: z.null() })
  .openapi("CannedReplyList");
const CannedReplyInput = z
  .object({
    items: z
      .array(CannedReplyInputSchema)
      .max(MAX_CANNED_REPLIES)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (item.id === undefined) return;
          if (seen.has(item.id))
            ctx.addIssue({ code: "custom", path: [i, "id"], message: "Each reply's id must be unique." });
          seen.add(item.id);
        });
      }),
  })
  .openapi("CannedReplyListInput");

const getRoute = createRoute({
  method: "get",
  path: "/v1/canned-replies",
  summary: "The shop's own canned replies (the built-in ones come with every locale)",
  security: [{ shopApiKey: [] }],
  responses: {
    200: { description: "The replies", content: { "application/json": { schema: CannedReplyList } } },
    ...errorResponses(401),
  },
});

const putRoute = createRoute({
  method: "put",
  path: "/v1/canned-replies",
  summary: "Replace the shop's canned replies (at most 100; an item without an id gets one)",
  security: [{ shopApiKey: [] }],
  request: { body: { required: true, content: { "application/json": { schema: CannedReplyInput } } } },
  responses: {
    200: { description: "The stored replies", content: { "application/json": { schema: CannedReplyList } } },
    ...errorResponses(400, 401, 413, 415),
  },
});

export function registerCannedReplyRoutes(app: OpenAPIHono<AppEnv>, store: CannedReplyStore) {
  app.openapi(getRoute, async (c) =>
    c.json({ items: await store.list(c.get("shop").id), nextCursor: null }, 200),
  );
  app.openapi(putRoute, async (c) => {
    const items = c.req.valid("json").items.map((r) => ({ ...r, id: r.id ?? randomUUID() }));
    await store.replace(c.get("shop").id, items);
    return c.json({ items, nextCursor: null }, 200);
  });
}
