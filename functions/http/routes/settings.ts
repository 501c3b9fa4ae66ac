/** GET/PUT/PATCH /v1/settings: what the seller controls: markets, posture and teams per market, hours, retention, lookups, notifications. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { SecretBox } from "../../adapters/crypto/secret-box";
import { hasPublicLiteralHost, PUBLIC_HOST_MESSAGE } from "../../adapters/notify/safe-target";
import { ACTION_MODES, ACTION_TYPES, REFUND_METHODS } from "../../domain/actions";
import { AppError } from "../../domain/errors";
import { isMarketCode, MARKET_CODES, REGIONS, type Region } from "../../domain/markets";
import {
  type NotificationTarget,
  notificationContext,
  type ShopRecord,
  type ShopStore,
} from "../../domain/ports";
import {
  actionSettingsInForce,
  actionSettingsToStore,
  marketSettingsInForce,
  mergePatch,
  overridesToStore,
  SETTINGS_DEFAULTS,
} from "../../domain/settings";
import type { AppEnv } from "../auth";
import { zodDetails } from "../errors";
import { errorResponses } from "../schemas";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");

const REQUIRED =
  "Required: PUT replaces every setting, so send the whole document GET /v1/settings returns (or PATCH to change some).";
/** A missing field gets a message that says how to fix the request, not just the expected type. */
const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? REQUIRED : undefined) };

const BusinessHoursSchema = z
  .object({
    days: z
      .array(z.number().int().min(1).max(7))
      .min(
        1,
        "Give at least one working day (1 = Monday … 7 = Sunday): with none, no person would ever be at work to answer.",
      )
      .max(7)
      .refine((days) => new Set(days).size === days.length, "Each day may appear once."),
    open: time,
    close: time,
  })
  .strict()
  .refine((h) => h.open < h.close, { message: "open must be before close", path: ["close"] })
  .openapi("BusinessHours", { description: "When the market's team is at work, in the market's time zone" });

const Posture = z.enum(["ai-first", "hybrid", "cautious"]);
const FirstResponseMinutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);

const MarketOverrideSchema = z
  .object({
    posture: Posture.optional(),
    region: z.enum(REGIONS).optional(),
    firstResponseMinutes: FirstResponseMinutes.optional(),
    businessHours: BusinessHoursSchema.optional(),
  })
  .strict()
  .openapi("MarketSettingsInput", {
    description: "A field left out takes docs/requirements.md's default for the market",
  });

const MarketSettingsSchema = z
  .object({
    posture: Posture,
    region: z.enum(REGIONS),
    firstResponseMinutes: FirstResponseMinutes,
    businessHours: BusinessHoursSchema,
  })
  .openapi("MarketSettings");

const NotificationInputSchema = z
  .object({
    url: z
      .url()
      .refine((u) => u.startsWith("https://"), "must be https")
      // SSRF (security item 6): literal loopback/private/link-local hosts refused on save; DNS is checked at send.
      .refine(hasPublicLiteralHost, PUBLIC_HOST_MESSAGE),
    secret: z
      .string()
      .min(16)
      .max(200)
      .optional()
      .openapi({ description: "Write-only; left out, the secret already set for the region is kept" }),
  })
  .strict();

const Mode = z.enum(ACTION_MODES);
const actionFields = <T extends z.ZodType>(field: T) =>
  Object.fromEntries(ACTION_TYPES.map((type) => [type, field])) as Record<(typeof ACTION_TYPES)[number], T>;
const ActionModesSchema = z.object(actionFields(Mode.optional())).strict();
const ProposalMinutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);

/** How far the AI goes with order actions (API.md "Actions"); left out of a PUT, the actions' settings are kept. */
const ActionsSettingsSchema = z
  .object({
    ...actionFields(
      Mode.nullable().optional().openapi({
        description: "Shop-wide; null: each market's posture decides (cautious: approval, others: auto)",
      }),
    ),
    refundMethod: z.enum(REFUND_METHODS).optional(),
    restock: z.boolean().optional(),
    proposalMinutes: ProposalMinutes.optional().openapi({
      description: "How long the shopper has to say yes",
    }),
    markets: z.partialRecord(z.enum(MARKET_CODES), ActionModesSchema).optional(),
  })
  .strict()
  .openapi("ActionSettings");

