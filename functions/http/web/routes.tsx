/** The web inbox at /inbox: server-rendered pages for agents (queue, packet) and sellers (analytics, canned replies). */
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { z } from "zod";
import { analytics } from "../../domain/analytics";
import { type Agent, addNote, findForAgent, replyAsAgent, transition } from "../../domain/agent-actions";
import { AppError } from "../../domain/errors";
import { decideOnAction } from "../../domain/action-approval";
import { MailingAddressSchema } from "../../domain/actions";
import { summaryOf } from "../../domain/handoff";
import { queueOrderFor } from "../../domain/priority";
import { EscalationId } from "../../domain/ids";
import { REGIONS } from "../../domain/markets";
import { markGuard } from "../guards";
import { CHANNEL_NAMES, isChannelName } from "../../channels";
import { isMarketCode } from "../../domain/markets";
import { canAuthorize, MarketQuery, startAuthorization } from "../routes/connect";
import { MAX_CANNED_REPLIES } from "../routes/canned-replies";
import { INBOX_CLIENT_JS, INBOX_CSS } from "./assets";
import { finishSignIn, startSignIn } from "./cognito";
import type { InboxPageDeps } from "./deps";
import {
  ActionIdParam,
  AnalyticsQuery,
  ApproveForm,
  CannedForm,
  ComposeForm,
  EscalationIdParam,
  LanguageForm,
  NoteForm,
  ReplyForm,
  ResolveForm,
  SignInForm,
} from "./forms";
import { registerKnowledgePages } from "./knowledge-pages";
import { registerInsightPages, registerLivePages } from "./oversight-pages";
import { loadPacket, shopperLocale, translationState } from "./packet-data";
import { chooseLocale, LANGUAGE_COOKIE, type PageText, pageText } from "./page-locale";
import {
  checkCredential,
  cookieOptions,
  endSession,
  isHttps,
  readSession,
  revokeSession,
  type Session,
  type SessionAuth,
  startSession,
} from "./session";
import { AnalyticsPage } from "./views/analytics";
import { CannedPage } from "./views/canned";
import { ConnectionsPage } from "./views/connections";
import { ErrorPage } from "./views/error";
import type { Flash } from "./views/layout";
import { PacketLive, PacketPage } from "./views/packet";
import { type QueueFilter, QueueList, QueuePage } from "./views/queue";
import { SignInPage } from "./views/sign-in";
import { chooseTimeZone } from "./time-zone";

type AgentSession = Session & { kind: "agent" };
type SellerSession = Session & { kind: "seller" };
type PageEnv = { Variables: { session: Session; text: PageText } };
type Pages = Hono<PageEnv>;

const OAUTH_COOKIE = "inbox_oauth";
const DONE = [
  "claimed",
  "released",
  "resolved",
  "sent",
  "noted",
  "saved",
  "taken_over",
  "action_approved",
  "action_declined",
] as const;
/** Refusals an agent's form post can meet, each with its own line in locales/<lang>/inbox.json (errors.*). */
const REFUSED = ["conflict", "not_claimed", "action_not_pending", "address_required"];
const ERRORS = ["conflict", "not_claimed", "invalid", "generic"] as const;

const agentOf = (s: AgentSession): Agent & { name: string } => ({
  id: s.agent.id,
  name: s.agent.name || s.agent.id,
  regions: s.agent.regions,
  shops: s.agent.shops,
});

/** The status line a redirect asked for (?done=…, ?error=…); unknown values show nothing. */
function flashFrom(c: Context, text: PageText): Flash | null {
  const done = c.req.query("done");
  if (done && (DONE as readonly string[]).includes(done))
    return { kind: "done", message: text.t(done === "saved" ? "canned.saved" : `done.${done}`) };
  const error = c.req.query("error");
  if (error && (ERRORS as readonly string[]).includes(error))
    return { kind: "error", message: text.t(`errors.${error}`) };
  return null;
}

