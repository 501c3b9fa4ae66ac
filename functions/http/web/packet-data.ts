/** Builds what the packet page shows: the conversation in the agent's language when a translator is configured. */
import { createHash } from "node:crypto";
import { type Agent, findForAgent } from "../../domain/agent-actions";
import { cannedRepliesFor } from "../../domain/canned-replies";
import { isLocale, languageOfLocale, localeFor } from "../../domain/languages";
import type { Message } from "../../domain/conversation";
import { lateReplyMode } from "../../channels";
import type { Escalation } from "../../domain/escalation";
import { quotedOrders, summaryOf } from "../../domain/handoff";
import { orderKey, type OrderSnapshot } from "../../domain/order";
import type { EscalationId } from "../../domain/ids";
import { notFound } from "../../domain/errors";
import { otherConversationsOf } from "../../domain/shopper-links";
import type { InboxPageDeps } from "./deps";
import type { CannedGroup, PacketData, ShownMessage, TranslationState } from "./views/packet";

const readAs = (tag: string): string => (isLocale(tag) ? languageOfLocale(tag) : tag);

/** Two tags name the same language for reading purposes (a variant reads as its language: zh-Hant-HK as zh-Hant). */
export const sameLanguage = (a: string, b: string) => readAs(a) === readAs(b);

/** The shopper's language as the escalation recorded it, in our locale terms (zh-Hant in Hong Kong is zh-Hant-HK). */
export const shopperLocale = (e: Escalation) => localeFor(e.language, e.market);

export function translationState(deps: InboxPageDeps, e: Escalation, pageLocale: string): TranslationState {
  if (!deps.messageTranslator) return { state: "off" };
  if (sameLanguage(e.language, pageLocale)) return { state: "same_language" };
  return { state: "on", shopperLanguage: e.language, failed: false };
}

/** Shopper and AI messages not in the agent's language are translated in one call; a failure shows originals. */
async function showMessages(
  deps: InboxPageDeps,
  e: Escalation,
  pageLocale: string,
  messages: readonly Message[],
  draft: string | null,
  stored: Readonly<Record<string, string>>,
): Promise<{ messages: ShownMessage[]; draft: ShownMessage | null; failed: boolean }> {
  const asWritten = (m: Message): ShownMessage =>
    m.original
      ? { message: m, text: m.original.text, original: { text: m.text, language: e.language }, kind: "sent" }
      : { message: m, text: m.text, original: null, kind: "as_written" };
  const draftMessage: Message | null = draft
    ? { id: `draft:${e.escalationId}`, role: "ai", text: draft, at: e.createdAt, language: e.language }
    : null;
  const all = draftMessage ? [...messages, draftMessage] : [...messages];
  const foreign = (m: Message) =>
    (m.role === "shopper" || m.role === "ai") && !sameLanguage(m.language ?? e.language, pageLocale);
  // Translations already kept with the conversation cost nothing; only new messages go to the model, once.
  const toTranslate = deps.messageTranslator ? all.filter((m) => foreign(m) && !stored[m.id]) : [];
  let translated: string[] | null = [];
  if (toTranslate.length > 0 && deps.messageTranslator) {
    translated = await deps.messageTranslator.translate(
      toTranslate.map((m) => m.text),
      pageLocale,
      e.language,
    );
    if (translated)
      await deps.conversations.saveTranslations(
        e.shopId,
        e.conversationId,
        pageLocale,
        Object.fromEntries(toTranslate.map((m, i) => [m.id, translated?.[i] ?? ""])),
      );
  }
  const byId = new Map<string, string | undefined>([
    ...(deps.messageTranslator ? Object.entries(stored) : []),
    ...toTranslate.map((m, i): [string, string | undefined] => [m.id, translated?.[i]]),
  ]);
  const shown = all.map((m): ShownMessage => {
    const text = byId.get(m.id);
    return text
      ? {
          message: m,
          text,
          original: { text: m.text, language: m.language ?? e.language },
          kind: "translated",
        }
      : asWritten(m);
  });
  return {
    messages: draftMessage ? shown.slice(0, -1) : shown,
    draft: draftMessage ? (shown.at(-1) ?? null) : null,
    failed: translated === null,
  };
}

