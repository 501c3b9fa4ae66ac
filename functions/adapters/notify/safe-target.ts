/**
 * Where sellers' escalation notifications may go: https to a public address only. The pure part checks the URL as
 * written (settings check it on save); the resolving part checks every address DNS gives at send time and pins the
 * connection to the vetted one, so a name that resolves to 169.254.169.254 or 10.0.0.1 (or is rebound to it between
 * the check and the connect) is never reached. Loopback is allowed only under the local stack's flag.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/** Every address a host name resolves to. */
export type Resolver = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

/** The system resolver, asked for every address (A and AAAA), not just the first. */
export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface TargetPolicy {
  /** Local stack and tests: http and https to 127.0.0.0/8, ::1 and localhost. */
  readonly allowLoopback: boolean;
}

/** A notification target we refuse to reach; `reason` is safe to log (no URL, no address). */
export class UnsafeTargetError extends Error {
  constructor(readonly reason: string) {
    super(`notification target refused: ${reason}`);
    this.name = "UnsafeTargetError";
  }
}

const unbracket = (hostname: string) => hostname.replace(/^\[|\]$/g, "").toLowerCase();
const isLocalName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** Global unicast only: not loopback, private, link-local, unique-local, CGNAT, multicast, reserved or unspecified. */
export function isPublicAddress(address: string): boolean {
  // process() reads an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it carries.
  return ipaddr.isValid(address) && ipaddr.process(address).range() === "unicast";
}

export function isLoopbackAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === "loopback";
}

/**
 * Why this URL may not be a notification target as written, or null: https (http only to loopback under the local
 * flag), no credentials in it, and not a literal loopback, private or link-local host. Names are checked at send time.
 */
export function literalTargetProblem(
  raw: string,
  policy: TargetPolicy = { allowLoopback: false },
): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be a URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  const host = unbracket(url.hostname);
  const literal = ipaddr.isValid(host);
  const loopback = isLocalName(host) || (literal && isLoopbackAddress(host));
  const web = url.protocol === "https:" || url.protocol === "http:";
  if (loopback && policy.allowLoopback) return web ? null : "must be http(s)";
  // Under the local flag a name may still resolve to loopback: http is then decided after resolution.
  if (url.protocol !== "https:" && !(policy.allowLoopback && !literal && web)) return "must be https";
  if (isLocalName(host) || (literal && !isPublicAddress(host))) return PUBLIC_HOST_MESSAGE;
  return null;
}

/** Settings' write-time check of the host alone: not a literal loopback, private or link-local address or name. */
export function hasPublicLiteralHost(raw: string): boolean {
  try {
    const host = unbracket(new URL(raw).hostname);
    return !isLocalName(host) && (!ipaddr.isValid(host) || isPublicAddress(host));
  } catch {
    return false;
  }
}

/** What settings say when hasPublicLiteralHost refuses a URL. */
export const PUBLIC_HOST_MESSAGE = "must be a public host, not loopback, private or link-local";

export interface VettedTarget {
  readonly url: URL;
  /** The address the connection is pinned to. */
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves the target and refuses it unless every address is public (or loopback under the local flag). */
export async function vetTarget(
  raw: string,
  policy: TargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<VettedTarget> {
  const problem = literalTargetProblem(raw, policy);
  if (problem) throw new UnsafeTargetError(problem);
  const url = new URL(raw);
  const host = unbracket(url.hostname);
  let addresses: readonly { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new UnsafeTargetError("host does not resolve");
    }
  }
  if (addresses.length === 0) throw new UnsafeTargetError("host does not resolve");
  const allowed = (a: string) => isPublicAddress(a) || (policy.allowLoopback && isLoopbackAddress(a));
  // One bad address is enough to refuse: a resolver may hand out either, and an attacker picks the order.
  if (!addresses.every((a) => allowed(a.address)))
    throw new UnsafeTargetError("host resolves to a loopback, private or link-local address");
  // Plain http leaves the machine only under the local flag, and then only to loopback.
  if (url.protocol === "http:" && !addresses.every((a) => isLoopbackAddress(a.address)))
    throw new UnsafeTargetError("must be https");
  const first = addresses[0] as { address: string; family: number };
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * POSTs to a vetted target over a connection to the vetted address (the URL's host still names the server for
 * TLS and Host), and answers the status; redirects are returned as they are, never followed.
 */
export function postToTarget(
  target: VettedTarget,
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<number> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(target.url, {
      method: "POST",
      headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
      lookup: pinned,
      // A fresh connection each time: a pooled socket must not carry a request past this vetting.
      agent: false,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    request.on("response", (response) => {
      response.resume(); // the seller's answer body is not needed
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end(init.body);
  });
}
