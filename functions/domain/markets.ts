/**
 * The default market table of docs/requirements.md, one typed entry per market: languages, agent region, time zone,
 * currency, high-value threshold, AI posture, hours and the channel hosts that differ by country. Adding a code to
 * MARKET_CODES makes the compiler ask for every field (docs/recipes.md, "Adding a market").
 */
import type { CountryCode } from "libphonenumber-js";
import type { BusinessHours } from "./business-hours";
import type { Language } from "./languages";

/** ISO 3166-1 country codes, which are also the default region phone numbers are read in (contact.ts). */
export const MARKET_CODES = [
  "ID",
  "TH",
  "PH",
  "MY",
  "SG",
  "VN",
  "HK",
  "TW",
  "CN",
  "JP",
  "KR",
  "IN",
] as const satisfies readonly CountryCode[];
export type MarketCode = (typeof MARKET_CODES)[number];

/** ISO 4217 codes of the currencies our markets price in, and US dollars for cross-border listings. */
export const CURRENCY_CODES = [
  "IDR",
  "THB",
  "PHP",
  "MYR",
  "SGD",
  "VND",
  "HKD",
  "TWD",
  "CNY",
  "JPY",
  "KRW",
  "INR",
  "USD",
] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

export const REGIONS = ["sea", "greater-china", "north-asia", "south-asia"] as const;
export type Region = (typeof REGIONS)[number];

/** R8: how far the AI goes on its own in a market. */
export const POSTURES = ["ai-first", "hybrid", "cautious"] as const;
export type Posture = (typeof POSTURES)[number];

export interface Market {
  readonly code: MarketCode;
  /** Languages the market's shoppers write in, the default first (R11). */
  readonly languages: readonly [Language, ...Language[]];
  readonly region: Region;
  readonly timeZone: string;
  readonly currency: CurrencyCode;
  /** An order total, in `currency`, from which the order is high value (about USD 200): its escalations go first. */
  readonly highValueOrder: number;
  /** API hosts of channels that have one per country (Lazada's `/rest` host), by channel name. */
  readonly channelHosts: { readonly lazada?: string };
  readonly posture: Posture;
  /** R7: minutes within which a person should first answer an escalation. */
  readonly firstResponseMinutes: number;
  /** When the region's people work, in the market's time zone (R7). */
  readonly businessHours: BusinessHours;
}

/** What a seller may change per market (R8: posture; their own teams and hours). */
export type MarketOverride = Partial<
  Pick<Market, "posture" | "region" | "firstResponseMinutes" | "businessHours">
>;

