/**
 * The inbox's oversight pages (R3) and the seller's insight pages, as route groups on the signed-in sub-app: agents'
 * live AI conversations (list, transcript with why-panels, takeover, flags); sellers' unanswered questions and
 * flagged answers. Registered by routes.tsx; kept apart so the page groups grow without touching each other.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import { CHANNEL_NAMES } from "../../channels";
import type { Agent } from "../../domain/agent-actions";
import { AppError } from "../../domain/errors";
import { ConversationId } from "../../domain/ids";
import { LANGUAGE_CODES } from "../../domain/languages";
import { MARKET_CODES, REGIONS } from "../../domain/markets";
import {
  flagAnswer,
  groupUnanswered,
  type LiveConversation,
  listLive,
  takeOver,
} from "../../domain/oversight";
import type { Page } from "../../domain/ports";
import type { InboxPageDeps } from "./deps";
import { AnalyticsQuery } from "./forms";
import { loadLiveConversation } from "./live-data";
import type { PageText } from "./page-locale";
import type { Session } from "./session";
import { FlagsPage, UnansweredPage } from "./views/insights";
import type { Flash } from "./views/layout";
import { type LiveFilter, LiveConversationPage, LivePage } from "./views/live";

type PageEnv = { Variables: { session: Session; text: PageText } };
type Pages = Hono<PageEnv>;
type AgentSession = Session & { kind: "agent" };
type SellerSession = Session & { kind: "seller" };

/** What these groups need of routes.tsx's page kit. */
interface Kit {
  readonly deps: InboxPageDeps;
  readonly errorPage: (
    c: Context<PageEnv>,
    status: 403 | 404 | 413 | 429 | 500,
    title: string,
    message: string,
  ) => Response | Promise<Response>;
}

const DONE = ["flagged"] as const;
const ERRORS = ["conflict", "invalid"] as const;
/** Channels a conversation may come from: the catalogue's and our own API. */
const CHANNEL_CHOICES = ["api", ...CHANNEL_NAMES] as const;

export const FlagForm = z.object({ note: z.string().trim().min(1).max(2000) });
const ConversationIdParam = z.string().regex(/^c_[\w-]{10,40}$/);

const asAgent = (c: Context<PageEnv>): AgentSession | null => {
  const s = c.get("session");
  return s.kind === "agent" ? s : null;
};
const asSeller = (c: Context<PageEnv>): SellerSession | null => {
  const s = c.get("session");
  return s.kind === "seller" ? s : null;
};
const forbidden = (kit: Kit, c: Context<PageEnv>) =>
  kit.errorPage(c, 403, "errors.title", "errors.forbidden");
const agentOf = (s: AgentSession): Agent => ({
  id: s.agent.id,
  name: s.agent.name || s.agent.id,
  regions: s.agent.regions,
  shops: s.agent.shops,
});

/** The conversation id in the path; a malformed one is simply not found. */
const conversationId = (c: Context<PageEnv>) => {
  const parsed = ConversationIdParam.safeParse(c.req.param("id"));
  if (!parsed.success) throw new AppError("not_found", "No such conversation.");
  return ConversationId(parsed.data);
};

function flashOf(c: Context<PageEnv>): Flash | null {
  const text = c.get("text");
  const done = c.req.query("done");
  if (done && (DONE as readonly string[]).includes(done))
    return { kind: "done", message: text.t(`done.${done}`) };
  const error = c.req.query("error");
  if (error && (ERRORS as readonly string[]).includes(error))
    return { kind: "error", message: text.t(`errors.${error === "conflict" ? "taken_already" : error}`) };
  return null;
}

/** A query value if it is one of `allowed`, else nothing: filters are input like any other. */
const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.find((a) => a === value);

/** The agents' live AI conversations: the list, one conversation, taking it over and flagging an answer. */
export function registerLivePages(pages: Pages, kit: Kit) {
  const { deps } = kit;

  pages.get("/live", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const region = oneOf(REGIONS, c.req.query("region"));
    const filter: LiveFilter = {
      region: region && session.agent.regions.includes(region) ? region : undefined,
      market: oneOf(MARKET_CODES, c.req.query("market")),
      language: oneOf(LANGUAGE_CODES, c.req.query("language")),
      channel: oneOf(CHANNEL_CHOICES, c.req.query("channel")),
    };
    const agent = agentOf(session);
    let page: Page<LiveConversation>;
    try {
      page = await listLive(deps, agent, filter, { limit: 50, cursor: c.req.query("cursor") });
    } catch (error) {
      // A stale or tampered cursor (400) starts the list from the top rather than failing the page.
      if (!(error instanceof AppError) || error.code !== "invalid_request") throw error;
      page = await listLive(deps, agent, filter, { limit: 50 });
    }
    return c.html(
      <LivePage
        text={c.get("text")}
        session={session}
        items={page.items}
        filter={filter}
        channels={CHANNEL_CHOICES}
        nextCursor={page.nextCursor}
        now={deps.clock.now()}
        flash={flashOf(c)}
      />,
    );
  });

  pages.get("/c/:id", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const text = c.get("text");
    const data = await loadLiveConversation(deps, agentOf(session), conversationId(c), text.locale);
    return c.html(<LiveConversationPage text={text} session={session} data={data} flash={flashOf(c)} />);
  });

  pages.post("/c/:id/takeover", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const id = conversationId(c);
    try {
      const escalation = await takeOver(deps, agentOf(session), id);
      return c.redirect(`/inbox/e/${escalation.escalationId}?done=taken_over`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict")
        return c.redirect(`/inbox/c/${id}?error=conflict`, 303);
      throw error;
    }
  });

  pages.post("/c/:id/m/:messageId/flag", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const id = conversationId(c);
    const input = FlagForm.safeParse(await c.req.parseBody());
    if (!input.success) return c.redirect(`/inbox/c/${id}?error=invalid`, 303);
    await flagAnswer(deps, agentOf(session), id, {
      messageId: c.req.param("messageId"),
      note: input.data.note,
    });
    return c.redirect(`/inbox/c/${id}?done=flagged`, 303);
  });
}

/** The seller's insight pages: what the AI could not answer, and the answers agents flagged. */
export function registerInsightPages(pages: Pages, kit: Kit) {
  const { deps } = kit;
  const window = (c: Context<PageEnv>) => {
    const { days } = AnalyticsQuery.parse({ days: c.req.query("days") });
    const to = deps.clock.now();
    return { days, from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
  };

  pages.get("/unanswered", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const { days, from, to } = window(c);
    const misses = await deps.oversight.listMisses(session.shop.id, from, to);
    return c.html(
      <UnansweredPage
        text={c.get("text")}
        session={session}
        days={days}
        total={misses.length}
        groups={groupUnanswered(misses)}
      />,
    );
  });

  pages.get("/flags", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const { days, from, to } = window(c);
    const flags = await deps.oversight.listFlags(session.shop.id, from, to);
    return c.html(<FlagsPage text={c.get("text")} session={session} days={days} flags={flags} />);
  });
}
