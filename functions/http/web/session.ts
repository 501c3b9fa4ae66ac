/**
 * The web inbox's session: a random session id and the agent's token or the seller's API key in an HTTP-only,
 * same-site cookie. Every request re-checks the credential and finds the session in the table, so signing out ends it
 * on every instance, and a copied cookie dies with it.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AppError } from "../../domain/errors";
import type { Clock, SessionStore, ShopRecord } from "../../domain/ports";
import type { AgentClaims, VerifyAgent } from "../auth";
import type { FailedAuthLimit } from "../rate-limit";

export type Session =
  | { readonly kind: "agent"; readonly agent: AgentClaims }
  | { readonly kind: "seller"; readonly shop: ShopRecord };

/** Who signed in, or why nobody is: no cookie, or a credential that no longer passes (expired, revoked). */
export type SessionResult =
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly expired: boolean };

export interface SessionAuth {
  readonly verifyAgent: VerifyAgent;
  readonly findShop: (apiKey: string) => Promise<ShopRecord | null>;
  readonly sessions: SessionStore;
  readonly clock: Clock;
  /** Refuses addresses that failed too often, and counts failed sign-ins and refused session cookies. */
  readonly failures?: FailedAuthLimit | undefined;
}

const COOKIE = "inbox_session";
const MAX_AGE_SECONDS = 12 * 3600;

/** Secure cookies need https; behind API Gateway the forwarded protocol tells. */
export const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

export function cookieOptions(c: Context, sameSite: "Strict" | "Lax", maxAge: number) {
  return { httpOnly: true, secure: isHttps(c), sameSite, path: "/inbox", maxAge } as const;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The cookie's parts: `<kind>.<session id>.<credential>` (a JWT's own dots stay in the credential). */
function parseCookie(raw: string): { kind: string; id: string; credential: string } | null {
  const match = /^(agent|seller)\.([\w-]{43})\.(.+)$/.exec(raw);
  return match ? { kind: match[1] ?? "", id: match[2] ?? "", credential: match[3] ?? "" } : null;
}

/** Opens a session: recorded in the table (shared by every instance) before the browser gets its cookie. */
export async function startSession(
  c: Context,
  auth: SessionAuth,
  kind: Session["kind"],
  credential: string,
): Promise<void> {
  const id = randomBytes(32).toString("base64url");
  await auth.sessions.start(id, {
    kind,
    credentialHash: sha256(credential),
    expiresAt: seconds(auth.clock.now()) + MAX_AGE_SECONDS,
  });
  setCookie(c, COOKIE, `${kind}.${id}.${credential}`, cookieOptions(c, "Strict", MAX_AGE_SECONDS));
}

/** Forgets the cookie in this browser only (a stale or refused one). */
export function endSession(c: Context) {
  deleteCookie(c, COOKIE, { path: "/inbox", secure: isHttps(c) });
}

/** Signing out: the session ends in the table, so the same cookie is refused everywhere, then the browser forgets it. */
export async function revokeSession(c: Context, auth: SessionAuth): Promise<void> {
  const parsed = parseCookie(getCookie(c, COOKIE) ?? "");
  if (parsed) await auth.sessions.end(parsed.id, seconds(auth.clock.now()));
  endSession(c);
}

/** Checks a credential the way sign-in does; the cookie is no more trusted than what it holds. */
export async function checkCredential(
  auth: SessionAuth,
  kind: Session["kind"],
  credential: string,
): Promise<Session | null> {
  if (kind === "seller") {
    const shop = await auth.findShop(credential);
    return shop ? { kind, shop } : null;
  }
  try {
    return { kind, agent: await auth.verifyAgent(credential) };
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export async function readSession(c: Context, auth: SessionAuth): Promise<SessionResult> {
  const raw = getCookie(c, COOKIE);
  if (!raw) return { ok: false, expired: false };
  const parsed = parseCookie(raw);
  if (!parsed || (parsed.kind !== "agent" && parsed.kind !== "seller")) return { ok: false, expired: true };
  const { kind, id, credential } = parsed;
  const [stored, session] = await Promise.all([
    auth.sessions.find(id, seconds(auth.clock.now())),
    checkCredential(auth, kind, credential),
  ]);
  // The session must be live and opened with this very credential: an id copied onto another credential fails.
  const [want, got] = [Buffer.from(stored?.credentialHash ?? ""), Buffer.from(sha256(credential))];
  const same = stored?.kind === kind && want.length === got.length && timingSafeEqual(want, got);
  return session && same ? { ok: true, session } : { ok: false, expired: true };
}
