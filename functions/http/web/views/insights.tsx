/**
 * What the AI could not answer, for the seller: questions grouped by topic and language with counts and examples, each
 * with a link that opens the knowledge editor prefilled; and the AI answers agents flagged as wrong.
 */
import type { FC } from "hono/jsx";
import { MISS_KINDS } from "../../../domain/conversation";
import type { UnansweredGroup } from "../../../domain/oversight";
import type { AnswerFlag } from "../../../domain/ports";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { PERIODS } from "./analytics";
import { type Flash, Layout } from "./layout";
import { WithTime } from "./parts";

type SellerSession = Session & { kind: "seller" };

/** The knowledge editor (store knowledge, /inbox/knowledge/new), opened with a title and a body to start from. */
export const articleLink = (text: PageText, group: UnansweredGroup) => {
  const topic = text.intent(group.topic);
  const body = [text.t("unanswered.article_body"), "", ...group.examples.map((e) => `- ${e}`)].join("\n");
  return `/inbox/knowledge/new?${new URLSearchParams({
    title: group.examples[0] ?? topic,
    body,
    language: group.language,
  }).toString()}`;
};

const Period: FC<{ text: PageText; days: number; action: string }> = ({ text, days, action }) => (
  <form class="filters" method="get" action={action}>
    <label for="days">{text.t("analytics.period")}</label>
    <select id="days" name="days">
      {PERIODS.map((d) => (
        <option value={String(d)} selected={d === days}>
          {text.t(`analytics.days_${d}`)}
        </option>
      ))}
    </select>
    <button type="submit">{text.t("queue.show")}</button>
  </form>
);

export const UnansweredPage: FC<{
  text: PageText;
  session: SellerSession;
  days: number;
  total: number;
  groups: readonly UnansweredGroup[];
}> = ({ text, session, days, total, groups }) => (
  <Layout text={text} title={text.t("unanswered.title")} session={session} path="/inbox/unanswered">
    <h1>{text.t("unanswered.title")}</h1>
    <p class="help">{text.t("unanswered.intro")}</p>
    <Period text={text} days={days} action="/inbox/unanswered" />
    {groups.length === 0 ? (
      <p class="empty">{text.t("unanswered.empty")}</p>
    ) : (
      <>
        <p class="count">{text.t("unanswered.total", { count: total })}</p>
        <div class="table-scroll">
          <table class="unanswered">
            <thead>
              <tr>
                <th scope="col">{text.t("unanswered.topic")}</th>
                <th scope="col">{text.t("live.language")}</th>
                <th scope="col">{text.t("unanswered.count")}</th>
                <th scope="col">{text.t("unanswered.why")}</th>
                <th scope="col">{text.t("unanswered.examples")}</th>
                <th scope="col">{text.t("unanswered.action")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr data-topic={g.topic} data-language={g.language}>
                  <th scope="row">{text.intent(g.topic)}</th>
                  <td lang={g.language}>{text.languageName(g.language)}</td>
                  <td>{g.count}</td>
                  <td>
                    {MISS_KINDS.filter((k) => g.kinds[k]).map((k) => (
                      <div>{text.t(`miss.${k}`, { count: g.kinds[k] })}</div>
                    ))}
                  </td>
                  <td>
                    <ul class="examples">
                      {g.examples.map((e) => (
                        <li lang={g.language}>{e}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <a class="button" href={articleLink(text, g)}>
                      {text.t("unanswered.write_article")}
                      <span class="visually-hidden">
                        {" "}
                        ({text.intent(g.topic)} · {text.languageName(g.language)})
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    )}
  </Layout>
);

export const FlagsPage: FC<{
  text: PageText;
  session: SellerSession;
  days: number;
  flags: readonly AnswerFlag[];
  flash?: Flash | null;
}> = ({ text, session, days, flags, flash }) => (
  <Layout text={text} title={text.t("flags.title")} session={session} path="/inbox/flags" flash={flash}>
    <h1>{text.t("flags.title")}</h1>
    <p class="help">{text.t("flags.intro")}</p>
    <Period text={text} days={days} action="/inbox/flags" />
    {flags.length === 0 ? (
      <p class="empty">{text.t("flags.empty")}</p>
    ) : (
      <ul class="flags">
        {flags.map((f) => (
          <li data-message-id={f.messageId}>
            <p class="who">
              <WithTime text={text} phrase="flags.by" values={{ agent: f.agentName }} at={f.at} /> ·{" "}
              {text.marketName(f.market)}
            </p>
            <dl class="facts">
              {f.question && (
                <>
                  <dt>{text.t("flags.question")}</dt>
                  <dd lang={f.language ?? undefined}>{f.question}</dd>
                </>
              )}
              <dt>{text.t("flags.answer")}</dt>
              <dd lang={f.language ?? undefined} class="text">
                {f.answer}
              </dd>
              <dt>{text.t("flags.note")}</dt>
              <dd class="text">{f.note}</dd>
            </dl>
          </li>
        ))}
      </ul>
    )}
  </Layout>
);
