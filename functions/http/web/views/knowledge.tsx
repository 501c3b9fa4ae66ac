/** The seller's store knowledge: help articles (list, write, edit, delete) and the box that tests a shopper's question. */
import type { FC } from "hono/jsx";
import { type Article, KNOWLEDGE_LIMITS } from "../../../domain/knowledge";
import { MARKET_CODES } from "../../../domain/markets";
import type { Engine } from "../../../domain/conversation";
import type { KnowledgeFallback } from "../../../domain/store-answer";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";
import { Fill, SLOT, When } from "./parts";

/** An article's fields as the seller typed them (possibly invalid), to fill the form. */
export interface ArticleDraft {
  readonly title: string;
  readonly body: string;
  readonly language: string;
  readonly markets: readonly string[];
}

/** A source of a test answer, by the name the seller knows it. */
export interface ShownSource {
  readonly type: "article" | "product" | "policy";
  readonly name: string;
  readonly href?: string | undefined;
}

/** The test box as asked, and what the AI would answer (null: not asked yet or the question was refused). */
export interface KnowledgeTest {
  readonly question: string;
  readonly market: string;
  readonly answer: {
    readonly answered: boolean;
    readonly text: string;
    readonly language: string;
    readonly sources: readonly ShownSource[];
    /** Who wrote it, as shoppers get it: the configured model or the embedded engine. */
    readonly engine: Engine;
    /** With a model configured, why the embedded engine answered instead. */
    readonly fallbackReason?: KnowledgeFallback | undefined;
  } | null;
}

/** The markets an article holds in, named in the page's language. */
const marketsOf = (text: PageText, markets?: readonly string[]) =>
  markets && markets.length > 0
    ? markets.map((m) => text.marketName(m)).join(", ")
    : text.t("knowledge.all_markets");

