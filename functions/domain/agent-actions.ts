/**
 * What an agent does with an escalation (R3): claim it, answer the shopper, resolve it or hand it back to the AI.
 * Each step is a conditional write, so two agents never both win and a retried request changes nothing twice.
 */
import { randomUUID } from "node:crypto";
import type { ConversationStatus, InternalNote, Message } from "./conversation";
import { applyTransition, type Escalation, type Transition, transitionError } from "./escalation";
import { AppError, notFound } from "./errors";
import type { EscalationId, ShopId } from "./ids";
import type { Region } from "./markets";
import type {
  ChannelSender,
  Clock,
  ConversationStore,
  EscalationStore,
  LocaleText,
  OversightStore,
} from "./ports";
import { askAfterResolution } from "./rating";

export interface AgentActionDeps {
  readonly inbox: EscalationStore;
  readonly conversations: ConversationStore;
  readonly channels: ChannelSender;
  readonly clock: Clock;
  /** With the next two: after a person resolves a case, the shopper is asked to rate the help (R10). */
  readonly oversight?: Pick<OversightStore, "find" | "markRatingAsked"> | undefined;
  readonly translator?: LocaleText | undefined;
  readonly ratingsAllowed?: ((channel: string) => boolean) | undefined;
}

/** Who is acting, and what they may see (their JWT claims). */
export interface Agent {
  readonly id: string;
  /** Shown in the inbox's history and on notes. */
  readonly name?: string | undefined;
  readonly regions: readonly Region[];
  readonly shops: readonly ShopId[] | "*";
}

/** The escalation, if the agent may see it: another region's or shop's is "not found" (docs/api.md). */
export async function findForAgent(
  deps: Pick<AgentActionDeps, "inbox">,
  agent: Agent,
  id: EscalationId,
): Promise<Escalation> {
  const escalation = await deps.inbox.find(agent.shops, id);
  if (!escalation || !agent.regions.includes(escalation.region)) throw notFound("Escalation");
  return escalation;
}

/** The conversation status that goes with each transition, and the statuses it may come from. */
const CONVERSATION: Record<Transition["kind"], { to: ConversationStatus; from: ConversationStatus[] }> = {
  claim: { to: "human", from: ["pending_human", "human"] },
  resolve: { to: "resolved", from: ["pending_human", "human", "resolved"] },
  release: { to: "ai", from: ["pending_human", "human", "ai"] },
};

const EVENT = { claim: "claimed", resolve: "resolved", release: "released" } as const;

export async function transition(
  deps: AgentActionDeps,
  agent: Agent,
  id: EscalationId,
  change: Transition,
): Promise<Escalation> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await findForAgent(deps, agent, id);
    const refusal = transitionError(current, change);
    if (refusal)
      throw new AppError(refusal.code, refusal.message, {
        status: current.status,
        claimedBy: current.claimedBy === agent.id ? "you" : current.claimedBy ? "another agent" : null,
      });
    const next = applyTransition(current, change);
    const unchanged =
      next.status === current.status &&
      next.claimedBy === current.claimedBy &&
      next.resolution === current.resolution;
    if (!unchanged && !(await deps.inbox.replace(current, next))) continue; // someone else moved it: decide again
    // The conversation follows; retried after a failure, these writes are no-ops.
    const rule = CONVERSATION[change.kind];
    await deps.conversations.setStatus(next.shopId, next.conversationId, rule.to, {
      from: rule.from,
      escalationId: next.escalationId,
    });
    await deps.conversations.addEvent(next.shopId, next.conversationId, {
      escalationId: next.escalationId,
      kind: EVENT[change.kind],
      agentId: agent.id,
      agentName: agent.name || undefined,
      at: change.at,
      note: change.kind === "resolve" ? change.note : null,
    });
    if (change.kind === "resolve") await askRatingAfter(deps, next);
    return next;
  }
  throw new AppError("conflict", "The escalation changed while we updated it; reload and try again.");
}

/** Asks the shopper to rate a person's help once their case is resolved; marked first, so a retry never asks twice. */
async function askRatingAfter(deps: AgentActionDeps, escalation: Escalation): Promise<void> {
  const { oversight, translator, ratingsAllowed } = deps;
  if (!oversight || !translator || !ratingsAllowed) return;
  const conversation = await oversight.find([escalation.shopId], escalation.conversationId);
  if (!conversation) return;
  await askAfterResolution(
    {
      conversations: deps.conversations,
      channels: deps.channels,
      clock: deps.clock,
      translator,
      ratingsAllowed,
      markRatingAsked: (c, asked) => oversight.markRatingAsked(c, asked),
    },
    conversation,
  );
}

/** A person's reply: stored as role agent, delivered through the conversation's channel, timed for the SLA (R7). */
export async function replyAsAgent(
  deps: AgentActionDeps,
  agent: Agent,
  id: EscalationId,
  input: {
    text: string;
    clientMessageId?: string | undefined;
    /** Set when the text is a translation of what the agent wrote. */
    original?: Message["original"];
  },
): Promise<Message> {
  const escalation = await findForAgent(deps, agent, id);
  if (escalation.status !== "claimed" || escalation.claimedBy !== agent.id) {
    throw new AppError("conflict", "Claim the escalation before replying; it is not yours right now.", {
      status: escalation.status,
    });
  }
  const found = await deps.conversations.getConversation(escalation.shopId, escalation.conversationId);
  if (!found) throw notFound("Conversation");
  const at = deps.clock.now().toISOString();
  const messageId = `agent:${input.clientMessageId ?? randomUUID()}`;
  const message: Message = {
    id: messageId,
    role: "agent",
    text: input.text,
    at,
    ...(input.original ? { original: input.original } : {}),
  };
  const stored = await deps.conversations.addAgentMessage(escalation.shopId, escalation.conversationId, {
    ...message,
    agentId: agent.id,
  });
  if (!stored) return found.messages.find((m) => m.id === messageId) ?? message;
  await deps.channels.deliver(found.conversation, message);
  if (!escalation.firstHumanReplyAt) {
    await deps.inbox.replace(escalation, { ...escalation, firstHumanReplyAt: at });
  }
  return message;
}

/** An internal note on an escalation the agent may see: kept with the conversation, never delivered to the shopper. */
export async function addNote(
  deps: Pick<AgentActionDeps, "inbox" | "conversations" | "clock">,
  agent: Agent,
  id: EscalationId,
  input: { text: string; clientNoteId?: string | undefined },
): Promise<InternalNote> {
  const escalation = await findForAgent(deps, agent, id);
  const note: InternalNote = {
    id: input.clientNoteId ?? randomUUID(),
    escalationId: escalation.escalationId,
    agentId: agent.id,
    agentName: agent.name || agent.id,
    text: input.text,
    at: deps.clock.now().toISOString(),
  };
  await deps.conversations.addNote(escalation.shopId, escalation.conversationId, note);
  return note;
}
