/** Builds what the live-conversation page shows: the whole transcript in the agent's language, as for escalations. */
import { createHash } from "node:crypto";
import type { Agent } from "../../domain/agent-actions";
import type { ConversationEvent, Message } from "../../domain/conversation";
import { notFound } from "../../domain/errors";
import type { ConversationId } from "../../domain/ids";
import type { Language } from "../../domain/languages";
import type { Market } from "../../domain/markets";
import { findConversationForAgent, latestDecision, type OversightDeps } from "../../domain/oversight";
import type { Conversation } from "../../domain/conversation";
import type { InboxPageDeps } from "./deps";
import { sameLanguage } from "./packet-data";
import type { ShownMessage, TranslationState } from "./views/packet";

export type LivePageDeps = InboxPageDeps & OversightDeps;

export interface LiveConversationData {
  readonly conversation: Conversation;
  readonly market: Market;
  readonly language: Language;
  readonly messages: readonly ShownMessage[];
  readonly events: readonly ConversationEvent[];
  readonly translation: TranslationState;
  readonly decision: ReturnType<typeof latestDecision>;
  readonly version: string;
  readonly now: Date;
}

/** Shopper and AI messages not in the agent's language, translated in one call and kept; a failure shows originals. */
async function shown(
  deps: LivePageDeps,
  conversation: Conversation,
  language: Language,
  pageLocale: string,
  messages: readonly Message[],
  stored: Readonly<Record<string, string>>,
): Promise<{ messages: ShownMessage[]; failed: boolean }> {
  const foreign = (m: Message) =>
    (m.role === "shopper" || m.role === "ai") && !sameLanguage(m.language ?? language, pageLocale);
  const toTranslate = deps.messageTranslator ? messages.filter((m) => foreign(m) && !stored[m.id]) : [];
  let translated: string[] | null = [];
  if (toTranslate.length > 0 && deps.messageTranslator) {
    translated = await deps.messageTranslator.translate(
      toTranslate.map((m) => m.text),
      pageLocale,
      language,
    );
    if (translated)
      await deps.conversations.saveTranslations(
        conversation.shopId,
        conversation.id,
        pageLocale,
        Object.fromEntries(toTranslate.map((m, i) => [m.id, translated?.[i] ?? ""])),
      );
  }
  const byId = new Map<string, string | undefined>([
    ...(deps.messageTranslator ? Object.entries(stored) : []),
    ...toTranslate.map((m, i): [string, string | undefined] => [m.id, translated?.[i]]),
  ]);
  return {
    messages: messages.map((m): ShownMessage => {
      const text = byId.get(m.id);
      if (text)
        return {
          message: m,
          text,
          original: { text: m.text, language: m.language ?? language },
          kind: "translated",
        };
      return m.original
        ? { message: m, text: m.original.text, original: { text: m.text, language }, kind: "sent" }
        : { message: m, text: m.text, original: null, kind: "as_written" };
    }),
    failed: translated === null,
  };
}

export async function loadLiveConversation(
  deps: LivePageDeps,
  agent: Agent,
  id: ConversationId,
  pageLocale: string,
): Promise<LiveConversationData> {
  const { conversation, market } = await findConversationForAgent(deps, agent, id);
  const found = await deps.conversations.getConversation(conversation.shopId, conversation.id);
  if (!found) throw notFound("Conversation");
  const language = conversation.memory.language ?? market.languages[0];
  const result = await shown(
    deps,
    conversation,
    language,
    pageLocale,
    found.messages,
    found.translations[pageLocale] ?? {},
  );
  const translation: TranslationState = !deps.messageTranslator
    ? { state: "off" }
    : sameLanguage(language, pageLocale)
      ? { state: "same_language" }
      : { state: "on", shopperLanguage: language, failed: result.failed };
  const version = createHash("sha256")
    .update(JSON.stringify([conversation.status, found.messages.map((m) => m.id), found.events.length]))
    .digest("base64url")
    .slice(0, 16);
  return {
    conversation: found.conversation,
    market,
    language,
    messages: result.messages,
    events: found.events,
    translation,
    decision: latestDecision(found.conversation),
    version,
    now: deps.clock.now(),
  };
}