/** Form fields, validated; a malformed post is answered with the page it came from and an "invalid" notice. */
async function form<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T> | null> {
  const body = await c.req.parseBody();
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** Where the browser reached us (the sign-in callback and Cognito's logout come back here). */
const origin = (c: Context) => `${isHttps(c) ? "https" : "http"}://${new URL(c.req.url).host}`;

/** The polling script sends the version it shows; an unchanged region is answered 204 with nothing to render. */
const unchanged = (c: Context, version: string) => c.req.header("x-inbox-version") === version;

const sameText = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

/** What every route group of the inbox pages shares. */
interface PageKit {
  readonly deps: InboxPageDeps;
  readonly auth: SessionAuth;
  /** The page's text in the reader's language and time zone. */
  readonly textFor: (c: Context, session: Session | null) => PageText;
  /** An error page in the page's language, with whatever session the request had. */
  readonly errorPage: (
    c: Context<PageEnv>,
    status: 403 | 404 | 413 | 429 | 500,
    title: string,
    message: string,
  ) => Response | Promise<Response>;
}

/**
 * The inbox pages: public assets and sign-in first, then every page that needs a session on `signedIn`, whose
 * first middleware is the session guard, so no page can be added to it unguarded.
 */
export function createInboxPages(
  deps: InboxPageDeps,
  auth: SessionAuth,
  /** Drops an instance's cached shop after the seller writes knowledge (the API's shop key cache). */
  forgetShop?: (shopId: string) => void,
): Pages {
  const kit = pageKit(deps, auth);
  const pages = new Hono<PageEnv>();
  useBrowserSafety(pages);
  handlePageErrors(pages, kit);
  registerAssets(pages);
  // Every page below reads a credential: an address that keeps failing is refused before any is checked.
  if (auth.failures) pages.use("*", auth.failures.guard);
  registerSignIn(pages, kit);

  const signedIn = new Hono<PageEnv>();
  signedIn.use("*", requireSession(kit));
  registerQueue(signedIn, kit);
  registerPacketActions(signedIn, kit);
  registerAnalytics(signedIn, kit);
  registerCannedReplies(signedIn, kit);
  registerLivePages(signedIn, kit);
  registerInsightPages(signedIn, kit);
  registerConnections(signedIn, kit);
  registerKnowledgePages(signedIn, { ...kit, forgetShop });
  pages.route("/", signedIn);
  return pages;
}

/** The helpers the route groups share, built once from the dependencies. */
function pageKit(deps: InboxPageDeps, auth: SessionAuth): PageKit {
  const textFor = (c: Context, session: Session | null) =>
    pageText(deps.translator, chooseLocale(c, session), chooseTimeZone(c, session));
  return {
    deps,
    auth,
    textFor,
    errorPage: (c, status, title, message) => {
      const text = c.get("text") ?? textFor(c, c.get("session") ?? null);
      return c.html(
        <ErrorPage
          text={text}
          session={c.get("session") ?? null}
          title={text.t(title)}
          message={text.t(message)}
        />,
        status,
      );
    },
  };
}

/** Content security policy, same-origin form posts, a body limit, and no caching of anything but assets. */
function useBrowserSafety(pages: Pages) {
  pages.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "same-origin",
    }),
  );
  // Anything but a read comes from our own pages only, whatever its content type (or none): the browser's Origin, or
  // failing that its Sec-Fetch-Site, must say so; a request that carries neither is refused too.
  pages.use("*", async (c, next) => {
    if (!/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) {
      const ours = c.req.header("origin") === new URL(c.req.url).origin;
      if (!ours && c.req.header("sec-fetch-site") !== "same-origin") throw new HTTPException(403);
    }
    await next();
  });
  // No form needs more than a few kilobytes.
  pages.on("POST", "*", bodyLimit({ maxSize: 64 * 1024 }));
  pages.use("*", async (c, next) => {
    await next();
    if (!c.req.path.startsWith("/inbox/assets/")) c.header("cache-control", "no-store");
  });
}