const ActionsViewSchema = z
  .object({
    ...actionFields(Mode.nullable()),
    refundMethod: z.enum(REFUND_METHODS),
    restock: z.boolean(),
    proposalMinutes: z.number().int(),
    markets: z.partialRecord(z.enum(MARKET_CODES), z.object(actionFields(Mode))),
  })
  .openapi("ActionSettingsInForce");

const ActionsPatchSchema = z
  .object({
    ...actionFields(Mode.nullable().optional()),
    refundMethod: z.enum(REFUND_METHODS).nullable().optional(),
    restock: z.boolean().nullable().optional(),
    proposalMinutes: ProposalMinutes.nullable().optional(),
    markets: z
      .partialRecord(
        z.enum(MARKET_CODES),
        z.object(actionFields(Mode.nullable().optional())).strict().nullable(),
      )
      .nullable()
      .optional(),
  })
  .strict();

export const SettingsSchema = z
  .object({
    markets: z.array(z.enum(MARKET_CODES), required).min(1),
    marketOverrides: z.partialRecord(z.enum(MARKET_CODES), MarketOverrideSchema, required),
    orderLookup: z.enum(["cache_then_shopify", "cache_only"], required),
    retentionDays: z.number(required).int().min(1).max(3650).nullable(),
    notifications: z.partialRecord(z.enum(REGIONS), NotificationInputSchema, required),
    actions: ActionsSettingsSchema.optional(),
  })
  .strict()
  .openapi("Settings", {
    description:
      "Every setting; GET /v1/settings returns this very shape with the values in force, secrets left out",
  });

const SettingsViewSchema = z
  .object({
    markets: z.array(z.enum(MARKET_CODES)),
    marketOverrides: z.partialRecord(z.enum(MARKET_CODES), MarketSettingsSchema),
    orderLookup: z.enum(["cache_then_shopify", "cache_only"]),
    retentionDays: z.number().int().nullable(),
    notifications: z.partialRecord(z.enum(REGIONS), z.object({ url: z.string() })),
    actions: ActionsViewSchema,
  })
  .openapi("SettingsInForce", {
    description:
      "The settings in force, defaults included, in the shape PUT accepts (notification secrets are write-only)",
  });

/** RFC 7396: members merge into the settings in force, null removes one (back to its default). */
const SettingsPatchSchema = z
  .object({
    markets: z.array(z.enum(MARKET_CODES)).min(1).optional(),
    marketOverrides: z
      .partialRecord(
        z.enum(MARKET_CODES),
        z
          .object({
            posture: Posture.nullable().optional(),
            region: z.enum(REGIONS).nullable().optional(),
            firstResponseMinutes: FirstResponseMinutes.nullable().optional(),
            businessHours: z
              .object({
                days: z.array(z.number().int().min(1).max(7)).max(7).optional(),
                open: time.optional(),
                close: time.optional(),
              })
              .strict()
              .nullable()
              .optional(),
          })
          .strict()
          .nullable(),
      )
      .nullable()
      .optional(),
    orderLookup: z.enum(["cache_then_shopify", "cache_only"]).nullable().optional(),
    retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
    notifications: z
      .partialRecord(
        z.enum(REGIONS),
        z
          .object({
            url: z
              .url()
              .refine((u) => u.startsWith("https://"), "must be https")
              // SSRF (security item 6): as in NotificationInputSchema.
              .refine(hasPublicLiteralHost, PUBLIC_HOST_MESSAGE)
              .optional(),
            secret: z.string().min(16).max(200).optional(),
          })
          .strict()
          .nullable(),
      )
      .nullable()
      .optional(),
    actions: ActionsPatchSchema.nullable().optional(),
  })
  .strict()
  .openapi("SettingsPatch");

type SettingsInput = z.infer<typeof SettingsSchema>;

/** The settings in force; notification secrets are write-only, so reads show where notifications go, never the secret. */
const view = (shop: ShopRecord): z.infer<typeof SettingsViewSchema> => ({
  markets: shop.markets.filter(isMarketCode),
  marketOverrides: marketSettingsInForce(shop.markets, shop.marketOverrides),
  orderLookup: shop.orderLookup ?? SETTINGS_DEFAULTS.orderLookup,
  retentionDays: shop.retentionDays ?? SETTINGS_DEFAULTS.retentionDays,
  notifications: Object.fromEntries(
    Object.entries(shop.notifications ?? {}).flatMap(([region, n]) => (n ? [[region, { url: n.url }]] : [])),
  ),
  actions: actionSettingsInForce(shop.markets, shop.marketOverrides, shop.actions),
});

