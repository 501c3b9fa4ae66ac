/**
 * An agent approves or declines a prepared order action from the inbox (issue #19): only in their regions and shops
 * (another's is "not found"), only while it awaits approval (a conditional write, so two clicks or two agents never
 * both win), executed through the same port as the AI's, and the shopper is told in their language, once.
 */
import { executeAction, outcomeLines, recordStep, type TrackingLine, trackingLines } from "./action-turn";
import type { Action, ActionStore, MailingAddress, OrderActions } from "./actions";
import { type Agent, type AgentActionDeps, findForAgent } from "./agent-actions";
import { AppError, notFound } from "./errors";
import type { ConversationId, EscalationId, ShopId } from "./ids";
import { marketWith } from "./markets";
import type { LocaleText, Metrics } from "./ports";
import { renderLines } from "./render";

export interface ActionApprovalDeps
  extends Pick<AgentActionDeps, "inbox" | "conversations" | "channels" | "clock"> {
  readonly actions: ActionStore;
  readonly orderActions: OrderActions;
  readonly translator: LocaleText;
  readonly metrics?: Metrics | undefined;
}

/** The prepared action of an escalation the agent may see; 404 for anything else. */
export async function findActionForAgent(
  deps: Pick<ActionApprovalDeps, "inbox" | "actions">,
  agent: Agent,
  escalationId: EscalationId,
  actionId: string,
): Promise<Action> {
  const escalation = await findForAgent(deps, agent, escalationId);
  const action = await deps.actions.get(escalation.shopId, escalation.conversationId, actionId);
  if (!action) throw notFound("Action");
  return action;
}

/**
 * Approves (executes) or declines an action awaiting approval; a repeat of the same decision by the same agent is
 * answered with the action as it stands, any other decision after the first is a 409.
 */
export async function decideOnAction(
  deps: ActionApprovalDeps,
  agent: Agent,
  escalationId: EscalationId,
  actionId: string,
  decision: "approve" | "decline",
  input: { readonly address?: MailingAddress | undefined } = {},
): Promise<Action> {
  const action = await findActionForAgent(deps, agent, escalationId, actionId);
  if (action.mode === "manual")
    throw new AppError(
      "action_manual",
      "The AI may not carry out this action (the seller turned it off, or the order is a marketplace's): do it in the order's own system.",
      { status: action.status },
    );
  const approving = decision === "approve";
  if (approving && action.type === "change_address" && !action.effect.address && !input.address)
    throw new AppError(
      "address_required",
      "The shopper wrote the new address as text: send it in Shopify's fields as `address` (address1, city, countryCode …) to approve.",
      { field: "address", written: action.effect.addressText },
    );
  const by = `agent:${agent.id}`;
  const at = deps.clock.now().toISOString();
  const moved = await deps.actions.transition(action, ["awaiting_approval"], {
    status: approving ? "confirmed" : "declined",
    at,
    by,
    ref: agent.name ?? null,
    decidedBy: by,
    ...(approving && input.address ? { address: input.address } : {}),
  });
  let current: Action;
  if (moved.ok) current = moved.action;
  else {
    const now = moved.current ?? action;
    const same = now.decidedBy === by && (approving ? now.status !== "declined" : now.status === "declined");
    if (!same)
      throw new AppError(
        "action_not_pending",
        `This action is ${now.status}: it no longer waits for a decision.`,
        {
          status: now.status,
        },
      );
    current = now;
  }
  // The agent's decision in the conversation's audit trail (again on a repeat: stored once).
  await recordStep(deps, current);
  let tracking: readonly TrackingLine[] = [];
  if (approving && current.status === "confirmed") {
    deps.metrics?.count("ActionsApproved", { market: current.market, type: current.type });
    const ran = await executeAction(deps, current, { resumed: !moved.ok, at, by, ref: agent.name ?? null });
    current = ran.action;
    if (ran.result.kind === "done") tracking = ran.result.tracking ?? [];
  } else if (moved.ok && !approving)
    deps.metrics?.count("ActionsDeclined", { market: current.market, type: current.type });
  await tellShopper(deps, agent, current, tracking);
  return current;
}

/** The outcome in the shopper's language through the conversation's channel, stored once (keyed by the outcome). */
async function tellShopper(
  deps: ActionApprovalDeps,
  agent: Agent,
  action: Action,
  tracking: readonly TrackingLine[],
): Promise<void> {
  const shopId = action.shopId as ShopId;
  const conversationId = action.conversationId as ConversationId;
  const found = await deps.conversations.getConversation(shopId, conversationId);
  if (!found) return;
  // A resend's outcome carries the tracking itself, as Shopify gave it just now.
  const resent = action.status === "done" && action.type === "resend_tracking" ? trackingLines(tracking) : [];
  const text = renderLines(deps.translator, [...outcomeLines(action, action), ...resent], {
    locale: action.locale,
    market: marketWith(action.market, undefined),
  });
  const message = {
    id: `action:${action.id}:${action.status}`,
    role: "agent" as const,
    text,
    at: deps.clock.now().toISOString(),
    language: action.language,
  };
  // Stored first: a retried approval finds it and does not tell the shopper twice.
  const stored = await deps.conversations.addAgentMessage(shopId, conversationId, {
    ...message,
    agentId: agent.id,
  });
  if (stored) await deps.channels.deliver(found.conversation, message);
}