/** Every failure answered with a page in the reader's language; only unexpected ones are logged. */
function handlePageErrors(pages: Pages, { deps, errorPage }: PageKit) {
  pages.onError((error, c) => {
    if (error instanceof AppError && error.code === "not_found")
      return errorPage(c, 404, "packet.not_found_title", "packet.not_found");
    // Too many failed sign-ins from this address: the page says to wait (Retry-After is already set).
    if (error instanceof AppError && error.code === "rate_limited")
      return errorPage(c, 429, "errors.title", "errors.too_many_attempts");
    // CSRF refusals (403) and oversized forms (413) keep their status, with a page that says what to do.
    if (error instanceof HTTPException)
      return error.status === 403
        ? errorPage(c, 403, "errors.title", "errors.forbidden")
        : errorPage(c, 413, "errors.title", "errors.invalid");
    deps.logger.error("inbox page failed", { error: String(error) });
    return errorPage(c, 500, "errors.title", "errors.generic");
  });
}

/** The stylesheet and the one script: public, cached briefly. */
function registerAssets(pages: Pages) {
  pages.get("/assets/inbox.css", (c) =>
    c.body(INBOX_CSS, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );
  pages.get("/assets/inbox.js", (c) =>
    c.body(INBOX_CLIENT_JS, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
    }),
  );
}

/** Signing in (pasted credential or Cognito's hosted UI), signing out, and the page language: no session needed. */
function registerSignIn(pages: Pages, { deps, auth, textFor }: PageKit) {
  pages.get("/sign-in", async (c) => {
    const result = await readSession(c, auth);
    if (result.ok) return c.redirect("/inbox", 303);
    const text = textFor(c, null);
    const why = c.req.query("why");
    const flash: Flash | null =
      why === "expired" || result.expired
        ? { kind: "error", message: text.t("sign_in.expired") }
        : why === "failed"
          ? { kind: "error", message: text.t("sign_in.failed") }
          : null;
    if (result.expired) endSession(c);
    return c.html(<SignInPage text={text} hostedUi={Boolean(deps.hostedUi)} flash={flash} />);
  });

  pages.post("/sign-in", async (c) => {
    const input = await form(c, SignInForm);
    const session = input && (await checkCredential(auth, input.kind, input.credential));
    if (!input || !session) {
      auth.failures?.fail(c);
      const text = textFor(c, null);
      return c.html(
        <SignInPage
          text={text}
          hostedUi={Boolean(deps.hostedUi)}
          flash={{ kind: "error", message: text.t("sign_in.invalid") }}
        />,
        401,
      );
    }
    await startSession(c, auth, input.kind, input.credential);
    return c.redirect(session.kind === "agent" ? "/inbox" : "/inbox/analytics", 303);
  });

  pages.get("/sign-in/cognito", (c) => {
    if (!deps.hostedUi) throw new AppError("not_found", "Cognito sign-in is not configured.");
    const start = startSignIn(deps.hostedUi, `${origin(c)}/inbox/auth/callback`);
    // Lax: the cookie must come back on Cognito's top-level redirect to our callback.
    setCookie(c, OAUTH_COOKIE, `${start.state}.${start.verifier}`, cookieOptions(c, "Lax", 600));
    return c.redirect(start.url, 302);
  });

  pages.get("/auth/callback", async (c) => {
    const [state, verifier] = (getCookie(c, OAUTH_COOKIE) ?? "").split(".");
    deleteCookie(c, OAUTH_COOKIE, { path: "/inbox" });
    const code = c.req.query("code");
    const returned = c.req.query("state") ?? "";
    if (!deps.hostedUi || !code || !state || !verifier || !sameText(state, returned))
      return c.redirect("/inbox/sign-in?why=failed", 303);
    const idToken = await finishSignIn(deps.hostedUi, {
      code,
      verifier,
      redirectUri: `${origin(c)}/inbox/auth/callback`,
    });
    const session = idToken ? await checkCredential(auth, "agent", idToken) : null;
    if (!idToken || !session) {
      auth.failures?.fail(c);
      return c.redirect("/inbox/sign-in?why=failed", 303);
    }
    await startSession(c, auth, "agent", idToken);
    // A same-site cookie is not sent on the rest of a redirect chain that began at Cognito: continue from our page.
    return c.html(
      `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/inbox"><a href="/inbox">${textFor(c, session).t("nav.queue")}</a>`,
    );
  });

  pages.post("/sign-out", async (c) => {
    await revokeSession(c, auth);
    if (!deps.hostedUi) return c.redirect("/inbox/sign-in", 303);
    // End the hosted UI's own session too, or the next sign-in would silently be the same person.
    const logout = new URL(`${deps.hostedUi.domain}/logout`);
    logout.search = new URLSearchParams({
      client_id: deps.hostedUi.clientId,
      logout_uri: `${origin(c)}/inbox/sign-in`,
    }).toString();
    return c.redirect(logout.toString(), 303);
  });

  pages.post("/language", async (c) => {
    const input = await form(c, LanguageForm);
    if (input) setCookie(c, LANGUAGE_COOKIE, input.lang, cookieOptions(c, "Lax", 365 * 86_400));
    // Only back to our own pages: never an open redirect.
    const back = input && /^\/inbox(\/[\w\-/]*)?$/.test(input.back) ? input.back : "/inbox";
    return c.redirect(back, 303);
  });
}

