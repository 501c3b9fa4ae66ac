/**
 * Oversight of the AI (R3): the conversations it is handling in the agent's regions, and one conversation whole, with
 * why the AI said each thing (intent, confidence, signals, engine, model, prompt, sources), a takeover and flags.
 */
import type { FC } from "hono/jsx";
import type { ConversationEvent, Message } from "../../../domain/conversation";
import { LANGUAGE_CODES, type Language } from "../../../domain/languages";
import { MARKET_CODES, MARKETS, type MarketCode, type Region } from "../../../domain/markets";
import type { LatestDecision, LiveConversation } from "../../../domain/oversight";
import type { LiveConversationData } from "../live-data";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";
import type { ShownMessage } from "./packet";
import { sourceText, When } from "./parts";

type AgentSession = Session & { kind: "agent" };

export interface LiveFilter {
  readonly region: Region | undefined;
  readonly market: MarketCode | undefined;
  readonly language: Language | undefined;
  readonly channel: string | undefined;
}

const query = (filter: LiveFilter, cursor?: string) =>
  new URLSearchParams(
    Object.entries({ ...filter, cursor }).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();

/** "Answered: order status (92% sure)", "Handed to a person: …", or silent while a person holds it. */
export const decisionText = (text: PageText, d: LatestDecision) =>
  d.kind === "replied"
    ? text.t("decision.replied", {
        intent: text.intent(d.intent ?? "unknown"),
        confidence: text.percent(d.confidence ?? 0),
      })
    : d.kind === "escalated"
      ? text.t("decision.escalated", { reason: text.reason(d.reason ?? "not_understood") })
      : text.t("decision.held");

const LiveItem: FC<{ text: PageText; item: LiveConversation; now: Date }> = ({ text, item, now }) => {
  const c = item.conversation;
  const decision = c.lastTurn ? decisionOf(c.lastTurn) : null;
  return (
    <li class="item" data-conversation-id={c.id}>
      <a class="item-link" href={`/inbox/c/${c.id}`}>
        <span class="line">
          <strong class="shopper">{c.shopper.name ?? text.t("column.shopper")}</strong>
          <span class="market">{text.marketName(c.market)}</span>
          <span class="badge channel">{text.channelName(c.channel)}</span>
          {c.memory.language && (
            <span class="language" lang={c.memory.language}>
              {text.languageName(c.memory.language)}
            </span>
          )}
          <span class="small">
            {text.t("live.last_activity", { when: text.relative(c.lastMessageAt, now) })}
          </span>
        </span>
        {c.recent.slice(-3).map((entry) => (
          <span class="last-message">
            <span class="small">{text.t(`role.${entry.role}`)} · </span>
            <span
              lang={
                entry.role === "shopper" || entry.role === "ai" ? (c.memory.language ?? undefined) : undefined
              }
            >
              {entry.text.replace(/\s+/g, " ")}
            </span>
          </span>
        ))}
        {decision && (
          <span class="summary">
            <span class="badge">{text.t("live.decision")}</span> {decisionText(text, decision)}
          </span>
        )}
      </a>
    </li>
  );
};

/** The latest decision of a turn (the same as the domain's, kept here so the view needs no more than the item). */
function decisionOf(turn: NonNullable<LiveConversation["conversation"]["lastTurn"]>): LatestDecision {
  const o = turn.outcome;
  if (o.kind === "held")
    return { kind: "held", intent: null, confidence: null, engine: null, reason: null, at: turn.repliedAt };
  return {
    kind: o.kind,
    intent: o.reply.intent,
    confidence: o.reply.confidence,
    engine: o.reply.engine,
    reason: o.kind === "escalated" ? o.escalation.reason : null,
    at: turn.repliedAt,
  };
}

export const LivePage: FC<{
  text: PageText;
  session: AgentSession;
  items: readonly LiveConversation[];
  filter: LiveFilter;
  channels: readonly string[];
  nextCursor: string | null;
  now: Date;
  flash: Flash | null;
}> = ({ text, session, items, filter, channels, nextCursor, now, flash }) => {
  const regions = session.agent.regions;
  const markets = MARKET_CODES.filter((m) => regions.includes(MARKETS[m].region));
  return (
    <Layout text={text} title={text.t("live.title")} session={session} path="/inbox/live" flash={flash}>
      <h1 id="live-heading">{text.t("live.heading")}</h1>
      <p class="help">{text.t("live.intro")}</p>
      <form class="filters" method="get" action="/inbox/live" aria-label={text.t("queue.filters")}>
        <label for="region">{text.t("queue.region")}</label>
        <select id="region" name="region">
          <option value="">{text.t("queue.all_regions")}</option>
          {regions.map((r) => (
            <option value={r} selected={r === filter.region}>
              {text.t(`region.${r}`)}
            </option>
          ))}
        </select>
        <label for="market">{text.t("analytics.market")}</label>
        <select id="market" name="market">
          <option value="">{text.t("live.all_markets")}</option>
          {markets.map((m) => (
            <option value={m} selected={m === filter.market}>
              {text.marketName(m)}
            </option>
          ))}
        </select>
        <label for="language">{text.t("live.language")}</label>
        <select id="language" name="language">
          <option value="">{text.t("live.all_languages")}</option>
          {LANGUAGE_CODES.map((l) => (
            <option value={l} selected={l === filter.language} lang={l}>
              {text.languageName(l)}
            </option>
          ))}
        </select>
        <label for="channel">{text.t("live.channel")}</label>
        <select id="channel" name="channel">
          <option value="">{text.t("live.all_channels")}</option>
          {channels.map((ch) => (
            <option value={ch} selected={ch === filter.channel}>
              {text.channelName(ch)}
            </option>
          ))}
        </select>
        <button type="submit">{text.t("queue.show")}</button>
      </form>
      <section aria-labelledby="live-heading" id="live-list">
        <p class="count">{text.t("live.count", { count: items.length })}</p>
        {items.length === 0 ? (
          <p class="empty">{text.t("live.empty")}</p>
        ) : (
          <ol class="queue">
            {items.map((item) => (
              <LiveItem text={text} item={item} now={now} />
            ))}
          </ol>
        )}
        {nextCursor && (
          <p>
            <a href={`/inbox/live?${query(filter, nextCursor)}`}>{text.t("queue.more")}</a>
          </p>
        )}
      </section>
    </Layout>
  );
};

/** Why the AI said it: what a turn recorded (replies stored before R3's fields show what they have). */
const Why: FC<{ text: PageText; message: Message }> = ({ text, message: m }) => (
  <details class="why">
    <summary>{text.t("why.summary")}</summary>
    <dl class="facts">
      <dt>{text.t("why.intent")}</dt>
      <dd>{text.intent(m.intent ?? "unknown")}</dd>
      <dt>{text.t("why.confidence")}</dt>
      <dd>{m.confidence === undefined ? "—" : text.percent(m.confidence)}</dd>
      <dt>{text.t("why.signals")}</dt>
      <dd>{m.signals?.length ? m.signals.join(", ") : text.t("why.no_signals")}</dd>
      <dt>{text.t("why.engine")}</dt>
      <dd>{m.engine ? text.t(`why.engine_${m.engine}`) : "—"}</dd>
      <dt>{text.t("why.model")}</dt>
      <dd>{m.model ?? "—"}</dd>
      <dt>{text.t("why.prompt")}</dt>
      <dd>{m.promptVersion ?? "—"}</dd>
      <dt>{text.t("why.sources")}</dt>
      <dd>
        {m.sources?.length ? (
          <ul class="sources">
            {m.sources.map((s) => (
              <li>{sourceText(text, s)}</li>
            ))}
          </ul>
        ) : (
          text.t("why.no_sources")
        )}
      </dd>
    </dl>
  </details>
);

const FlagForm: FC<{ text: PageText; conversationId: string; message: Message; index: number }> = ({
  text,
  conversationId,
  message,
  index,
}) => (
  <details class="flag">
    <summary>{text.t("flag.summary")}</summary>
    <form
      method="post"
      action={`/inbox/c/${conversationId}/m/${encodeURIComponent(message.id)}/flag`}
      class="stack"
    >
      <label for={`flag-note-${index}`}>{text.t("flag.note_label")}</label>
      <textarea id={`flag-note-${index}`} name="note" rows={2} maxlength={2000} required />
      <button type="submit">{text.t("flag.submit")}</button>
    </form>
  </details>
);

const Line: FC<{ text: PageText; shown: ShownMessage; conversationId: string; index: number }> = ({
  text,
  shown,
  conversationId,
  index,
}) => {
  const m = shown.message;
  return (
    <li class={`message ${m.role}`} data-message-id={m.id}>
      <p class="who">
        <span>{text.t(`role.${m.role}`)}</span> <When text={text} at={m.at} />
        {shown.kind === "translated" && shown.original && (
          <span class="badge">
            {text.t("translation.translated", { language: text.languageName(shown.original.language) })}
          </span>
        )}
      </p>
      <p
        class="text"
        lang={
          shown.kind === "translated"
            ? text.locale
            : shown.kind === "sent"
              ? m.original?.language
              : (m.language ?? undefined)
        }
      >
        {shown.text}
      </p>
      {shown.original && (
        <details class="original">
          <summary>{text.t("translation.show_original")}</summary>
          <p lang={shown.original.language}>{shown.original.text}</p>
        </details>
      )}
      {m.role === "ai" && <Why text={text} message={m} />}
      {m.role === "ai" && <FlagForm text={text} conversationId={conversationId} message={m} index={index} />}
    </li>
  );
};

const eventText = (text: PageText, e: ConversationEvent) =>
  e.kind === "action" && e.action
    ? // An order action's step, in the words the prepared-action panel uses for it.
      [
        text.t(`prepared_action.type.${e.action.type}`),
        e.action.order,
        text.t(`prepared_action.status.${e.action.status}`),
      ].join(" · ")
    : e.kind === "escalated"
      ? text.t("event.escalated")
      : text.t(`event.${e.kind}`, { agent: e.agentName ?? e.agentId ?? "" });

export const LiveConversationPage: FC<{
  text: PageText;
  session: AgentSession;
  data: LiveConversationData;
  flash: Flash | null;
}> = ({ text, session, data, flash }) => {
  const c = data.conversation;
  const title = `${c.shopper.name ?? text.t("column.shopper")} · ${text.marketName(c.market)}`;
  const aiHasIt = c.status === "ai" || c.status === "resolved";
  const t = data.translation;
  return (
    <Layout text={text} title={title} session={session} path={`/inbox/c/${c.id}`} flash={flash}>
      <p>
        <a href="/inbox/live">{text.t("live.back")}</a>
      </p>
      <h1>{title}</h1>
      <p class="meta">
        <span lang={data.language}>{text.languageName(data.language)}</span> · {text.channelName(c.channel)} ·{" "}
        {text.t(`region.${data.market.region}`)} ·{" "}
        <span class="badge">{text.t(`live.status_${c.status}`)}</span>
      </p>
      <div class="packet">
        <div class="main-column">
          {t.state === "off" && <p class="banner">{text.t("translation.off")}</p>}
          {t.state === "on" && (
            <p class="banner">
              {t.failed
                ? text.t("translation.unavailable")
                : text.t("translation.on", {
                    language: text.languageName(text.locale),
                    shopperLanguage: text.languageName(t.shopperLanguage),
                  })}
            </p>
          )}
          <section aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">{text.t("packet.transcript")}</h2>
            <ol class="transcript">
              {data.messages.map((m, i) => (
                <Line text={text} shown={m} conversationId={c.id} index={i} />
              ))}
            </ol>
          </section>
          {data.events.length > 0 && (
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">{text.t("packet.history")}</h2>
              <ul class="history">
                {data.events.map((ev) => (
                  <li>
                    <When text={text} at={ev.at} /> {eventText(text, ev)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <aside class="side-column">
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{text.t("actions.heading")}</h2>
            {aiHasIt ? (
              <form method="post" action={`/inbox/c/${c.id}/takeover`} class="stack">
                <p class="help">{text.t("takeover.help")}</p>
                <button type="submit" class="primary">
                  {text.t("takeover.button")}
                </button>
              </form>
            ) : (
              <>
                <p>{text.t("takeover.held")}</p>
                {c.escalationId && (
                  <p>
                    <a href={`/inbox/e/${c.escalationId}`}>{text.t("takeover.open_escalation")}</a>
                  </p>
                )}
              </>
            )}
          </section>
          {data.decision && (
            <section aria-labelledby="decision-heading">
              <h2 id="decision-heading">{text.t("live.decision")}</h2>
              <p>{decisionText(text, data.decision)}</p>
            </section>
          )}
        </aside>
      </div>
    </Layout>
  );
};
