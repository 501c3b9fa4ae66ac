/** A shop's settings as the seller reads and writes them: the values in force, defaults included (docs/api.md). */
import type { BusinessHours } from "./business-hours";
import { MARKET_CODES, MARKETS, type MarketCode, type MarketOverride, marketWith } from "./markets";

/** The defaults of the settings that are not per market. */
export const SETTINGS_DEFAULTS = {
  orderLookup: "cache_then_shopify",
  retentionDays: null,
} as const;

/** What a seller can set per market, every field in force (docs/requirements.md's default where the shop set none). */
export type MarketSettings = Required<Omit<MarketOverride, "businessHours">> & {
  businessHours: { days: number[]; open: string; close: string };
};

/** The per-market settings in force for the shop's markets and for any market it set something for, in table order. */
export function marketSettingsInForce(
  markets: readonly string[],
  overrides: Partial<Record<MarketCode, MarketOverride>> | undefined,
): Partial<Record<MarketCode, MarketSettings>> {
  const wanted = new Set<string>([...markets, ...Object.keys(overrides ?? {})]);
  const result: Partial<Record<MarketCode, MarketSettings>> = {};
  for (const code of MARKET_CODES) {
    if (!wanted.has(code)) continue;
    const m = marketWith(code, overrides?.[code]);
    result[code] = {
      posture: m.posture,
      region: m.region,
      firstResponseMinutes: m.firstResponseMinutes,
      businessHours: {
        days: [...m.businessHours.days],
        open: m.businessHours.open,
        close: m.businessHours.close,
      },
    };
  }
  return result;
}

const sameHours = (a: BusinessHours, b: BusinessHours) =>
  a.open === b.open &&
  a.close === b.close &&
  [...new Set(a.days)].sort().join() === [...new Set(b.days)].sort().join();

/**
 * Only what differs from docs/requirements.md's defaults is stored, so a GET → PUT round trip of the values in force pins
 * nothing, and a market the seller never changed follows the defaults.
 */
export function overridesToStore(
  settings: Partial<Record<MarketCode, MarketOverride>>,
): Partial<Record<MarketCode, MarketOverride>> {
  const stored: Partial<Record<MarketCode, MarketOverride>> = {};
  for (const code of MARKET_CODES) {
    const wanted = settings[code];
    if (!wanted) continue;
    const base = MARKETS[code];
    const kept: { -readonly [K in keyof MarketOverride]: MarketOverride[K] } = {};
    if (wanted.posture !== undefined && wanted.posture !== base.posture) kept.posture = wanted.posture;
    if (wanted.region !== undefined && wanted.region !== base.region) kept.region = wanted.region;
    if (
      wanted.firstResponseMinutes !== undefined &&
      wanted.firstResponseMinutes !== base.firstResponseMinutes
    )
      kept.firstResponseMinutes = wanted.firstResponseMinutes;
    if (wanted.businessHours !== undefined && !sameHours(wanted.businessHours, base.businessHours))
      kept.businessHours = wanted.businessHours;
    if (Object.keys(kept).length > 0) stored[code] = kept;
  }
  return stored;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** RFC 7396 JSON merge patch: objects merge member by member, null removes a member, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

const isPlainObject = (value: unknown): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