/** The session guard of every signed-in page: sets `session` and `text`, or sends the browser to sign in. */
function requireSession({ auth, textFor }: PageKit): MiddlewareHandler<PageEnv> {
  return markGuard("inbox-session", async (c, next) => {
    const result = await readSession(c, auth);
    if (!result.ok) {
      if (result.expired) auth.failures?.fail(c);
      // Polled fragments answer 401 so the page's script reloads into the sign-in page.
      if (c.req.path.endsWith(".html") || c.req.path.endsWith("/live")) return c.text("sign in", 401);
      return c.redirect(result.expired ? "/inbox/sign-in?why=expired" : "/inbox/sign-in", 303);
    }
    c.set("session", result.session);
    c.set("text", textFor(c, result.session));
    await next();
  });
}

/** Agent pages: a seller who follows such a link lands on their own pages. */
const asAgent = (c: Context<PageEnv>): AgentSession | null => {
  const s = c.get("session");
  return s.kind === "agent" ? s : null;
};
const asSeller = (c: Context<PageEnv>): SellerSession | null => {
  const s = c.get("session");
  return s.kind === "seller" ? s : null;
};
const forbidden = (kit: PageKit, c: Context<PageEnv>) =>
  kit.errorPage(c, 403, "errors.title", "errors.forbidden");

/** The escalation id in the path; a malformed one is simply not found. */
const escalationId = (c: Context<PageEnv>) => {
  const parsed = EscalationIdParam.safeParse(c.req.param("id"));
  if (!parsed.success) throw new AppError("not_found", "No such escalation.");
  return EscalationId(parsed.data);
};

/** The agent's queue: the page, and the fragment its script polls. */
function registerQueue(pages: Pages, kit: PageKit) {
  const { deps } = kit;
  const queueList = async (c: Context<PageEnv>, session: AgentSession) => {
    const region = REGIONS.find((r) => r === c.req.query("region"));
    const status = (["pending", "claimed", "resolved"] as const).find((s) => s === c.req.query("status"));
    const filter: QueueFilter = {
      region: region && session.agent.regions.includes(region) ? region : undefined,
      status: status ?? "pending",
    };
    const cursor = c.req.query("cursor");
    let page: Awaited<ReturnType<typeof deps.inbox.listInbox>>;
    try {
      page = await deps.inbox.listInbox(
        {
          shops: session.agent.shops,
          regions: filter.region ? [filter.region] : session.agent.regions,
          status: filter.status,
        },
        { limit: 50, cursor },
      );
    } catch (error) {
      // A stale or tampered cursor (400) starts the list from the top rather than failing the page.
      if (!(error instanceof AppError)) throw error;
      page = await deps.inbox.listInbox(
        { shops: session.agent.shops, regions: session.agent.regions, status: filter.status },
        { limit: 50 },
      );
    }
    const items = [...page.items]
      .sort(queueOrderFor(session.agent.languages))
      .map((e) => ({ escalation: e, summary: summaryOf(deps.translator, c.get("text").locale, e) }));
    const shown = items.map(
      ({ escalation: e }) =>
        `${e.escalationId}:${e.status}:${e.claimedBy}:${e.priority}:${e.firstHumanReplyAt}`,
    );
    const version = createHash("sha256")
      .update(`${shown.join("|")}#${page.nextCursor}`)
      .digest("base64url")
      .slice(0, 16);
    return {
      text: c.get("text"),
      agent: session.agent,
      items,
      filter,
      nextCursor: page.nextCursor,
      version,
      now: deps.clock.now(),
    };
  };

  pages.get("/", async (c) => {
    const session = asAgent(c);
    if (!session) return c.redirect("/inbox/analytics", 303);
    const list = await queueList(c, session);
    return c.html(
      <QueuePage text={c.get("text")} session={session} list={list} flash={flashFrom(c, list.text)} />,
    );
  });

  pages.get("/queue.html", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const list = await queueList(c, session);
    if (unchanged(c, list.version)) return c.body(null, 204);
    return c.html(<QueueList {...list} />);
  });
}