/** The orders the AI described besides the packet's own, read fresh from the shop's records (gone ones left out). */
async function ordersQuoted(deps: InboxPageDeps, e: Escalation): Promise<OrderSnapshot[]> {
  const own = e.order ? orderKey(e.order.name) : null;
  const names = quotedOrders(e.transcript).filter((name) => orderKey(name) !== own);
  const found = await Promise.all(names.map((name) => deps.orders.getOrder(e.shopId, name)));
  return found.filter((order): order is OrderSnapshot => order !== null);
}

/** The model's gist of the conversation in the agent's language: written once per language, then kept. */
async function summaryFor(
  deps: InboxPageDeps,
  e: Escalation,
  messages: readonly Message[],
  pageLocale: string,
  stored: Readonly<Record<string, string>>,
  mayWrite: boolean,
): Promise<string | null> {
  if (!deps.summarizer) return null;
  const key = `summary:${e.escalationId}`;
  if (stored[key] || !mayWrite) return stored[key] ?? null;
  const summary = await deps.summarizer.summarise(messages, pageLocale);
  if (summary)
    await deps.conversations.saveTranslations(e.shopId, e.conversationId, pageLocale, { [key]: summary });
  return summary;
}

export async function loadPacket(
  deps: InboxPageDeps,
  agent: Agent & { name: string },
  id: EscalationId,
  pageLocale: string,
  /** The polled part of the page: no canned replies (one read fewer every few seconds), no new summary. */
  options: { poll: boolean } = { poll: false },
): Promise<PacketData> {
  const escalation = await findForAgent(deps, agent, id);
  const [found, shopReplies, quoted] = await Promise.all([
    deps.conversations.getConversation(escalation.shopId, escalation.conversationId),
    options.poll ? [] : deps.cannedReplies.list(escalation.shopId),
    options.poll ? [] : ordersQuoted(deps, escalation),
  ]);
  if (!found) throw notFound("Conversation");
  const stored = found.translations[pageLocale] ?? {};
  const [shown, aiSummary, others] = await Promise.all([
    showMessages(deps, escalation, pageLocale, found.messages, escalation.draft, stored),
    summaryFor(deps, escalation, found.messages, pageLocale, stored, !options.poll),
    // Not polled: the list sits outside the part polling replaces.
    options.poll ? [] : otherConversationsOf(deps.conversations, agent, found.conversation),
  ]);
  let translation = translationState(deps, escalation, pageLocale);
  if (translation.state === "on" && shown.failed) translation = { ...translation, failed: true };
  const shopper = shopperLocale(escalation);
  // The agent writes in the shopper's language, or in their own when the reply will be translated.
  const languages = translation.state === "on" ? [shopper, pageLocale] : [shopper];
  const values = {
    shopper: escalation.shopper.name,
    order: escalation.order?.name ?? null,
    agent: agent.name,
  };
  const canned: CannedGroup[] = (options.poll ? [] : languages).map((language) => ({
    language,
    ...cannedRepliesFor(deps.translator, pageLocale, language, shopReplies, values),
  }));
  const notes = found.notes.filter((n) => n.escalationId === escalation.escalationId);
  // The prepared action as it stands now (approved, declined …), not as the packet carried it.
  const action = escalation.action
    ? ((await deps.actions?.get(escalation.shopId, escalation.conversationId, escalation.action.id)) ??
      escalation.action)
    : null;
  const events = found.events.filter((ev) => ev.escalationId === escalation.escalationId);
  const version = createHash("sha256")
    .update(
      JSON.stringify([
        escalation.status,
        escalation.claimedBy,
        escalation.firstHumanReplyAt,
        escalation.overdueAt,
        found.messages.map((m) => m.id),
        events.map((ev) => ev.kind),
        notes.map((n) => n.id),
        translation,
        action?.status ?? null,
      ]),
    )
    .digest("base64url")
    .slice(0, 16);
  return {
    escalation,
    summary: summaryOf(deps.translator, pageLocale, escalation),
    aiSummary,
    messages: shown.messages,
    events,
    notes,
    draft: shown.draft,
    translation,
    canned,
    quotedOrders: quoted,
    otherConversations: others,
    mine: escalation.status === "claimed" && escalation.claimedBy === agent.id,
    lateReply: lateReplyMode(
      found.conversation.channel,
      found.conversation.lastTurn?.receivedAt,
      deps.clock.now(),
    ),
    version,
    now: deps.clock.now(),
    action,
  };
}
