import { isSupportedCountry } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { lazadaHosts } from "../../functions/channels/lazada/hosts";
import { CURRENCY_CODES, highValueThreshold, MARKET_CODES, MARKETS } from "../../functions/domain/markets";
import type { OrderSnapshot } from "../../functions/domain/order";
import { priorityOf } from "../../functions/domain/priority";

const orderOf = (amount: number, currency: string) =>
  ({ total: { amount: String(amount), currency } }) as OrderSnapshot;

describe("the market catalogue", () => {
  it("prices every market in an ISO 4217 currency Intl formats", () => {
    const known = new Set(Intl.supportedValuesOf("currency"));
    for (const code of CURRENCY_CODES) expect(known.has(code), code).toBe(true);
    for (const code of MARKET_CODES) expect(CURRENCY_CODES).toContain(MARKETS[code].currency);
  });

  it.each(MARKET_CODES)("ranks an order in %s high value from the market's own threshold", (code) => {
    const { currency, highValueOrder } = MARKETS[code];
    expect(highValueThreshold(currency)).toBe(highValueOrder);
    const below = priorityOf("human_requested", orderOf(highValueOrder - 1, currency));
    expect(priorityOf("human_requested", orderOf(highValueOrder, currency))).toBe(below - 5);
  });

  it("ranks cross-border orders in US dollars high value from USD 200, and no currency we do not price in", () => {
    expect(priorityOf("sensitive", orderOf(200, "USD"))).toBe(
      priorityOf("sensitive", orderOf(199, "USD")) - 5,
    );
    expect(priorityOf("sensitive", orderOf(1_000_000, "EUR"))).toBe(priorityOf("sensitive", null));
  });

  it("reads phone numbers in each market's own country", () => {
    for (const code of MARKET_CODES) expect(isSupportedCountry(code), code).toBe(true);
  });

  it("gives Lazada's per-country API host from the market's entry", () => {
    const withLazada = MARKET_CODES.filter((code) => MARKETS[code].channelHosts.lazada);
    expect(withLazada).toEqual(["ID", "TH", "PH", "MY", "SG", "VN"]);
    for (const code of withLazada)
      expect(lazadaHosts.defaultApiBaseUrl(code)).toBe(`https://${MARKETS[code].channelHosts.lazada}/rest`);
    expect([...lazadaHosts.apiHosts].sort()).toEqual(
      withLazada.map((code) => MARKETS[code].channelHosts.lazada).sort(),
    );
  });
});