/** One escalation's packet: the page, its polled fragment, and the agent's actions on it. */
function registerPacketActions(pages: Pages, kit: PageKit) {
  const { deps } = kit;
  const renderPacket = async (
    c: Context<PageEnv>,
    session: AgentSession,
    options: { flash?: Flash | null; prefill?: string; cannedId?: string; status?: 200 | 400 | 502 } = {},
  ) => {
    const text = c.get("text");
    const data = await loadPacket(deps, agentOf(session), escalationId(c), text.locale);
    let prefill = options.prefill ?? "";
    const canned = data.canned
      .flatMap((g) => [...g.builtIn, ...g.shop])
      .find((r) => r.id === options.cannedId);
    if (canned) prefill = prefill ? `${prefill}\n${canned.text}` : canned.text;
    return c.html(
      <PacketPage
        text={text}
        session={session}
        data={data}
        flash={options.flash ?? flashFrom(c, text)}
        prefill={prefill}
        clientMessageId={randomUUID()}
        clientNoteId={randomUUID()}
      />,
      options.status ?? 200,
    );
  };

  pages.get("/e/:id", async (c) => {
    const session = asAgent(c);
    return session ? renderPacket(c, session) : forbidden(kit, c);
  });

  // Without the script, "Insert" posts the reply box here and gets it back with the canned reply added; a post, so
  // the draft never lands in a URL (history, logs).
  pages.post("/e/:id/compose", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const input = await form(c, ComposeForm);
    return renderPacket(c, session, { prefill: input?.text ?? "", cannedId: input?.canned });
  });

  pages.get("/e/:id/live", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const data = await loadPacket(deps, agentOf(session), escalationId(c), c.get("text").locale, {
      poll: true,
    });
    if (unchanged(c, data.version)) return c.body(null, 204);
    return c.html(<PacketLive text={c.get("text")} data={data} />);
  });

  /** Runs an agent's action and returns to the packet with what happened; a lost race says so. */
  const act = async (
    c: Context<PageEnv>,
    done: (typeof DONE)[number],
    run: (session: AgentSession) => Promise<unknown>,
  ) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const back = `/inbox/e/${escalationId(c)}`;
    try {
      await run(session);
    } catch (error) {
      if (error instanceof AppError && REFUSED.includes(error.code))
        return c.redirect(`${back}?error=${error.code}`, 303);
      throw error;
    }
    return c.redirect(`${back}?done=${done}`, 303);
  };

  const claimOrRelease = (kind: "claim" | "release") => (c: Context<PageEnv>) =>
    act(c, kind === "claim" ? "claimed" : "released", (s) =>
      transition(deps, agentOf(s), escalationId(c), {
        kind,
        agentId: s.agent.id,
        at: deps.clock.now().toISOString(),
      }),
    );

  pages.post("/e/:id/claim", claimOrRelease("claim"));
  pages.post("/e/:id/release", claimOrRelease("release"));
  pages.post("/e/:id/resolve", async (c) => {
    const input = await form(c, ResolveForm);
    return act(c, "resolved", (s) =>
      transition(deps, agentOf(s), escalationId(c), {
        kind: "resolve",
        agentId: s.agent.id,
        at: deps.clock.now().toISOString(),
        note: input?.note || null,
      }),
    );
  });

  /** Approve or decline the prepared order action (CSRF: the pages' same-origin check covers these posts). */
  const decideAction = (decision: "approve" | "decline") => async (c: Context<PageEnv>) => {
    const actionId = ActionIdParam.safeParse(c.req.param("actionId"));
    const input = decision === "approve" ? await form(c, ApproveForm) : {};
    if (!actionId.success || !input) return c.redirect(`/inbox/e/${escalationId(c)}?error=invalid`, 303);
    const { actions, orderActions } = deps;
    if (!actions || !orderActions) return c.redirect(`/inbox/e/${escalationId(c)}?error=generic`, 303);
    const fields = input as Partial<Record<string, string>>;
    const address =
      fields.address1 && fields.city && fields.countryCode ? MailingAddressSchema.safeParse(fields) : null;
    if (address && !address.success) return c.redirect(`/inbox/e/${escalationId(c)}?error=invalid`, 303);
    return act(c, decision === "approve" ? "action_approved" : "action_declined", (s) =>
      decideOnAction(
        { ...deps, actions, orderActions },
        agentOf(s),
        escalationId(c),
        actionId.data,
        decision,
        address?.success ? { address: address.data } : {},
      ),
    );
  };
  pages.post("/e/:id/actions/:actionId/approve", decideAction("approve"));
  pages.post("/e/:id/actions/:actionId/decline", decideAction("decline"));

  pages.post("/e/:id/notes", async (c) => {
    const input = await form(c, NoteForm);
    if (!input) return c.redirect(`/inbox/e/${escalationId(c)}?error=invalid`, 303);
    return act(c, "noted", (s) =>
      addNote(deps, agentOf(s), escalationId(c), { text: input.text, clientNoteId: input.clientNoteId }),
    );
  });

  pages.post("/e/:id/reply", async (c) => {
    const session = asAgent(c);
    if (!session) return forbidden(kit, c);
    const text = c.get("text");
    const input = await form(c, ReplyForm);
    if (!input) return c.redirect(`/inbox/e/${escalationId(c)}?error=invalid`, 303);
    const agent = agentOf(session);
    const id = escalationId(c);
    let outgoing = {
      text: input.text,
      original: undefined as { text: string; language: string } | undefined,
    };
    if (input.translate && deps.messageTranslator) {
      const escalation = await findForAgent(deps, agent, id);
      if (translationState(deps, escalation, text.locale).state === "on") {
        const to = shopperLocale(escalation);
        const translated = await deps.messageTranslator.translate([input.text], to, text.locale);
        if (!translated?.[0])
          return renderPacket(c, session, {
            flash: { kind: "error", message: text.t("errors.translation_failed") },
            prefill: input.text,
            status: 502,
          });
        outgoing = { text: translated[0], original: { text: input.text, language: text.locale } };
      }
    }
    return act(c, "sent", () =>
      replyAsAgent(deps, agent, id, {
        text: outgoing.text,
        clientMessageId: input.clientMessageId,
        original: outgoing.original,
      }),
    );
  });
}

