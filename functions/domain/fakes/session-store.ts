/** Web inbox sessions in memory: started once, ended for good, past their expiry unknown, as in the DynamoDB store. */
import type { SessionStore, WebSession } from "../ports";
import { copy } from "./page";

/** A SessionStore in memory; starting a session under an id already used fails, like the adapter's conditional put. */
export function createFakeSessionStore(): SessionStore {
  const sessions = new Map<string, { session: WebSession; endedAt: number | null }>();
  return {
    async start(id, session) {
      if (sessions.has(id)) throw new Error("A session with this id already exists");
      sessions.set(id, { session: copy(session), endedAt: null });
    },
    async find(id, nowSeconds) {
      const found = sessions.get(id);
      if (!found || found.endedAt !== null) return null;
      return found.session.expiresAt > nowSeconds ? copy(found.session) : null;
    },
    async end(id, nowSeconds) {
      const found = sessions.get(id);
      // Only a session that exists: a made-up id creates nothing.
      if (found) found.endedAt = nowSeconds;
    },
  };
}
