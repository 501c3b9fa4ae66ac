/** A shop's settings as the seller reads and writes them: the values in force, defaults included (docs/api.md). */
import {
  ACTION_DEFAULTS,
  ACTION_TYPES,
  type ActionMode,
  type ActionSettings,
  type ActionType,
  modeFor,
  modesInForce,
  type RefundMethod,
} from "./actions";
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

/** The actions' settings as the seller reads and writes them (API.md "Actions"): every value in force. */
export interface ActionSettingsView {
  /** Shop-wide choice per action; null: each market's posture decides (cautious: approval, others: auto). */
  readonly cancel_order: ActionMode | null;
  readonly change_address: ActionMode | null;
  readonly return_request: ActionMode | null;
  readonly resend_tracking: ActionMode | null;
  readonly refundMethod: RefundMethod;
  readonly restock: boolean;
  readonly proposalMinutes: number;
  /** The mode in force for every action in each of the shop's markets (and any market set). */
  readonly markets: Partial<Record<MarketCode, Record<ActionType, ActionMode>>>;
}

/** The actions' settings in force, for GET /v1/settings. */
export function actionSettingsInForce(
  markets: readonly string[],
  overrides: Partial<Record<MarketCode, MarketOverride>> | undefined,
  settings: ActionSettings | undefined,
): ActionSettingsView {
  const wanted = new Set<string>([...markets, ...Object.keys(settings?.markets ?? {})]);
  const perMarket: Partial<Record<MarketCode, Record<ActionType, ActionMode>>> = {};
  for (const code of MARKET_CODES)
    if (wanted.has(code))
      perMarket[code] = modesInForce(settings, code, marketWith(code, overrides?.[code]).posture);
  const shopWide = (type: ActionType) => settings?.modes?.[type] ?? null;
  return {
    cancel_order: shopWide("cancel_order"),
    change_address: shopWide("change_address"),
    return_request: shopWide("return_request"),
    resend_tracking: shopWide("resend_tracking"),
    refundMethod: settings?.refundMethod ?? ACTION_DEFAULTS.refundMethod,
    restock: settings?.restock ?? ACTION_DEFAULTS.restock,
    proposalMinutes: settings?.proposalMinutes ?? ACTION_DEFAULTS.proposalMinutes,
    markets: perMarket,
  };
}

/**
 * What is stored of the actions' settings: the shop-wide choices, and per market only the modes that differ from what
 * the shop-wide choice or the posture gives, so a GET → PUT round trip pins nothing.
 */
export function actionSettingsToStore(
  input: Partial<Omit<ActionSettingsView, "markets">> & {
    readonly markets?: Partial<Record<MarketCode, Partial<Record<ActionType, ActionMode>>>> | undefined;
  },
  overrides: Partial<Record<MarketCode, MarketOverride>> | undefined,
): ActionSettings {
  const modes: Partial<Record<ActionType, ActionMode>> = {};
  for (const type of ACTION_TYPES) {
    const mode = input[type];
    if (mode) modes[type] = mode;
  }
  const shop: ActionSettings = { modes };
  const markets: Partial<Record<MarketCode, Partial<Record<ActionType, ActionMode>>>> = {};
  for (const code of MARKET_CODES) {
    const wanted = input.markets?.[code];
    if (!wanted) continue;
    const posture = marketWith(code, overrides?.[code]).posture;
    const kept: Partial<Record<ActionType, ActionMode>> = {};
    for (const type of ACTION_TYPES) {
      const mode = wanted[type];
      if (mode && mode !== modeFor(shop, type, code, posture)) kept[type] = mode;
    }
    if (Object.keys(kept).length > 0) markets[code] = kept;
  }
  return {
    ...(Object.keys(modes).length > 0 ? { modes } : {}),
    ...(Object.keys(markets).length > 0 ? { markets } : {}),
    ...(input.refundMethod && input.refundMethod !== ACTION_DEFAULTS.refundMethod
      ? { refundMethod: input.refundMethod }
      : {}),
    ...(input.restock !== undefined && input.restock !== ACTION_DEFAULTS.restock
      ? { restock: input.restock }
      : {}),
    ...(input.proposalMinutes !== undefined && input.proposalMinutes !== ACTION_DEFAULTS.proposalMinutes
      ? { proposalMinutes: input.proposalMinutes }
      : {}),
  };
}