const TestBox: FC<{ text: PageText; markets: readonly string[]; test?: KnowledgeTest | undefined }> = ({
  text,
  markets,
  test,
}) => (
  <section aria-labelledby="test-heading">
    <h2 id="test-heading">{text.t("knowledge.test_heading")}</h2>
    <p class="help">{text.t("knowledge.test_help")}</p>
    <form method="post" action="/inbox/knowledge/ask" class="stack narrow">
      <label for="test-question">{text.t("knowledge.question_label")}</label>
      <textarea id="test-question" name="question" rows={2} required maxlength={1000}>
        {test?.question}
      </textarea>
      <label for="test-market">{text.t("knowledge.market_label")}</label>
      <select id="test-market" name="market">
        {markets.map((m) => (
          <option value={m} selected={m === test?.market}>
            {text.marketName(m)}
          </option>
        ))}
      </select>
      <button type="submit">{text.t("knowledge.ask")}</button>
    </form>
    {test?.answer && (
      <div class="test-answer" role="status">
        <h3>{text.t(test.answer.answered ? "knowledge.answer_heading" : "knowledge.not_answered")}</h3>
        <p class="text" lang={test.answer.language}>
          {test.answer.text}
        </p>
        <p class="hint engine" data-engine={test.answer.engine}>
          {text.t(`knowledge.engine_${test.answer.engine}`)}
        </p>
        {test.answer.fallbackReason && (
          <p class="hint fallback" data-reason={test.answer.fallbackReason}>
            {text.t(`knowledge.fallback_${test.answer.fallbackReason}`)}
          </p>
        )}
        {test.answer.sources.length > 0 && (
          <>
            <h4>{text.t("knowledge.sources")}</h4>
            <ul class="sources">
              {test.answer.sources.map((s) => (
                <li>
                  <Fill sentence={text.t(`knowledge.source_${s.type}`, { name: SLOT })}>
                    {s.href ? <a href={s.href}>{s.name}</a> : <strong>{s.name}</strong>}
                  </Fill>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    )}
  </section>
);

export const KnowledgePage: FC<{
  text: PageText;
  session: Session;
  articles: readonly Article[];
  nextCursor: string | null;
  markets: readonly string[];
  test?: KnowledgeTest | undefined;
  flash: Flash | null;
}> = ({ text, session, articles, nextCursor, markets, test, flash }) => (
  <Layout
    text={text}
    title={text.t("knowledge.heading")}
    session={session}
    path="/inbox/knowledge"
    flash={flash}
  >
    <h1>{text.t("knowledge.heading")}</h1>
    <p class="help">{text.t("knowledge.intro")}</p>
    <p>
      <a class="button primary" href="/inbox/knowledge/new">
        {text.t("knowledge.new")}
      </a>
    </p>
    {articles.length === 0 ? (
      <p class="empty">{text.t("knowledge.empty")}</p>
    ) : (
      <div class="table-scroll">
        <table class="articles">
          <thead>
            <tr>
              <th scope="col">{text.t("knowledge.title_label")}</th>
              <th scope="col">{text.t("knowledge.language_label")}</th>
              <th scope="col">{text.t("knowledge.markets_label")}</th>
              <th scope="col">{text.t("knowledge.updated")}</th>
              <th scope="col">{text.t("knowledge.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {articles.map((a) => (
              <tr>
                <th scope="row" lang={a.language}>
                  {a.title}
                </th>
                <td>{text.languageName(a.language)}</td>
                <td>{marketsOf(text, a.markets)}</td>
                <td>
                  <When text={text} at={a.updatedAt} />
                </td>
                <td>
                  <a
                    href={`/inbox/knowledge/${a.id}/edit`}
                    aria-label={`${text.t("knowledge.edit")}: ${a.title}`}
                  >
                    {text.t("knowledge.edit")}
                  </a>{" "}
                  <a
                    href={`/inbox/knowledge/${a.id}/delete`}
                    aria-label={`${text.t("knowledge.delete")}: ${a.title}`}
                  >
                    {text.t("knowledge.delete")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {nextCursor && (
      <p>
        <a href={`/inbox/knowledge?${new URLSearchParams({ cursor: nextCursor }).toString()}`}>
          {text.t("knowledge.more")}
        </a>
      </p>
    )}
    <TestBox text={text} markets={markets} test={test} />
  </Layout>
);

export const KnowledgeEditPage: FC<{
  text: PageText;
  session: Session;
  draft: ArticleDraft;
  /** Absent: a new article. */
  articleId?: string | undefined;
  languages: readonly string[];
  errors: readonly string[];
}> = ({ text, session, draft, articleId, languages, errors }) => {
  const heading = text.t(articleId ? "knowledge.edit_heading" : "knowledge.new_heading");
  const action = articleId ? `/inbox/knowledge/${articleId}/edit` : "/inbox/knowledge/new";
  return (
    <Layout
      text={text}
      title={heading}
      session={session}
      path={articleId ? `/inbox/knowledge/${articleId}/edit` : "/inbox/knowledge/new"}
      flash={errors.length > 0 ? { kind: "error", message: errors.join(" ") } : null}
    >
      <h1>{heading}</h1>
      <form method="post" action={action} class="stack">
        <label for="article-title">{text.t("knowledge.title_label")}</label>
        <input
          id="article-title"
          name="title"
          required
          maxlength={KNOWLEDGE_LIMITS.articleTitleChars}
          value={draft.title}
        />
        <label for="article-body">{text.t("knowledge.body_label")}</label>
        <textarea
          id="article-body"
          name="body"
          rows={12}
          required
          maxlength={KNOWLEDGE_LIMITS.articleBodyChars}
        >
          {draft.body}
        </textarea>
        <label for="article-language">{text.t("knowledge.language_label")}</label>
        <select id="article-language" name="language">
          {languages.map((l) => (
            <option value={l} selected={l === draft.language}>
              {text.languageName(l)}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{text.t("knowledge.markets_label")}</legend>
          <p class="help" id="markets-help">
            {text.t("knowledge.markets_help")}
          </p>
          {MARKET_CODES.map((m) => (
            <label class="check">
              <input
                type="checkbox"
                name="markets"
                value={m}
                checked={draft.markets.includes(m)}
                aria-describedby="markets-help"
              />{" "}
              {text.marketName(m)}
            </label>
          ))}
        </fieldset>
        <p>
          <button type="submit" class="primary">
            {text.t("knowledge.save")}
          </button>{" "}
          <a href="/inbox/knowledge">{text.t("knowledge.back")}</a>
        </p>
      </form>
    </Layout>
  );
};

export const KnowledgeDeletePage: FC<{ text: PageText; session: Session; article: Article }> = ({
  text,
  session,
  article,
}) => (
  <Layout
    text={text}
    title={text.t("knowledge.confirm_heading")}
    session={session}
    path={`/inbox/knowledge/${article.id}/delete`}
  >
    <h1>{text.t("knowledge.confirm_heading")}</h1>
    <p>{text.t("knowledge.confirm_text", { title: article.title })}</p>
    <form method="post" action={`/inbox/knowledge/${article.id}/delete`}>
      <button type="submit" class="primary">
        {text.t("knowledge.confirm_delete")}
      </button>{" "}
      <a href="/inbox/knowledge">{text.t("knowledge.back")}</a>
    </form>
  </Layout>
);
