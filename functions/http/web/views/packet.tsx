/** An escalation's packet: summary, order, conversation (translated when it can be), AI draft, notes and the agent's actions. */
import type { FC } from "hono/jsx";
import { type Action, formatAddress } from "../../../domain/actions";
import type { CannedReply } from "../../../domain/canned-replies";
import type { ConversationEvent, InternalNote, Message } from "../../../domain/conversation";
import type { Escalation } from "../../../domain/escalation";
import type { LinkedConversation } from "../../../domain/shopper-links";
import { type OrderSnapshot, orderStage } from "../../../domain/order";
import { intlTag, type PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";
import { Due, sourceText, When, WithTime } from "./parts";

/** A message as the agent reads it: in their language when translated, with the original one click away. */
export interface ShownMessage {
  readonly message: Message;
  readonly text: string;
  readonly original: { readonly text: string; readonly language: string } | null;
  /** "translated": shown in the agent's language; "sent": the agent's reply, sent in translation. */
  readonly kind: "as_written" | "translated" | "sent";
}

export type TranslationState =
  | { readonly state: "off" }
  | { readonly state: "same_language" }
  | { readonly state: "on"; readonly shopperLanguage: string; readonly failed: boolean };

export interface CannedGroup {
  readonly language: string;
  readonly builtIn: readonly CannedReply[];
  readonly shop: readonly CannedReply[];
}

export interface PacketData {
  readonly escalation: Escalation;
  readonly summary: string;
  /** The model's gist in the agent's language, when a model is configured. */
  readonly aiSummary: string | null;
  readonly messages: readonly ShownMessage[];
  readonly events: readonly ConversationEvent[];
  readonly notes: readonly InternalNote[];
  readonly draft: ShownMessage | null;
  readonly translation: TranslationState;
  readonly canned: readonly CannedGroup[];
  /** Orders the AI described in the conversation besides the packet's own, as the shop's records have them now. */
  readonly quotedOrders: readonly OrderSnapshot[];
  /** The shopper's other conversations in this shop, found by the identity keys they verifiably share (R4). */
  readonly otherConversations?: readonly LinkedConversation[] | undefined;
  /** Claimed by the signed-in agent. */
  readonly mine: boolean;
  readonly version: string;
  readonly now: Date;
  /** A chat app's window has closed: how the agent's reply will go out (the note above the reply box). */
  readonly lateReply?: "template" | "human_agent_tag" | "closed" | null | undefined;
  /** The order action prepared for this escalation, as it stands now. */
  readonly action?: Action | null | undefined;
}

const Original: FC<{ text: PageText; shown: ShownMessage }> = ({ text, shown }) =>
  shown.original ? (
    <details class="original">
      <summary>
        {shown.kind === "sent"
          ? text.t("translation.sent_as", { language: text.languageName(shown.original.language) })
          : text.t("translation.show_original")}
      </summary>
      <p lang={shown.original.language}>{shown.original.text}</p>
    </details>
  ) : null;

const MessageItem: FC<{ text: PageText; shown: ShownMessage }> = ({ text, shown }) => (
  <li class={`message ${shown.message.role}`} data-message-id={shown.message.id}>
    <p class="who">
      <span>{text.t(`role.${shown.message.role}`)}</span> <When text={text} at={shown.message.at} />
      {shown.kind === "translated" && shown.original && (
        <span class="badge">
          {text.t("translation.translated", { language: text.languageName(shown.original.language) })}
        </span>
      )}
      {shown.kind === "sent" && shown.message.original && (
        <span class="badge">
          {text.t("translation.you_wrote", { language: text.languageName(shown.message.original.language) })}
        </span>
      )}
    </p>
    <p
      class="text"
      lang={
        shown.kind === "translated"
          ? text.locale
          : shown.kind === "sent"
            ? shown.message.original?.language
            : (shown.message.language ?? undefined)
      }
    >
      {shown.text}
    </p>
    <Original text={text} shown={shown} />
    {shown.message.role === "ai" && shown.message.sources?.length ? (
      <p class="sources-used">
        {text.t("packet.sources_used", {
          list: new Intl.ListFormat([intlTag(text.locale)], { style: "short", type: "unit" }).format(
            shown.message.sources.map((s) => sourceText(text, s)),
          ),
        })}
      </p>
    ) : null}
  </li>
);

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

/** The part polling replaces: status, conversation, history and notes. */
export const PacketLive: FC<{ text: PageText; data: PacketData }> = ({ text, data }) => {
  const e = data.escalation;
  return (
    <div id="live" data-poll={`/inbox/e/${e.escalationId}/live`} data-version={data.version}>
      <p class="meta">
        <span class={`badge status-${e.status}`}>{text.t(`status.${e.status}`)}</span>{" "}
        <Due text={text} escalation={e} now={data.now} />
        {e.status === "claimed" && !data.mine && <span> · {text.t("actions.held_by_other")}</span>}
      </p>
      <section aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">{text.t("packet.transcript")}</h2>
        <ol class="transcript">
          {data.messages.map((m) => (
            <MessageItem text={text} shown={m} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="notes-heading" class="notes">
        <h2 id="notes-heading">{text.t("notes.heading")}</h2>
        <p class="help">{text.t("notes.help")}</p>
        {data.notes.length === 0 ? (
          <p class="empty">{text.t("notes.empty")}</p>
        ) : (
          <ul>
            {data.notes.map((n) => (
              <li>
                <p class="who">
                  <WithTime text={text} phrase="notes.by" values={{ agent: n.agentName }} at={n.at} />
                </p>
                <p class="text">{n.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{text.t("packet.history")}</h2>
        <ul class="history">
          {data.events.map((ev) => (
            <li>
              <When text={text} at={ev.at} /> {eventText(text, ev)}
              {ev.note ? `: ${ev.note}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
};

const OrderFacts: FC<{ text: PageText; order: OrderSnapshot }> = ({ text, order }) => {
  const amount = new Intl.NumberFormat([intlTag(text.locale)], {
    style: "currency",
    currency: order.total.currency,
  }).format(Number(order.total.amount));
  const tracking = order.tracking[0];
  return (
    <dl class="facts">
      <dt>{text.t("packet.order")}</dt>
      <dd>{order.name}</dd>
      <dt>{text.t("packet.order_status")}</dt>
      <dd>{text.t(`order_stage.${orderStage(order)}`)}</dd>
      <dt>{text.t("packet.order_total")}</dt>
      <dd>{amount}</dd>
      {tracking && (
        <>
          <dt>{text.t("packet.order_tracking")}</dt>
          <dd>{[tracking.company, tracking.number].filter(Boolean).join(" ")}</dd>
        </>
      )}
      {order.createdAt && (
        <>
          <dt>{text.t("packet.order_placed")}</dt>
          <dd>
            <When text={text} at={order.createdAt} />
          </dd>
        </>
      )}
    </dl>
  );
};

/** The packet's order, then every other order the AI already described to the shopper, so nothing is asked twice. */
const Orders: FC<{ text: PageText; escalation: Escalation; quoted: readonly OrderSnapshot[] }> = ({
  text,
  escalation,
  quoted,
}) => {
  if (!escalation.order && quoted.length === 0) return <p class="empty">{text.t("packet.no_order")}</p>;
  return (
    <>
      {escalation.order && <OrderFacts text={text} order={escalation.order} />}
      {quoted.length > 0 && (
        <>
          <h3 class="quoted-heading">{text.t("packet.quoted_orders")}</h3>
          <ul class="orders">
            {quoted.map((order) => (
              <li>
                <OrderFacts text={text} order={order} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
};

const TranslationBanner: FC<{ text: PageText; state: TranslationState }> = ({ text, state }) => {
  if (state.state === "same_language") return null;
  if (state.state === "off") return <p class="banner">{text.t("translation.off")}</p>;
  return (
    <p class="banner">
      {state.failed
        ? text.t("translation.unavailable")
        : text.t("translation.on", {
            language: text.languageName(text.locale),
            shopperLanguage: text.languageName(state.shopperLanguage),
          })}
    </p>
  );
};

const Actions: FC<{ text: PageText; data: PacketData }> = ({ text, data }) => {
  const e = data.escalation;
  const base = `/inbox/e/${e.escalationId}`;
  if (e.status === "resolved") return <p>{text.t("actions.resolved_already")}</p>;
  if (e.status === "claimed" && !data.mine) return <p>{text.t("actions.held_by_other")}</p>;
  return (
    <div class="actions">
      {e.status === "pending" && (
        <form method="post" action={`${base}/claim`} data-shortcut="c">
          <button type="submit" class="primary">
            {text.t("actions.claim")}
          </button>
        </form>
      )}
      {/* Resolving needs a claim first (the domain refuses otherwise), so it is offered only then. */}
      {data.mine && (
        <form method="post" action={`${base}/resolve`} class="stack">
          <label for="resolve-note">{text.t("actions.resolve_note")}</label>
          <input id="resolve-note" name="note" maxlength={2000} />
          <button type="submit">{text.t("actions.resolve")}</button>
        </form>
      )}
      <form method="post" action={`${base}/release`}>
        <button type="submit">{text.t("actions.release")}</button>
      </form>
    </div>
  );
};

const ADDRESS_FIELDS = ["address1", "address2", "city", "provinceCode", "zip", "countryCode"] as const;

/** The prepared order action: its exact effect, its steps, and approve or decline while it awaits a decision. */
const PreparedAction: FC<{ text: PageText; action: Action; escalationId: string }> = ({
  text,
  action,
  escalationId,
}) => {
  const { effect } = action;
  const base = `/inbox/e/${escalationId}/actions/${action.id}`;
  const amount = effect.amount
    ? new Intl.NumberFormat([intlTag(text.locale)], {
        style: "currency",
        currency: effect.amount.currency,
      }).format(Number(effect.amount.amount))
    : null;
  const deciding = action.mode === "approval" && action.status === "awaiting_approval";
  const needsFields = action.type === "change_address" && !effect.address;
  return (
    <div class="prepared-action" data-action-status={action.status}>
      <p>
        <strong>{text.t(`prepared_action.type.${action.type}`)}</strong> · {action.order.name} ·{" "}
        <span class="badge">{text.t(`prepared_action.status.${action.status}`)}</span>
      </p>
      <dl>
        <dt>{text.t("prepared_action.items")}</dt>
        <dd>{effect.items.map((i) => `${i.quantity} × ${i.title}`).join(", ")}</dd>
        {amount && (
          <>
            <dt>{text.t("prepared_action.amount")}</dt>
            <dd>{amount}</dd>
          </>
        )}
        {effect.refundMethod && (
          <>
            <dt>{text.t("prepared_action.refund")}</dt>
            <dd>{text.t(`prepared_action.refund_method.${effect.refundMethod}`)}</dd>
          </>
        )}
        {effect.address && (
          <>
            <dt>{text.t("prepared_action.address")}</dt>
            <dd>{formatAddress(effect.address)}</dd>
          </>
        )}
        {effect.addressText && (
          <>
            <dt>{text.t("prepared_action.address_text")}</dt>
            <dd lang={action.language}>{effect.addressText}</dd>
          </>
        )}
        {action.outcome && (
          <>
            <dt>{text.t("prepared_action.outcome")}</dt>
            <dd>
              {action.outcome}
              {action.detail ? ` (${action.detail})` : ""}
            </dd>
          </>
        )}
      </dl>
      {action.mode === "manual" && <p class="help">{text.t("prepared_action.manual")}</p>}
      {deciding && (
        <div class="actions">
          <form method="post" action={`${base}/approve`} class="stack">
            {needsFields && <p class="help">{text.t("prepared_action.address_fields")}</p>}
            {needsFields &&
              ADDRESS_FIELDS.map((field) => (
                <>
                  <label for={`action-${field}`}>{text.t(`prepared_action.field.${field}`)}</label>
                  <input
                    id={`action-${field}`}
                    name={field}
                    required={field === "address1" || field === "city" || field === "countryCode"}
                    maxlength={field === "countryCode" ? 2 : 255}
                  />
                </>
              ))}
            <button type="submit" class="primary">
              {text.t("prepared_action.approve")}
            </button>
          </form>
          <form method="post" action={`${base}/decline`}>
            <button type="submit">{text.t("prepared_action.decline")}</button>
          </form>
        </div>
      )}
      <details>
        <summary>{text.t("prepared_action.history")}</summary>
        <ol>
          {action.history.map((step) => (
            <li>
              {text.t(`prepared_action.status.${step.status}`)} · <When text={text} at={step.at} />
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
};

const ReplyForm: FC<{ text: PageText; data: PacketData; prefill: string; clientMessageId: string }> = ({
  text,
  data,
  prefill,
  clientMessageId,
}) => {
  const e = data.escalation;
  // Only a waiting escalation can still be claimed; a closed one, or another agent's, has no reply box to point to.
  if (!data.mine)
    return e.status === "pending" ? <p class="help claim-first">{text.t("actions.claim_first")}</p> : null;
  const translating = data.translation.state === "on";
  return (
    <form id="reply-form" method="post" action={`/inbox/e/${e.escalationId}/reply`} class="stack">
      <h2 id="reply-heading">{text.t("actions.reply_heading")}</h2>
      {data.lateReply && (
        <p class="help late-reply" role="note">
          {text.t(`late_reply.${data.lateReply}`)}
        </p>
      )}
      <label for="reply">{text.t("actions.reply_label")}</label>
      <textarea id="reply" name="text" rows={5} maxlength={4000} required data-shortcut="r">
        {prefill}
      </textarea>
      <input type="hidden" name="clientMessageId" value={clientMessageId} />
      {translating && (
        <label class="check">
          <input type="checkbox" name="translate" value="1" checked />{" "}
          {text.t("translation.translate_reply", { language: text.languageName(e.language) })}
        </label>
      )}
      <div class="canned">
        <label for="canned">{text.t("canned.pick")}</label>
        <select id="canned" name="canned">
          {data.canned.flatMap((group) =>
            (["builtin", "shop"] as const).map((kind) => {
              const replies = kind === "builtin" ? group.builtIn : group.shop;
              return replies.length === 0 ? null : (
                <optgroup label={`${text.languageName(group.language)} · ${text.t(`canned.${kind}`)}`}>
                  {replies.map((r) => (
                    <option value={r.id} data-text={r.text}>
                      {r.title}
                    </option>
                  ))}
                </optgroup>
              );
            }),
          )}
        </select>
        <button
          type="submit"
          formaction={`/inbox/e/${e.escalationId}/compose#reply`}
          formnovalidate
          data-insert-canned=""
        >
          {text.t("canned.insert")}
        </button>
      </div>
      <button type="submit" class="primary">
        {text.t("actions.send")}
      </button>
    </form>
  );
};

export const PacketPage: FC<{
  text: PageText;
  session: Session & { kind: "agent" };
  data: PacketData;
  flash: Flash | null;
  prefill: string;
  clientMessageId: string;
  clientNoteId: string;
}> = ({ text, session, data, flash, prefill, clientMessageId, clientNoteId }) => {
  const e = data.escalation;
  const title = `${e.shopper.name ?? text.t("column.shopper")} · ${text.reason(e.reason)}`;
  return (
    <Layout text={text} title={title} session={session} path={`/inbox/e/${e.escalationId}`} flash={flash}>
      <p>
        <a href="/inbox" data-shortcut="g">
          {text.t("packet.back")}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="meta">
        {text.marketName(e.market)} · <span lang={e.language}>{text.languageName(e.language)}</span> ·{" "}
        {text.t(`region.${e.region}`)}
      </p>
      <div class="packet">
        <div class="main-column">
          <TranslationBanner text={text} state={data.translation} />
          {/* What happened, then the reply box right away: the conversation itself follows for detail. */}
          <section aria-labelledby="summary-heading" class="summary-card">
            <h2 id="summary-heading">{text.t("packet.summary")}</h2>
            {data.aiSummary && (
              <p class="ai-summary">
                <span class="badge">{text.t("packet.ai_summary")}</span> {data.aiSummary}
              </p>
            )}
            <p>{data.summary}</p>
          </section>
          <ReplyForm text={text} data={data} prefill={prefill} clientMessageId={clientMessageId} />
          <PacketLive text={text} data={data} />
        </div>
        <aside class="side-column">
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{text.t("actions.heading")}</h2>
            <Actions text={text} data={data} />
          </section>
          {data.action && (
            <section aria-labelledby="prepared-action-heading">
              <h2 id="prepared-action-heading">{text.t("prepared_action.heading")}</h2>
              <PreparedAction text={text} action={data.action} escalationId={e.escalationId} />
            </section>
          )}
          <section aria-labelledby="order-heading">
            <h2 id="order-heading">{text.t("packet.order")}</h2>
            <Orders text={text} escalation={e} quoted={data.quotedOrders} />
          </section>
          {data.otherConversations?.length ? (
            <section aria-labelledby="others-heading" class="others">
              <h2 id="others-heading">{text.t("packet.others")}</h2>
              <ul>
                {data.otherConversations.map((o) => (
                  <li data-conversation-id={o.id}>
                    {text.channelName(o.channel)} · {text.marketName(o.market)} ·{" "}
                    <span class="badge">{text.t(`live.status_${o.status}`)}</span> ·{" "}
                    {text.t("packet.others_last")} <When text={text} at={o.lastMessageAt} /> ·{" "}
                    {o.visible ? (
                      <a href={o.escalationId ? `/inbox/e/${o.escalationId}` : `/inbox/c/${o.id}`}>
                        {text.t("packet.others_open")}
                      </a>
                    ) : (
                      <span class="help">{text.t("packet.others_outside")}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data.draft && (
            <section aria-labelledby="draft-heading">
              <h2 id="draft-heading">{text.t("packet.ai_draft")}</h2>
              <blockquote id="draft" lang={data.draft.kind === "translated" ? text.locale : e.language}>
                {data.draft.text}
              </blockquote>
              <Original text={text} shown={data.draft} />
              {data.mine && (
                <button type="button" data-use-draft="" hidden>
                  {text.t("packet.use_draft")}
                </button>
              )}
            </section>
          )}
          <section aria-labelledby="note-form-heading">
            <h2 id="note-form-heading">{text.t("notes.label")}</h2>
            <form method="post" action={`/inbox/e/${e.escalationId}/notes`} class="stack">
              <label for="note" class="visually-hidden">
                {text.t("notes.label")}
              </label>
              <textarea id="note" name="text" rows={3} maxlength={2000} required data-shortcut="n" />
              <input type="hidden" name="clientNoteId" value={clientNoteId} />
              <button type="submit">{text.t("notes.add")}</button>
            </form>
          </section>
        </aside>
      </div>
    </Layout>
  );
};
