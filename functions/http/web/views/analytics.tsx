/** The seller's analytics: AI containment, escalations by reason and market, first-response times (R10). */
import type { FC } from "hono/jsx";
import type { analytics } from "../../../domain/analytics";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { Layout } from "./layout";

type Figures = ReturnType<typeof analytics>;
type MarketFigures = Figures["shop"];

export const PERIODS = [7, 30, 90] as const;
const DASH = "—";

const Card: FC<{ label: string; value: string }> = ({ label, value }) => (
  <div class="card">
    <dt>{label}</dt>
    <dd>{value}</dd>
  </div>
);

const show = {
  rate: (text: PageText, r: number | null) => (r === null ? DASH : text.percent(r)),
  seconds: (text: PageText, ms: number | null) => (ms === null ? DASH : text.duration(ms / 1000, "second")),
  minutes: (text: PageText, m: number | null) => (m === null ? DASH : text.duration(m, "minute")),
  rating: (text: PageText, r: { count: number; mean: number | null }) =>
    r.mean === null ? DASH : text.t("analytics.rating_value", { mean: r.mean, count: r.count }),
};

const Summary: FC<{ text: PageText; f: MarketFigures }> = ({ text, f }) => (
  <dl class="cards">
    <Card label={text.t("analytics.conversations")} value={String(f.conversations)} />
    <Card label={text.t("analytics.containment")} value={show.rate(text, f.containmentRate)} />
    <Card label={text.t("analytics.escalations")} value={String(f.escalations)} />
    <Card label={text.t("analytics.first_ai_reply")} value={show.seconds(text, f.firstAiReplyMs.p50)} />
    <Card
      label={text.t("analytics.first_human_reply")}
      value={show.minutes(text, f.firstHumanReplyMinutes.p50)}
    />
    <Card label={text.t("analytics.resolved_rate")} value={show.rate(text, f.resolvedAfterHandoffRate)} />
    <Card label={text.t("analytics.overdue")} value={String(f.overdue)} />
    <Card label={text.t("analytics.unresolved")} value={String(f.unresolved)} />
    <Card label={text.t("analytics.rating_ai")} value={show.rating(text, f.ratings.ai)} />
    <Card label={text.t("analytics.rating_person")} value={show.rating(text, f.ratings.person)} />
  </dl>
);

export const AnalyticsPage: FC<{
  text: PageText;
  session: Session;
  days: number;
  figures: Figures;
}> = ({ text, session, days, figures }) => {
  const reasons = Object.entries(figures.shop.escalationsByReason).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...reasons.map(([, n]) => n));
  const markets = Object.entries(figures.markets);
  return (
    <Layout text={text} title={text.t("analytics.title")} session={session} path="/inbox/analytics">
      <h1>{text.t("analytics.title")}</h1>
      <form class="filters" method="get" action="/inbox/analytics">
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
      {figures.shop.conversations === 0 && figures.shop.escalations === 0 ? (
        <p class="empty">{text.t("analytics.no_data")}</p>
      ) : (
        <>
          <Summary text={text} f={figures.shop} />
          <section aria-labelledby="by-reason">
            <h2 id="by-reason">{text.t("analytics.by_reason")}</h2>
            <table class="bars">
              <tbody>
                {reasons.map(([reason, n]) => (
                  <tr>
                    <th scope="row">{text.reason(reason)}</th>
                    <td>
                      <meter min={0} max={most} value={n} aria-hidden="true" /> {n}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="by-market">
            <h2 id="by-market">{text.t("analytics.by_market")}</h2>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{text.t("analytics.market")}</th>
                    <th scope="col">{text.t("analytics.conversations")}</th>
                    <th scope="col">{text.t("analytics.containment")}</th>
                    <th scope="col">{text.t("analytics.escalations")}</th>
                    <th scope="col">{text.t("analytics.first_ai_reply")}</th>
                    <th scope="col">{text.t("analytics.first_human_reply")}</th>
                    <th scope="col">{text.t("analytics.overdue")}</th>
                    <th scope="col">{text.t("analytics.rating_ai")}</th>
                    <th scope="col">{text.t("analytics.rating_person")}</th>
                  </tr>
                </thead>
                <tbody>
                  {markets.map(([market, f]) => (
                    <tr>
                      <th scope="row">{text.marketName(market)}</th>
                      <td>{f.conversations}</td>
                      <td>{show.rate(text, f.containmentRate)}</td>
                      <td>{f.escalations}</td>
                      <td>{show.seconds(text, f.firstAiReplyMs.p50)}</td>
                      <td>{show.minutes(text, f.firstHumanReplyMinutes.p50)}</td>
                      <td>{f.overdue}</td>
                      <td>{show.rating(text, f.ratings.ai)}</td>
                      <td>{show.rating(text, f.ratings.person)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </Layout>
  );
};