const WEEKDAYS: BusinessHours = { days: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" };
const WITH_SATURDAY: BusinessHours = { days: [1, 2, 3, 4, 5, 6], open: "09:00", close: "18:00" };
const market = (m: Omit<Market, "businessHours">, businessHours = WEEKDAYS): Market => ({
  ...m,
  businessHours,
});

/**
 * docs/requirements.md "Default market table". First-response targets are tighter where the survey found response time the
 * top gap (R7: Philippines 75%, Taiwan 60%); markets where sellers commonly work Saturdays get Saturday hours.
 */
export const MARKETS: Readonly<Record<MarketCode, Market>> = {
  ID: market(
    {
      code: "ID",
      languages: ["id", "en"],
      region: "sea",
      timeZone: "Asia/Jakarta",
      currency: "IDR",
      highValueOrder: 3_000_000,
      channelHosts: { lazada: "api.lazada.co.id" },
      posture: "ai-first",
      firstResponseMinutes: 60,
    },
    WITH_SATURDAY,
  ),
  TH: market(
    {
      code: "TH",
      languages: ["th", "en"],
      region: "sea",
      timeZone: "Asia/Bangkok",
      currency: "THB",
      highValueOrder: 7_000,
      channelHosts: { lazada: "api.lazada.co.th" },
      posture: "ai-first",
      firstResponseMinutes: 60,
    },
    WITH_SATURDAY,
  ),
  PH: market(
    {
      code: "PH",
      languages: ["en", "fil"],
      region: "sea",
      timeZone: "Asia/Manila",
      currency: "PHP",
      highValueOrder: 11_000,
      channelHosts: { lazada: "api.lazada.com.ph" },
      posture: "hybrid",
      firstResponseMinutes: 30,
    },
    WITH_SATURDAY,
  ),
  MY: market(
    {
      code: "MY",
      languages: ["ms", "en", "zh-Hans"],
      region: "sea",
      timeZone: "Asia/Kuala_Lumpur",
      currency: "MYR",
      highValueOrder: 900,
      channelHosts: { lazada: "api.lazada.com.my" },
      posture: "cautious",
      firstResponseMinutes: 60,
    },
    WITH_SATURDAY,
  ),
  SG: market({
    code: "SG",
    languages: ["en", "zh-Hans", "ms"],
    region: "sea",
    timeZone: "Asia/Singapore",
    currency: "SGD",
    highValueOrder: 260,
    channelHosts: { lazada: "api.lazada.sg" },
    posture: "hybrid",
    firstResponseMinutes: 60,
  }),
  VN: market(
    {
      code: "VN",
      languages: ["vi", "en"],
      region: "sea",
      timeZone: "Asia/Ho_Chi_Minh",
      currency: "VND",
      highValueOrder: 5_000_000,
      channelHosts: { lazada: "api.lazada.vn" },
      posture: "hybrid",
      firstResponseMinutes: 60,
    },
    WITH_SATURDAY,
  ),
  HK: market({
    code: "HK",
    languages: ["zh-Hant", "en"],
    region: "greater-china",
    timeZone: "Asia/Hong_Kong",
    currency: "HKD",
    highValueOrder: 1_500,
    channelHosts: {},
    posture: "cautious",
    firstResponseMinutes: 60,
  }),
  TW: market({
    code: "TW",
    languages: ["zh-Hant", "en"],
    region: "greater-china",
    timeZone: "Asia/Taipei",
    currency: "TWD",
    highValueOrder: 6_000,
    channelHosts: {},
    posture: "hybrid",
    firstResponseMinutes: 30,
  }),
  CN: market({
    code: "CN",
    languages: ["zh-Hans", "en"],
    region: "greater-china",
    timeZone: "Asia/Shanghai",
    currency: "CNY",
    highValueOrder: 1_400,
    channelHosts: {},
    posture: "ai-first",
    firstResponseMinutes: 60,
  }),
  JP: market({
    code: "JP",
    languages: ["ja", "en"],
    region: "north-asia",
    timeZone: "Asia/Tokyo",
    currency: "JPY",
    highValueOrder: 30_000,
    channelHosts: {},
    posture: "cautious",
    firstResponseMinutes: 60,
  }),
  KR: market({
    code: "KR",
    languages: ["ko", "en"],
    region: "north-asia",
    timeZone: "Asia/Seoul",
    currency: "KRW",
    highValueOrder: 270_000,
    channelHosts: {},
    posture: "hybrid",
    firstResponseMinutes: 60,
  }),
  IN: market(
    {
      code: "IN",
      languages: ["en", "hi"],
      region: "south-asia",
      timeZone: "Asia/Kolkata",
      currency: "INR",
      highValueOrder: 16_000,
      channelHosts: {},
      posture: "ai-first",
      firstResponseMinutes: 60,
    },
    WITH_SATURDAY,
  ),
};

/** A market with a shop's overrides applied. */
export function marketWith(code: MarketCode, override: MarketOverride | undefined): Market {
  return override ? { ...MARKETS[code], ...override } : MARKETS[code];
}

export const isMarketCode = (value: string): value is MarketCode =>
  (MARKET_CODES as readonly string[]).includes(value);

/** Cross-border listings priced in US dollars are high value from USD 200, like the markets' own thresholds. */
const CROSS_BORDER = { currency: "USD", highValueOrder: 200 } as const satisfies Pick<
  Market,
  "currency" | "highValueOrder"
>;

/** The order total from which an order in `currency` is high value, or undefined for a currency we do not price in. */
export function highValueThreshold(currency: string): number | undefined {
  if (currency === CROSS_BORDER.currency) return CROSS_BORDER.highValueOrder;
  return MARKET_CODES.map((code) => MARKETS[code]).find((m) => m.currency === currency)?.highValueOrder;
}