/**
 * What a PATCH merges into: the settings in force, except the actions' per-market modes, which are what the seller
 * set there (a patch of a shop-wide mode then reaches every market that has no choice of its own).
 */
const patchBase = (shop: ShopRecord) => {
  const base = view(shop);
  return { ...base, actions: { ...base.actions, markets: shop.actions?.markets ?? {} } };
};

const settingsResponse = {
  description: "The settings in force",
  content: { "application/json": { schema: SettingsViewSchema } },
};

const getRoute = createRoute({
  method: "get",
  path: "/v1/settings",
  summary: "The shop's settings in force, defaults included, in the shape PUT accepts",
  security: [{ shopApiKey: [] }],
  responses: { 200: settingsResponse, ...errorResponses(401) },
});

const putRoute = createRoute({
  method: "put",
  path: "/v1/settings",
  summary: "Replace the shop's settings (notification secrets left out are kept)",
  security: [{ shopApiKey: [] }],
  request: { body: { required: true, content: { "application/json": { schema: SettingsSchema } } } },
  responses: { 200: settingsResponse, ...errorResponses(400, 401, 413, 415) },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/v1/settings",
  summary: "Change some settings (JSON merge patch, RFC 7396; null resets a setting to its default)",
  security: [{ shopApiKey: [] }],
  request: {
    body: {
      required: true,
      content: {
        "application/merge-patch+json": { schema: SettingsPatchSchema },
        "application/json": { schema: SettingsPatchSchema },
      },
    },
  },
  responses: { 200: settingsResponse, ...errorResponses(400, 401, 413, 415) },
});

export function registerSettingsRoutes(
  app: OpenAPIHono<AppEnv>,
  shops: ShopStore,
  secrets: SecretBox,
  onChange: (shopId: string) => void,
) {
  // The stored record, not the authentication cache's copy: a write must start from the latest settings.
  const current = async (shop: ShopRecord) => (await shops.get(shop.id)) ?? shop;

  /** Stores `body` over `shop`, sealing new secrets and keeping the sealed one of a region whose secret is left out. */
  const replace = async (shop: ShopRecord, body: SettingsInput) => {
    const notifications: Partial<Record<Region, NotificationTarget>> = {};
    const missing: { path: string; message: string }[] = [];
    for (const [region, target] of Object.entries(body.notifications) as [
      Region,
      { url: string; secret?: string | undefined },
    ][]) {
      const kept = shop.notifications?.[region]?.sealedSecret;
      if (target.secret !== undefined)
        // Secrets are sealed before they reach the table, like shop tokens.
        notifications[region] = {
          url: target.url,
          sealedSecret: await secrets.seal(target.secret, notificationContext(shop.id, region)),
        };
      else if (kept) notifications[region] = { url: target.url, sealedSecret: kept };
      else
        missing.push({
          path: `notifications.${region}.secret`,
          message: "Required for a region that has no secret yet (16 to 200 characters).",
        });
    }
    if (missing.length > 0)
      throw new AppError(
        "invalid_request",
        "A new notification endpoint needs its secret; see details.",
        missing,
      );
    const marketOverrides = overridesToStore(body.marketOverrides);
    const next: ShopRecord = {
      ...shop,
      markets: body.markets,
      marketOverrides,
      // Left out of a PUT, the actions' settings are kept (like a notification secret).
      actions: body.actions ? actionSettingsToStore(body.actions, marketOverrides) : shop.actions,
      orderLookup: body.orderLookup,
      retentionDays: body.retentionDays ?? undefined,
      notifications,
    };
    await shops.updateShop(next);
    onChange(next.id);
    return view(next);
  };

  app.openapi(getRoute, async (c) => c.json(view(await current(c.get("shop"))), 200));

  app.openapi(putRoute, async (c) =>
    c.json(await replace(await current(c.get("shop")), c.req.valid("json")), 200),
  );

  app.openapi(patchRoute, async (c) => {
    const shop = await current(c.get("shop"));
    // A member removed by the patch (null) falls back to its default, as if never set.
    const merged = {
      marketOverrides: {},
      notifications: {},
      ...SETTINGS_DEFAULTS,
      ...(mergePatch(patchBase(shop), c.req.valid("json")) as object),
    };
    const parsed = SettingsSchema.safeParse(merged);
    if (!parsed.success)
      throw new AppError(
        "invalid_request",
        "The settings after this patch would not be valid; see details.",
        zodDetails(parsed.error),
      );
    return c.json(await replace(shop, parsed.data), 200);
  });
}
