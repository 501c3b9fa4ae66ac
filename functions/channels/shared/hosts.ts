/**
 * Host vetting: a connection's `apiBaseUrl` and `authBaseUrl` may only name its channel's official hosts (https,
 * default port), so a seller's access token never leaves for a host we did not choose. Loopback fakes are allowed
 * only when the local stack says so (ALLOW_LOOPBACK_TARGETS).
 */
import ipaddr from "ipaddr.js";
import type { MarketCode } from "../../domain/markets";

/** A channel's official API hosts. */
export interface ChannelHosts {
  /** Hosts a connection's `apiBaseUrl` may name. */
  readonly apiHosts: readonly string[];
  /** Hosts its `authBaseUrl` (token refresh) may name. */
  readonly authHosts: readonly string[];
  /** The production API base for a market (Lazada has one host per country). */
  readonly defaultApiBaseUrl: (market: MarketCode | null) => string;
  readonly defaultAuthBaseUrl: string;
}

/** True for 127.0.0.0/8, ::1 and "localhost": where the local fakes listen. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  // process() reads ::ffff:127.0.0.1 as the IPv4 address it maps.
  return ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback";
}

/**
 * Why a base URL is refused for this channel, or null when it is one of its official hosts over https on the
 * default port (or a loopback fake when `allowLoopback`).
 */
export function hostProblem(
  channel: { readonly name: string; readonly hosts: ChannelHosts },
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
  const hosts = kind === "api" ? channel.hosts.apiHosts : channel.hosts.authHosts;
  if (url.protocol !== "https:" || url.port !== "" || !hosts.includes(url.hostname))
    return `must be https on one of ${channel.name}'s ${kind} hosts: ${hosts.join(", ")}`;
  return null;
}
