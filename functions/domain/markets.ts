/** The default market table of docs/requirements.md: languages, agent region, time zone, currency and AI posture. */
import type { BusinessHours } from "./business-hours";
import type { Language } from "./language";

export const MARKET_CODES = ["ID", "TH", "PH", "MY", "SG", "VN", "HK", "TW", "CN", "JP", "KR", "IN"] as const;
export type MarketCode = (typeof MARKET_CODES)[number];

export const REGIONS = ["sea", "greater-china", "north-asia", "south-asia"] as const;
export type Region = (typeof REGIONS)[number];

/** R8: how far the AI goes on its own in a market. */
export type Posture = "ai-first" | "hybrid" | "cautious";

export interface Market {
  readonly code: MarketCode;
  /** Languages the market's shoppers write in, the default first (R11). */
  readonly languages: readonly [Language, ...Language[]];
  readonly region: Region;
  readonly timeZone: string;
  readonly currency: string;
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
    posture: "cautious",
    firstResponseMinutes: 60,
  }),
  TW: market({
    code: "TW",
    languages: ["zh-Hant", "en"],
    region: "greater-china",
    timeZone: "Asia/Taipei",
    currency: "TWD",
    posture: "hybrid",
    firstResponseMinutes: 30,
  }),
  CN: market({
    code: "CN",
    languages: ["zh-Hans", "en"],
    region: "greater-china",
    timeZone: "Asia/Shanghai",
    currency: "CNY",
    posture: "ai-first",
    firstResponseMinutes: 60,
  }),
  JP: market({
    code: "JP",
    languages: ["ja", "en"],
    region: "north-asia",
    timeZone: "Asia/Tokyo",
    currency: "JPY",
    posture: "cautious",
    firstResponseMinutes: 60,
  }),
  KR: market({
    code: "KR",
    languages: ["ko", "en"],
    region: "north-asia",
    timeZone: "Asia/Seoul",
    currency: "KRW",
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
