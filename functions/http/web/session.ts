/** The web inbox's session: the agent's token or the seller's API key in an HTTP-only, same-site cookie, re-checked on every request. */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AppError } from "../../domain/errors";
import type { ShopRecord } from "../../domain/ports";
import type { AgentClaims, VerifyAgent } from "../auth";

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
}

const COOKIE = "inbox_session";
const MAX_AGE_SECONDS = 12 * 3600;

/** Secure cookies need https; behind API Gateway the forwarded protocol tells. */
export const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

export function cookieOptions(c: Context, sameSite: "Strict" | "Lax", maxAge: number) {
  return { httpOnly: true, secure: isHttps(c), sameSite, path: "/inbox", maxAge } as const;
}

export function startSession(c: Context, kind: Session["kind"], credential: string) {
  setCookie(c, COOKIE, `${kind}.${credential}`, cookieOptions(c, "Strict", MAX_AGE_SECONDS));
}

export function endSession(c: Context) {
  deleteCookie(c, COOKIE, { path: "/inbox", secure: isHttps(c) });
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
  const dot = raw.indexOf(".");
  const kind = raw.slice(0, dot);
  if (kind !== "agent" && kind !== "seller") return { ok: false, expired: true };
  const session = await checkCredential(auth, kind, raw.slice(dot + 1));
  return session ? { ok: true, session } : { ok: false, expired: true };
}
