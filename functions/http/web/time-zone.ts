/** The time zone the inbox shows times in: the agent's browser's, reported by the page's script, else their region's. */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { Region } from "../../domain/markets";
import type { Session } from "./session";

/** Set by the page's script from Intl (the browser's own zone); not HTTP-only, since the script writes it. */
export const TIME_ZONE_COOKIE = "inbox_tz";

/** Where each region's team mostly works: the first page, before the script has said more, is in this zone. */
export const REGION_TIME_ZONES: Readonly<Record<Region, string>> = {
  sea: "Asia/Singapore",
  "greater-china": "Asia/Hong_Kong",
  "north-asia": "Asia/Tokyo",
  "south-asia": "Asia/Kolkata",
};

/** An IANA zone Intl knows, or null: the cookie is input like any other. */
export function validTimeZone(zone: string | undefined): string | null {
  if (!zone || zone.length > 64 || !/^[A-Za-z][\w+\-/]*$/.test(zone)) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    // As the browser named it, not Intl's canonical alias (Asia/Kolkata, not Asia/Calcutta): the script compares them.
    return zone;
  } catch {
    return null;
  }
}

/** The browser's zone when the script reported one, else the agent's first region's, else UTC (sellers, sign-in). */
export function chooseTimeZone(c: Context, session: Session | null): string {
  const reported = validTimeZone(getCookie(c, TIME_ZONE_COOKIE));
  if (reported) return reported;
  const region = session?.kind === "agent" ? session.agent.regions[0] : undefined;
  return region ? REGION_TIME_ZONES[region] : "UTC";
}
