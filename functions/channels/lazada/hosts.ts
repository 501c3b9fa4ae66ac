/** Lazada's hosts (docs/protocols.md#lazada-hosts): one API host per country, all with the path /rest. */
import { MARKET_CODES, MARKETS, type MarketCode } from "../../domain/markets";
import type { ChannelHosts } from "../shared/hosts";

/** Lazada's API host in each market it runs in, from the market table (domain/markets.ts `channelHosts`). */
export const LAZADA_API_HOSTS: Readonly<Partial<Record<MarketCode, string>>> = Object.fromEntries(
  MARKET_CODES.flatMap((code) => {
    const host = MARKETS[code].channelHosts.lazada;
    return host ? [[code, host]] : [];
  }),
);

/** The production API base for a market: its country's host, else Indonesia's. */
export const defaultApiBaseUrl = (market: MarketCode | null): string =>
  `https://${(market && LAZADA_API_HOSTS[market]) ?? "api.lazada.co.id"}/rest`;

export const lazadaHosts: ChannelHosts = {
  apiHosts: Object.values(LAZADA_API_HOSTS),
  authHosts: ["auth.lazada.com"],
  defaultApiBaseUrl,
  defaultAuthBaseUrl: "https://auth.lazada.com/rest",
};