/** The seller's analytics page (R10 figures over the last days). */
function registerAnalytics(pages: Pages, kit: PageKit) {
  const { deps } = kit;
  pages.get("/analytics", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const { days } = AnalyticsQuery.parse({ days: c.req.query("days") });
    const to = deps.clock.now();
    const from = new Date(to.getTime() - days * 86_400_000);
    const [conversations, escalations] = await Promise.all([
      deps.conversations.listActive(session.shop.id, from.toISOString(), to.toISOString()),
      deps.inbox.listCreated(session.shop.id, from.toISOString(), to.toISOString()),
    ]);
    return c.html(
      <AnalyticsPage
        text={c.get("text")}
        session={session}
        days={days}
        figures={analytics(conversations, escalations)}
      />,
    );
  });
}

/** The seller's canned replies: list, add, edit, delete. */
function registerCannedReplies(pages: Pages, kit: PageKit) {
  const { deps } = kit;
  pages.get("/canned", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const replies = await deps.cannedReplies.list(session.shop.id);
    return c.html(
      <CannedPage
        text={c.get("text")}
        session={session}
        replies={replies}
        flash={flashFrom(c, c.get("text"))}
      />,
    );
  });

  pages.post("/canned", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const input = await form(c, CannedForm);
    if (!input) return c.redirect("/inbox/canned?error=invalid", 303);
    const replies = await deps.cannedReplies.list(session.shop.id);
    if (replies.length >= MAX_CANNED_REPLIES) return c.redirect("/inbox/canned?error=invalid", 303);
    await deps.cannedReplies.replace(session.shop.id, [...replies, { id: randomUUID(), ...input }]);
    return c.redirect("/inbox/canned?done=saved", 303);
  });

  pages.post("/canned/:id", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const input = await form(c, CannedForm);
    if (!input) return c.redirect("/inbox/canned?error=invalid", 303);
    const id = c.req.param("id");
    const replies = await deps.cannedReplies.list(session.shop.id);
    if (!replies.some((r) => r.id === id)) throw new AppError("not_found", "No such canned reply.");
    await deps.cannedReplies.replace(
      session.shop.id,
      replies.map((r) => (r.id === id ? { id, ...input } : r)),
    );
    return c.redirect("/inbox/canned?done=saved", 303);
  });

  pages.post("/canned/:id/delete", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const replies = await deps.cannedReplies.list(session.shop.id);
    await deps.cannedReplies.replace(
      session.shop.id,
      replies.filter((r) => r.id !== c.req.param("id")),
    );
    return c.redirect("/inbox/canned?done=saved", 303);
  });
}

