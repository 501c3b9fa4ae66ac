/** The queue: escalations of the agent's regions, most urgent first, with reasons and SLA countdowns; it polls itself. */
import type { FC } from "hono/jsx";
import type { Escalation, EscalationStatus } from "../../../domain/escalation";
import { MARKETS, type Region } from "../../../domain/markets";
import type { AgentClaims } from "../../auth";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";
import { Due } from "./parts";

export interface QueueItem {
  readonly escalation: Escalation;
  readonly summary: string;
}

export interface QueueFilter {
  readonly region: Region | undefined;
  readonly status: EscalationStatus;
}

const URGENT_BELOW = 30;
/** Enough of a message to tell one card from the next; the packet has the rest. */
const PREVIEW_GRAPHEMES = 140;

/** The shopper's last words before the handoff, on one line and cut at a character boundary (Thai, emoji). */
export function lastShopperMessage(e: Escalation): string | null {
  const last = e.transcript.findLast((entry) => entry.role === "shopper");
  if (!last) return null;
  const flat = last.text.replace(/\s+/g, " ").trim();
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(flat)];
  if (graphemes.length <= PREVIEW_GRAPHEMES) return flat;
  return `${graphemes
    .slice(0, PREVIEW_GRAPHEMES)
    .map((g) => g.segment)
    .join("")
    .trimEnd()}…`;
}

const query = (filter: QueueFilter, cursor?: string) =>
  new URLSearchParams({
    ...(filter.region ? { region: filter.region } : {}),
    status: filter.status,
    ...(cursor ? { cursor } : {}),
  }).toString();

/** The part of the page that polling replaces; its version changes only when an item does. */
export const QueueList: FC<{
  text: PageText;
  agent: AgentClaims;
  items: readonly QueueItem[];
  filter: QueueFilter;
  nextCursor: string | null;
  version: string;
  now: Date;
}> = ({ text, agent, items, filter, nextCursor, version, now }) => (
  <section
    id="queue"
    aria-labelledby="queue-heading"
    data-poll={`/inbox/queue.html?${query(filter)}`}
    data-version={version}
    data-count={items.length}
  >
    <p class="count">{text.t("queue.count", { count: items.length })}</p>
    {items.length === 0 ? (
      <p class="empty">{text.t("queue.empty")}</p>
    ) : (
      <ol class="queue">
        {items.map(({ escalation: e, summary }) => {
          const urgent = e.priority < URGENT_BELOW;
          const said = lastShopperMessage(e);
          return (
            <li
              class={`item${urgent ? " urgent" : ""}${e.overdueAt ? " overdue" : ""}`}
              data-id={e.escalationId}
            >
              <a class="item-link" href={`/inbox/e/${e.escalationId}`}>
                <span class="line">
                  <strong class="shopper">{e.shopper.name ?? text.t("column.shopper")}</strong>
                  <span class="badge reason">{text.reason(e.reason)}</span>
                  {urgent && <span class="badge urgent">{text.t("queue.urgent")}</span>}
                  <span class="market">{text.marketName(e.market)}</span>
                  <span class="badge channel">{text.channelName(e.channel)}</span>
                  {/* The language only when it is not the market's own: "Thailand · Thai" says nothing new. */}
                  {e.language !== MARKETS[e.market].languages[0] && (
                    <span class="language" lang={e.language}>
                      {text.languageName(e.language)}
                    </span>
                  )}
                  {e.order && <span class="order">{e.order.name}</span>}
                </span>
                {said && (
                  <span class="last-message">
                    <span class="visually-hidden">{text.t("queue.last_message")} </span>
                    <span lang={e.language}>{said}</span>
                  </span>
                )}
                <span class="summary">{summary}</span>
                <span class="line small">
                  <Due text={text} escalation={e} now={now} />
                  <span class="status">
                    {e.status === "claimed"
                      ? text.t(e.claimedBy === agent.id ? "queue.yours" : "queue.theirs")
                      : text.t(`status.${e.status}`)}
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    )}
    {nextCursor && (
      <p>
        <a href={`/inbox?${query(filter, nextCursor)}`}>{text.t("queue.more")}</a>
      </p>
    )}
  </section>
);

export const QueuePage: FC<{
  text: PageText;
  session: Session & { kind: "agent" };
  list: Parameters<typeof QueueList>[0];
  flash: Flash | null;
}> = ({ text, session, list, flash }) => (
  <Layout text={text} title={text.t("queue.title")} session={session} path="/inbox" flash={flash}>
    <h1 id="queue-heading">{text.t("queue.heading")}</h1>
    <form class="filters" method="get" action="/inbox" aria-label={text.t("queue.filters")}>
      <label for="region">{text.t("queue.region")}</label>
      <select id="region" name="region">
        <option value="">{text.t("queue.all_regions")}</option>
        {session.agent.regions.map((r) => (
          <option value={r} selected={r === list.filter.region}>
            {text.t(`region.${r}`)}
          </option>
        ))}
      </select>
      <label for="status">{text.t("queue.status")}</label>
      <select id="status" name="status">
        {(["pending", "claimed", "resolved"] as const).map((s) => (
          <option value={s} selected={s === list.filter.status}>
            {text.t(`status.${s}`)}
          </option>
        ))}
      </select>
      <button type="submit">{text.t("queue.show")}</button>
    </form>
    <p class="live help">{text.t("queue.live")}</p>
    {/* Filled by the page's script when the list changes, so screen readers hear about new escalations. */}
    <p id="queue-status" class="visually-hidden" aria-live="polite" />
    <QueueList {...list} />
  </Layout>
);
