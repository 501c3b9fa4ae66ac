/**
 * The seller's knowledge editor (store knowledge): the shop's help articles listed, written, edited and deleted through
 * the same store and limits as PUT /v1/knowledge/articles/{id}, and the test box that asks the knowledge like
 * POST /v1/knowledge/ask. Registered by routes.tsx on the signed-in sub-app.
 */
import { randomBytes } from "node:crypto";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/errors";
import {
  type Article,
  KNOWLEDGE_LIMITS,
  KnowledgeIdSchema,
  KnowledgeLimitError,
  type SourceRef,
} from "../../domain/knowledge";
import { isLocale, LANGUAGE_CODES, type Language, languageOfLocale } from "../../domain/languages";
import { isMarketCode, MARKET_CODES, type MarketCode } from "../../domain/markets";
import type { Page } from "../../domain/ports";
import { ArticleInput, askKnowledge } from "../routes/knowledge";
import type { InboxPageDeps } from "./deps";
import type { PageText } from "./page-locale";
import type { Session } from "./session";
import {
  type ArticleDraft,
  type KnowledgeTest,
  KnowledgeDeletePage,
  KnowledgeEditPage,
  KnowledgePage,
  type ShownSource,
} from "./views/knowledge";
import type { Flash } from "./views/layout";

type PageEnv = { Variables: { session: Session; text: PageText } };
type Pages = Hono<PageEnv>;
type SellerSession = Session & { kind: "seller" };

/** What this group needs of routes.tsx's page kit. */
interface Kit {
  readonly deps: InboxPageDeps;
  readonly errorPage: (
    c: Context<PageEnv>,
    status: 403 | 404 | 413 | 429 | 500,
    title: string,
    message: string,
  ) => Response | Promise<Response>;
  /** Drops the instance's cached shop after a write, so replies read the new knowledge version at once. */
  readonly forgetShop?: ((shopId: string) => void) | undefined;
}

/** The test box's fields; the market is checked against our markets separately. */
export const AskForm = z.object({
  question: z.string().trim().min(1).max(1000),
  market: z.string().refine(isMarketCode),
});

const asSeller = (c: Context<PageEnv>): SellerSession | null => {
  const s = c.get("session");
  return s.kind === "seller" ? s : null;
};

/** The article id in the path; a malformed one is simply not found. */
const articleIdOf = (c: Context<PageEnv>) => {
  const parsed = KnowledgeIdSchema.safeParse(c.req.param("articleId"));
  if (!parsed.success) throw new AppError("not_found", "No such article.");
  return parsed.data;
};

