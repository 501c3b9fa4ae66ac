/** GET/PUT /v1/settings: what the seller controls: markets, posture and teams per market, hours, retention, lookups, notifications. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { SecretBox } from "../../adapters/crypto/secret-box";
import { MARKET_CODES, REGIONS, type Region } from "../../domain/markets";
import {
  type NotificationTarget,
  notificationContext,
  type ShopRecord,
  type ShopStore,
} from "../../domain/ports";
import type { AppEnv } from "../auth";
import { ErrorSchema } from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

const MarketOverrideSchema = z
  .object({
    posture: z.enum(["ai-first", "hybrid", "cautious"]).optional(),
    region: z.enum(REGIONS).optional(),
    firstResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
    businessHours: z
      .object({ days: z.array(z.number().int().min(1).max(7)).max(7), open: time, close: time })
      .refine((h) => h.open < h.close, "open must be before close")
      .optional(),
  })
  .strict();

const NotificationSchema = z.object({
  url: z.url().refine((u) => u.startsWith("https://"), "must be https"),
  secret: z.string().min(16).max(200),
});

export const SettingsSchema = z
  .object({
    markets: z.array(z.enum(MARKET_CODES)).min(1),
    marketOverrides: z.partialRecord(z.enum(MARKET_CODES), MarketOverrideSchema).default({}),
    orderLookup: z.enum(["cache_then_shopify", "cache_only"]).default("cache_then_shopify"),
    retentionDays: z.number().int().min(1).max(3650).nullable().default(null),
    notifications: z.partialRecord(z.enum(REGIONS), NotificationSchema).default({}),
  })
  .strict()
  .openapi("Settings");

/** Notification secrets are write-only: reads show where notifications go, never the secret. */
const view = (shop: ShopRecord) => ({
  shopId: shop.id,
  markets: [...shop.markets],
  marketOverrides: JSON.parse(JSON.stringify(shop.marketOverrides ?? {})) as Record<
    string,
    Record<string, unknown>
  >,
  orderLookup: shop.orderLookup ?? "cache_then_shopify",
  retentionDays: shop.retentionDays ?? null,
  notifications: Object.fromEntries(
    Object.entries(shop.notifications ?? {}).map(([region, n]) => [region, { url: n?.url }]),
  ),
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/settings",
  summary: "The shop's settings",
  security: [{ shopApiKey: [] }],
  responses: {
    200: { description: "Settings", content: { "application/json": { schema: z.object({}).passthrough() } } },
    401: error,
  },
});

const putRoute = createRoute({
  method: "put",
  path: "/v1/settings",
  summary: "Replace the shop's settings",
  security: [{ shopApiKey: [] }],
  request: { body: { required: true, content: { "application/json": { schema: SettingsSchema } } } },
  responses: {
    200: { description: "Settings", content: { "application/json": { schema: z.object({}).passthrough() } } },
    400: error,
    401: error,
  },
});

export function registerSettingsRoutes(
  app: OpenAPIHono<AppEnv>,
  shops: ShopStore,
  secrets: SecretBox,
  onChange: (shopId: string) => void,
) {
  app.openapi(getRoute, async (c) => c.json(view((await shops.get(c.get("shop").id)) ?? c.get("shop")), 200));
  app.openapi(putRoute, async (c) => {
    const body = c.req.valid("json");
    const current = c.get("shop");
    // Secrets are sealed before they reach the table, like shop tokens.
    const notifications: Partial<Record<Region, NotificationTarget>> = {};
    for (const [region, target] of Object.entries(body.notifications) as [
      Region,
      { url: string; secret: string },
    ][])
      notifications[region] = {
        url: target.url,
        sealedSecret: await secrets.seal(target.secret, notificationContext(current.id, region)),
      };
    const next: ShopRecord = {
      ...current,
      markets: body.markets,
      marketOverrides: body.marketOverrides,
      orderLookup: body.orderLookup,
      retentionDays: body.retentionDays ?? undefined,
      notifications,
    };
    await shops.updateShop(next);
    onChange(next.id);
    return c.json(view(next), 200);
  });
}