/** What the connections page can say after a redirect (?done=…, ?error=…); anything else shows nothing. */
const CONNECTION_DONE = ["connected", "disconnected"] as const;
const CONNECTION_ERRORS = [
  "authorization_failed",
  "not_in_market",
  "taken",
  "unavailable",
  "not_configured",
  "invalid",
] as const;

function connectionsFlash(c: Context, text: PageText): Flash | null {
  const done = c.req.query("done");
  if (done && (CONNECTION_DONE as readonly string[]).includes(done))
    return { kind: "done", message: text.t(`connections.done_${done}`) };
  const error = c.req.query("error");
  if (error && (CONNECTION_ERRORS as readonly string[]).includes(error))
    return { kind: "error", message: text.t(`connections.error_${error}`) };
  return null;
}

/** The seller's marketplace accounts: the list with each one's status, connect (at the marketplace), disconnect. */
function registerConnections(pages: Pages, kit: PageKit) {
  const { deps } = kit;
  pages.get("/connections", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const accounts = await deps.connections.accounts(session.shop.id);
    const markets = session.shop.markets.filter(isMarketCode);
    return c.html(
      <ConnectionsPage
        text={c.get("text")}
        session={session}
        accounts={accounts}
        options={CHANNEL_NAMES.map((channel) => ({ channel, available: canAuthorize(deps, channel) }))}
        markets={markets}
        now={deps.clock.now()}
        flash={connectionsFlash(c, c.get("text"))}
      />,
    );
  });

  // A GET, like following a link: it only starts an authorization the seller must still grant at the marketplace,
  // and the session cookie (SameSite=Strict) is not sent when another site starts it.
  pages.get("/connect/:marketplace", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const marketplace = c.req.param("marketplace");
    const query = MarketQuery.safeParse({ market: c.req.query("market") });
    if (!isChannelName(marketplace) || !query.success)
      return c.redirect("/inbox/connections?error=invalid", 303);
    if (!canAuthorize(deps, marketplace)) return c.redirect("/inbox/connections?error=not_configured", 303);
    try {
      return await startAuthorization(c, deps, session.shop.id, marketplace, query.data.market);
    } catch (error) {
      if (error instanceof AppError) return c.redirect("/inbox/connections?error=not_configured", 303);
      throw error;
    }
  });

  pages.post("/connections/:marketplace/:accountId/disconnect", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(kit, c);
    const marketplace = c.req.param("marketplace");
    // Another tab may have disconnected it first: the page then shows where things stand.
    const gone =
      isChannelName(marketplace) &&
      (await deps.connections.disconnect(session.shop.id, marketplace, c.req.param("accountId")));
    if (!gone) return c.redirect("/inbox/connections?error=invalid", 303);
    return c.redirect("/inbox/connections?done=disconnected", 303);
  });
}