/** A new article's id: its title as ASCII words joined by dashes, and a short random suffix so titles may repeat. */
export function articleIdFor(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "article"}-${randomBytes(3).toString("hex")}`;
}

/** The page's language as one of ours, for a new article's default. */
const pageLanguage = (text: PageText): Language =>
  isLocale(text.locale) ? languageOfLocale(text.locale) : "en";

/** The markets the test box offers: the shop's own, or all of ours when it lists none. */
const shopMarkets = (session: SellerSession): MarketCode[] => {
  const own = session.shop.markets.filter(isMarketCode);
  return own.length > 0 ? own : [...MARKET_CODES];
};

/** Each field the form got wrong, as a localized line; the API's schema decides what is wrong. */
function fieldErrors(text: PageText, issues: readonly z.core.$ZodIssue[]): string[] {
  const fields = new Set(issues.map((i) => String(i.path[0] ?? "")));
  const lines: string[] = [];
  if (fields.has("title"))
    lines.push(text.t("knowledge.error_title", { max: KNOWLEDGE_LIMITS.articleTitleChars }));
  if (fields.has("body"))
    lines.push(text.t("knowledge.error_body", { max: KNOWLEDGE_LIMITS.articleBodyChars }));
  if (fields.has("language")) lines.push(text.t("knowledge.error_language"));
  if (fields.has("markets")) lines.push(text.t("knowledge.error_markets"));
  return lines.length > 0 ? lines : [text.t("errors.invalid")];
}

/** The form's fields as typed (a repeated `markets` arrives as a list), kept to show again when saving fails. */
async function draftFrom(c: Context<PageEnv>): Promise<ArticleDraft> {
  const body = await c.req.parseBody({ all: true });
  const one = (value: unknown) => (typeof value === "string" ? value : "");
  const markets = ([] as unknown[]).concat(body.markets ?? []).filter((m) => typeof m === "string");
  return {
    title: one(body.title),
    body: one(body.body),
    language: one(body.language),
    markets: markets as string[],
  };
}

/** Registers /inbox/knowledge: the list with the test box, new, edit and delete. */
export function registerKnowledgePages(pages: Pages, kit: Kit) {
  const { deps } = kit;
  const store = deps.knowledgeStore;
  const forbidden = (c: Context<PageEnv>) => kit.errorPage(c, 403, "errors.title", "errors.forbidden");

  const renderList = async (
    c: Context<PageEnv>,
    session: SellerSession,
    options: { flash?: Flash | null; test?: KnowledgeTest; status?: 200 | 400 } = {},
  ) => {
    const text = c.get("text");
    const cursor = c.req.query("cursor");
    let page: Page<Article>;
    try {
      page = await store.listArticles(session.shop.id, { limit: 50, cursor });
    } catch (error) {
      // A stale or tampered cursor starts the list from the top rather than failing the page.
      if (!(error instanceof AppError)) throw error;
      page = await store.listArticles(session.shop.id, { limit: 50 });
    }
    const done = c.req.query("done");
    const flash =
      options.flash ??
      (done === "saved" || done === "deleted"
        ? { kind: "done" as const, message: text.t(`knowledge.${done}`) }
        : null);
    return c.html(
      <KnowledgePage
        text={text}
        session={session}
        articles={page.items}
        nextCursor={page.nextCursor}
        markets={shopMarkets(session)}
        test={options.test}
        flash={flash}
      />,
      options.status ?? 200,
    );
  };

  pages.get("/knowledge", async (c) => {
    const session = asSeller(c);
    return session ? renderList(c, session) : forbidden(c);
  });

  pages.post("/knowledge/ask", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(c);
    const text = c.get("text");
    const body = await c.req.parseBody();
    const input = AskForm.safeParse(body);
    const typed = {
      question: typeof body.question === "string" ? body.question : "",
      market: typeof body.market === "string" ? body.market : "",
    };
    if (!input.success || !isMarketCode(input.data.market))
      return renderList(c, session, {
        flash: { kind: "error", message: text.t("knowledge.error_question") },
        test: { ...typed, answer: null },
        status: 400,
      });
    const { question, market } = input.data;
    const answer = await askKnowledge(deps, session.shop.id, { question, market });
    const sources = await Promise.all(answer.sources.map((s) => showSource(session, s)));
    return renderList(c, session, {
      test: {
        question,
        market,
        answer: {
          answered: answer.answered,
          text: answer.text,
          language: answer.language,
          sources,
          engine: answer.engine,
          fallbackReason: answer.fallbackReason,
        },
      },
    });
  });

  /** A source with the name the seller knows it by, and a link when it is one of their articles. */
  const showSource = async (session: SellerSession, source: SourceRef): Promise<ShownSource> => {
    const shopId = session.shop.id;
    if (source.type === "article") {
      const article = await store.getArticle(shopId, source.id);
      return {
        type: "article",
        name: article?.title ?? source.id,
        href: `/inbox/knowledge/${source.id}/edit`,
      };
    }
    if (source.type === "product")
      return { type: "product", name: (await store.getProduct(shopId, source.id))?.title ?? source.id };
    const policy = (await store.listPolicies(shopId)).find((p) => p.kind === source.id);
    return { type: "policy", name: policy?.title ?? source.id };
  };

  const renderForm = (
    c: Context<PageEnv>,
    session: SellerSession,
    draft: ArticleDraft,
    options: { articleId?: string; errors?: readonly string[]; status?: 200 | 400 | 409 } = {},
  ) =>
    c.html(
      <KnowledgeEditPage
        text={c.get("text")}
        session={session}
        draft={draft}
        articleId={options.articleId}
        languages={LANGUAGE_CODES}
        errors={options.errors ?? []}
      />,
      options.status ?? 200,
    );

  // The unanswered-questions report links here with a title, a body and a language to start from.
  pages.get("/knowledge/new", (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(c);
    const language = c.req.query("language") ?? "";
    return renderForm(c, session, {
      title: (c.req.query("title") ?? "").slice(0, KNOWLEDGE_LIMITS.articleTitleChars),
      body: (c.req.query("body") ?? "").slice(0, KNOWLEDGE_LIMITS.articleBodyChars),
      language: (LANGUAGE_CODES as readonly string[]).includes(language)
        ? language
        : isLocale(language)
          ? languageOfLocale(language)
          : pageLanguage(c.get("text")),
      markets: [],
    });
  });

  pages.get("/knowledge/:articleId/edit", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(c);
    const articleId = articleIdOf(c);
    const article = await store.getArticle(session.shop.id, articleId);
    if (!article) throw new AppError("not_found", "No such article.");
    return renderForm(
      c,
      session,
      {
        title: article.title,
        body: article.body,
        language: article.language,
        markets: article.markets ?? [],
      },
      { articleId },
    );
  });

  /** Validates the form with the API's schema and stores it; a refusal shows the form again with what was typed. */
  const save = async (c: Context<PageEnv>, session: SellerSession, existingId: string | undefined) => {
    const text = c.get("text");
    const draft = await draftFrom(c);
    const parsed = ArticleInput.safeParse({
      title: draft.title,
      body: draft.body,
      language: draft.language,
      // No market ticked: the article holds in every market, as when the API's body leaves them out.
      markets: draft.markets.length > 0 ? draft.markets : undefined,
    });
    if (!parsed.success)
      return renderForm(c, session, draft, {
        articleId: existingId,
        errors: fieldErrors(text, parsed.error.issues),
        status: 400,
      });
    const article: Article = {
      id: existingId ?? articleIdFor(parsed.data.title),
      ...parsed.data,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      await store.putArticle(session.shop.id, article);
    } catch (error) {
      if (!(error instanceof KnowledgeLimitError)) throw error;
      return renderForm(c, session, draft, {
        articleId: existingId,
        errors: [text.t("knowledge.error_limit", { limit: error.limit })],
        status: 409,
      });
    }
    kit.forgetShop?.(session.shop.id);
    return c.redirect("/inbox/knowledge?done=saved", 303);
  };

  pages.post("/knowledge/new", async (c) => {
    const session = asSeller(c);
    return session ? save(c, session, undefined) : forbidden(c);
  });

  pages.post("/knowledge/:articleId/edit", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(c);
    const articleId = articleIdOf(c);
    // Another tab may have deleted it: saving must not bring it back under its old id.
    if (!(await store.getArticle(session.shop.id, articleId)))
      throw new AppError("not_found", "No such article.");
    return save(c, session, articleId);
  });

  // The confirmation is a page of its own: it works without the script, and the post is the one that deletes.
  pages.get("/knowledge/:articleId/delete", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(c);
    const article = await store.getArticle(session.shop.id, articleIdOf(c));
    if (!article) throw new AppError("not_found", "No such article.");
    return c.html(<KnowledgeDeletePage text={c.get("text")} session={session} article={article} />);
  });

  pages.post("/knowledge/:articleId/delete", async (c) => {
    const session = asSeller(c);
    if (!session) return forbidden(c);
    // Already gone (another tab): the list shows where things stand either way.
    if (await store.deleteArticle(session.shop.id, articleIdOf(c))) kit.forgetShop?.(session.shop.id);
    return c.redirect("/inbox/knowledge?done=deleted", 303);
  });
}
