/**
 * The official API hosts of each marketplace, one typed entry per channel: a connection's `apiBaseUrl` and
 * `authBaseUrl` may only point at these (https, default port), so a seller's access token never leaves for a host
 * we did not choose. Loopback fakes are allowed only when the local stack says so (ALLOW_LOOPBACK_TARGETS).
 * Sources: Shopee's API reference (partner.shopeemobile.com, test_url partner.test-stable.shopeemobile.com) and
 * SDKs for the newer sandbox and the mainland-China hosts; Lazada's per-country `/rest` hosts and auth.lazada.com;
 * TikTok Shop's 202309 reference (open-api.tiktokglobalshop.com) and token host auth.tiktok-shops.com.
 */
import ipaddr from "ipaddr.js";
import type { Marketplace } from "../../domain/marketplace";
import type { MarketCode } from "../../domain/markets";

export interface MarketplaceHosts {
  /** Hosts a connection's `apiBaseUrl` may name. */
  readonly apiHosts: readonly string[];
  /** Hosts its `authBaseUrl` (token refresh) may name. */
  readonly authHosts: readonly string[];
  /** The production API base for a market (Lazada has one host per country). */
  readonly defaultApiBaseUrl: (market: MarketCode | null) => string;
  readonly defaultAuthBaseUrl: string;
}

const SHOPEE_HOSTS = [
  "partner.shopeemobile.com",
  "partner.test-stable.shopeemobile.com",
  "openplatform.sandbox.test-stable.shopee.sg",
  "openplatform.shopee.cn",
  "openplatform.sandbox.test-stable.shopee.cn",
] as const;

const LAZADA_API_HOSTS: Readonly<Partial<Record<MarketCode, string>>> = {
  ID: "api.lazada.co.id",
  TH: "api.lazada.co.th",
  MY: "api.lazada.com.my",
  PH: "api.lazada.com.ph",
  SG: "api.lazada.sg",
  VN: "api.lazada.vn",
};

export const MARKETPLACE_HOSTS: { readonly [M in Marketplace]: MarketplaceHosts } = {
  shopee: {
    apiHosts: SHOPEE_HOSTS,
    // Shopee refreshes tokens on the same host as every other call.
    authHosts: SHOPEE_HOSTS,
    defaultApiBaseUrl: () => "https://partner.shopeemobile.com",
    defaultAuthBaseUrl: "https://partner.shopeemobile.com",
  },
  lazada: {
    apiHosts: Object.values(LAZADA_API_HOSTS),
    authHosts: ["auth.lazada.com"],
    defaultApiBaseUrl: (market) =>
      `https://${(market && LAZADA_API_HOSTS[market]) ?? "api.lazada.co.id"}/rest`,
    defaultAuthBaseUrl: "https://auth.lazada.com/rest",
  },
  tiktok: {
    apiHosts: ["open-api.tiktokglobalshop.com"],
    authHosts: ["auth.tiktok-shops.com"],
    defaultApiBaseUrl: () => "https://open-api.tiktokglobalshop.com",
    defaultAuthBaseUrl: "https://auth.tiktok-shops.com",
  },
};

/** True for 127.0.0.0/8, ::1 and "localhost": where the local fakes listen. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  // process() reads ::ffff:127.0.0.1 as the IPv4 address it maps.
  return ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback";
}

/**
 * Why a base URL is refused for this marketplace, or null when it is one of its official hosts over https on the
 * default port (or a loopback fake when `allowLoopback`).
 */
export function baseUrlProblem(
  marketplace: Marketplace,
  kind: "api" | "auth",
  raw: string,
  allowLoopback: boolean,
): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be a URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  if (allowLoopback && isLoopbackHost(url.hostname))
    return url.protocol === "http:" || url.protocol === "https:" ? null : "must be http(s)";
  const entry = MARKETPLACE_HOSTS[marketplace];
  const hosts = kind === "api" ? entry.apiHosts : entry.authHosts;
  if (url.protocol !== "https:" || url.port !== "" || !hosts.includes(url.hostname))
    return `must be https on one of ${marketplace}'s ${kind} hosts: ${hosts.join(", ")}`;
  return null;
}
