/**
 * The reply pipeline's action stage (issue #19): a request to cancel, change the address or return becomes a
 * proposal stating its exact effect; the shopper's explicit yes executes it (or sends it to an agent for approval),
 * a no withdraws it, a late yes finds it expired. Every step is a conditional write on the action, so a second yes
 * or a retried delivery never runs it twice; the outcome is told to the shopper. Orders the AI may not change
 * (the seller's `off`, marketplace orders) go to a person with the prepared action described.
 */
import {
  ACTION_OF_INTENT,
  type Action,
  type ActionSettings,
  type ActionStore,
  type ActionType,
  type AddressReader,
  ACTION_DEFAULTS,
  effectOf,
  type ExecutionResult,
  formatAddress,
  ineligibility,
  isExpired,
  type MailingAddress,
  modeFor,
  type OrderActions,
  proposeAction,
} from "./actions";
import type { ConversationEvent, Memory } from "./conversation";
import type { ConversationId, ShopId } from "./ids";
import type { Intent } from "./intent";
import { type Language, LANGUAGES } from "./languages";
import type { Market } from "./markets";
import type { OrderSnapshot } from "./order";
import type { OrderResolution } from "./order-resolution";
import type { Decision, Line } from "./policy";
import { asksToResendTracking } from "./resend-tracking";
import type { Clock, ConversationStore, LocaleText, Metrics } from "./ports";
import type { Signal } from "./signals";

export interface ActionDeps {
  readonly actions?: ActionStore | undefined;
  readonly orderActions?: OrderActions | undefined;
  /** Reads a new address into Shopify's fields (a model); without it, the address goes to an agent as written. */
  readonly addressReader?: AddressReader | undefined;
  readonly translator: LocaleText;
  readonly clock: Clock;
  readonly metrics?: Metrics | undefined;
  /** Where each step is recorded in the conversation's audit trail (GET /v1/conversations/{id}, the inbox history). */
  readonly conversations?: Pick<ConversationStore, "addEvent"> | undefined;
}

/**
 * Records the action's latest step as an event of its conversation; keyed by action and status, so recording the
 * same step again (a retried turn, a second click) changes nothing.
 */
export async function recordStep(
  deps: Pick<ActionDeps, "conversations">,
  action: Action,
  expiresAt?: number,
): Promise<void> {
  const step = action.history.findLast((h) => h.status === action.status);
  if (!deps.conversations || !step) return;
  const agentId = step.by.startsWith("agent:") ? step.by.slice("agent:".length) : null;
  const event: ConversationEvent = {
    escalationId: "",
    kind: "action",
    agentId,
    ...(agentId && step.ref ? { agentName: step.ref } : {}),
    at: step.at,
    note: action.outcome ?? null,
    action: { id: action.id, type: action.type, order: action.order.name, status: action.status },
  };
  await deps.conversations.addEvent(
    action.shopId as ShopId,
    action.conversationId as ConversationId,
    event,
    expiresAt,
  );
}

export interface ActionTurnInput {
  readonly shopId: ShopId;
  readonly conversationId: ConversationId;
  readonly messageId: string;
  readonly market: Market;
  readonly language: Language;
  readonly locale: string;
  readonly intent: Intent;
  readonly signals: readonly Signal[];
  readonly yesNo: "yes" | "no" | null;
  readonly memory: Memory;
  readonly order: OrderResolution;
  readonly text: string;
  readonly settings?: ActionSettings | undefined;
  readonly now: Date;
  /** The policy's decision without actions: kept (with the prepared action described) where the AI may not act. */
  readonly policy: Decision;
  /** The conversation's expiry (epoch seconds), which its actions share. */
  readonly expiresAt?: number | undefined;
}

/** What the action stage decided: the reply (or handoff) it replaces the policy's with, and the action concerned. */
export interface ActionTurn {
  readonly decision: Decision;
  readonly action: Action | null;
  /** The topic the turn is recorded under (a bare "yes" is about the action it confirms). */
  readonly intent: Intent;
}

const INTENT_OF: Record<ActionType, Intent> = {
  cancel_order: "cancel_order",
  change_address: "change_address",
  return_request: "refund_return",
  resend_tracking: "order_status",
};

/** Signals that always win: the policy hands the conversation to a person, whatever was proposed. */
const winsOverActions = (signals: readonly Signal[]) => signals.length > 0;

/** A Shopify order (not a marketplace's): the only kind the AI may change. */
const isShopifyOrder = (order: OrderSnapshot) =>
  order.id.startsWith("gid://shopify/Order/") && !order.buyerKey;

/** The memory after an action turn: the topic and order kept, the question and proposal as given. */
const memoryWith = (
  input: ActionTurnInput,
  intent: Intent,
  patch: Pick<Memory, "awaiting" | "action"> & Partial<Memory>,
): Memory => ({
  ...input.memory,
  language: input.language,
  lastIntent: intent,
  misunderstandings: 0,
  pendingIntent: undefined,
  pendingOrder: undefined,
  ...patch,
});

/**
 * The action stage: null leaves the turn to the policy (nothing to do with actions, a signal that wins, or the
 * feature not wired); otherwise the decision that replaces the policy's.
 */
export async function actOnOrder(deps: ActionDeps, input: ActionTurnInput): Promise<ActionTurn | null> {
  if (!deps.actions || !deps.orderActions) return null;
  if (input.policy.kind === "held" || winsOverActions(input.signals)) return null;
  const pending = input.memory.action;
  if (pending && input.memory.awaiting === "confirmation") {
    // Anything but a yes or a no is a new message: the proposal is left to expire.
    if (input.yesNo) return answerProposal(deps, input, pending, input.yesNo);
    return null;
  }
  if (input.memory.awaiting === "address" && input.memory.pendingIntent === "change_address")
    return addressGiven(deps, input);
  // The classifier reads "resend the tracking number" as a status question: the phrase names the action.
  const type =
    ACTION_OF_INTENT[input.intent] ?? (asksToResendTracking(input.text) ? "resend_tracking" : undefined);
  if (!type || input.order.kind !== "found") return null;
  return requestAction(deps, input, type, input.order.order);
}

/** The shopper asked for an action on an order of theirs: propose it, ask for the address, or hand it over prepared. */
async function requestAction(
  deps: ActionDeps,
  input: ActionTurnInput,
  type: ActionType,
  order: OrderSnapshot,
): Promise<ActionTurn | null> {
  // An order that no longer qualifies keeps the policy's honest answer (already shipped, already cancelled …).
  if (ineligibility(type, order)) return null;
  const intent = INTENT_OF[type];
  const mode = modeFor(input.settings, type, input.market.code, input.market.posture);
  if (mode === "off" || !isShopifyOrder(order)) return handOverPrepared(input, type, order);
  // Sending again the tracking the shopper already has changes nothing at the shop, so in auto it is done at once:
  // a "shall I?" for a read would only cost a turn (with approval it is proposed and approved like the others).
  if (type === "resend_tracking" && mode === "auto") return resendNow(deps, input, order);
  if (type === "change_address") {
    const reading = deps.addressReader
      ? await deps.addressReader.read(input.text, order.shippingCountry)
      : ({ kind: "none" } as const);
    if (reading.kind !== "complete")
      return {
        decision: {
          kind: "reply",
          lines: [{ key: "action.ask_address", values: { order: order.name } }],
          memory: memoryWith(input, intent, {
            awaiting: "address",
            action: undefined,
            pendingIntent: "change_address",
            orderName: order.name,
          }),
        },
        action: null,
        intent,
      };
    return propose(deps, input, type, order, mode, { fields: reading.address, text: null });
  }
  return propose(deps, input, type, order, mode);
}

/** Resends the tracking details at once (auto), the request being the shopper's yes; a retried turn resumes it. */
async function resendNow(
  deps: ActionDeps,
  input: ActionTurnInput,
  order: OrderSnapshot,
): Promise<ActionTurn> {
  const store = deps.actions as ActionStore;
  const fresh = proposeAction({
    ...idsOf(input),
    type: "resend_tracking",
    mode: "auto",
    order,
    effect: effectOf("resend_tracking", order, input.settings),
    now: input.now,
    minutes: minutesOf(input),
    status: "confirmed",
  });
  const created = await store.create(fresh, input.expiresAt);
  let action = created ? fresh : ((await store.get(input.shopId, input.conversationId, fresh.id)) ?? fresh);
  if (created) {
    const labels = { market: input.market.code, type: "resend_tracking" };
    deps.metrics?.count("ActionsProposed", labels);
    deps.metrics?.count("ActionsConfirmed", labels);
  }
  await recordStep(deps, action, input.expiresAt);
  let tracking: readonly TrackingLine[] = order.tracking;
  if (action.status === "confirmed") {
    const ran = await executeAction(deps, action, {
      resumed: !created,
      at: input.now.toISOString(),
      by: "ai",
      ref: input.messageId,
    });
    action = ran.action;
    // The tracking as Shopify has it now, not as the cache last saw it.
    if (ran.result.kind === "done" && ran.result.tracking) tracking = ran.result.tracking;
  }
  return outcomeTurn(input, action, "order_status", tracking);
}

export type TrackingLine = { company: string | null; number: string | null; url: string | null };

/** One sentence per parcel with a tracking number, and its link when the courier gave one. */
export const trackingLines = (tracking: readonly TrackingLine[]): Line[] =>
  tracking.flatMap((t): Line[] =>
    t.number
      ? [
          { key: "action.tracking_number", values: { tracking: t.number, carrier: t.company ?? "-" } },
          ...(t.url ? [{ key: "tracking_link", values: { url: t.url } } satisfies Line] : []),
        ]
      : [],
  );

/** The prepared action, for a person to carry out (the seller's `off`, or a marketplace order): never executed. */
function handOverPrepared(input: ActionTurnInput, type: ActionType, order: OrderSnapshot): ActionTurn | null {
  if (input.policy.kind !== "escalate") return null;
  const action = proposeAction({
    ...idsOf(input),
    type,
    mode: "manual",
    order,
    effect: effectOf(type, order, input.settings),
    now: input.now,
    minutes: minutesOf(input),
    status: "awaiting_approval",
  });
  return { decision: input.policy, action, intent: INTENT_OF[type] };
}

const idsOf = (input: ActionTurnInput) => ({
  shopId: input.shopId,
  conversationId: input.conversationId,
  messageId: input.messageId,
  market: input.market.code,
  language: input.language,
  locale: input.locale,
});

const minutesOf = (input: ActionTurnInput) =>
  input.settings?.proposalMinutes ?? ACTION_DEFAULTS.proposalMinutes;

/** States the exact effect and asks for an explicit yes; the proposal is stored once (a retry finds it there). */
async function propose(
  deps: ActionDeps,
  input: ActionTurnInput,
  type: ActionType,
  order: OrderSnapshot,
  mode: "auto" | "approval",
  address?: { fields: MailingAddress | null; text: string | null },
): Promise<ActionTurn> {
  const action = proposeAction({
    ...idsOf(input),
    type,
    mode,
    order,
    effect: effectOf(type, order, input.settings, address),
    now: input.now,
    minutes: minutesOf(input),
  });
  const stored = (await deps.actions?.create(action, input.expiresAt)) ?? false;
  if (stored) deps.metrics?.count("ActionsProposed", { market: input.market.code, type });
  await recordStep(deps, action, input.expiresAt);
  const lines: Line[] = [
    ...effectLines(input, action, "propose"),
    ...(mode === "approval" ? [{ key: "action.approval_note" }] : []),
    { key: "action.confirm" },
  ];
  return {
    decision: {
      kind: "reply",
      lines,
      memory: memoryWith(input, INTENT_OF[type], { awaiting: "confirmation", action, orderName: order.name }),
    },
    action,
    intent: INTENT_OF[type],
  };
}

/**
 * The values an action's sentences name, formatted for the shopper's language (its Intl tag): the order, the items,
 * the amount, the address exactly as it will be written.
 */
export function effectValues(input: { readonly language: Language }, action: Action): Record<string, string> {
  const intl = LANGUAGES[input.language].intl;
  const { effect } = action;
  const items = new Intl.ListFormat(intl, { type: "conjunction" }).format(
    effect.items.map((i) => `${i.quantity} × ${i.title}`),
  );
  const amount = effect.amount
    ? new Intl.NumberFormat(intl, { style: "currency", currency: effect.amount.currency }).format(
        Number(effect.amount.amount),
      )
    : "";
  const address = effect.address ? formatAddress(effect.address) : (effect.addressText ?? "");
  return { order: action.order.name, items, amount, address };
}

/** The sentences stating an action's effect, before (`propose`) or after (`done`): what, and where the money goes. */
export function effectLines(
  input: { readonly language: Language },
  action: Action,
  when: "propose" | "done",
): Line[] {
  const values = effectValues(input, action);
  const { refundMethod, amount } = action.effect;
  const refund: Line[] =
    refundMethod && amount
      ? [
          {
            key: `action.${action.type === "return_request" ? "refund_after_return" : "refund"}.${refundMethod}`,
            values,
          },
        ]
      : [];
  // A return's refund comes after the return is accepted: said when it is proposed, not again once requested.
  if (when === "done" && action.type === "return_request")
    return [{ key: "action.done.return_request", values }];
  return [{ key: `action.${when}.${action.type}`, values }, ...refund];
}

/** The new address the shopper wrote after we asked for it: into fields with a model, else as written to an agent. */
async function addressGiven(deps: ActionDeps, input: ActionTurnInput): Promise<ActionTurn | null> {
  const order = input.order.kind === "found" ? input.order.order : null;
  if (!order || ineligibility("change_address", order)) return null;
  const mode = modeFor(input.settings, "change_address", input.market.code, input.market.posture);
  if (mode === "off" || !isShopifyOrder(order)) return null;
  if (deps.addressReader) {
    const reading = await deps.addressReader.read(input.text, order.shippingCountry);
    if (reading.kind === "complete")
      return propose(deps, input, "change_address", order, mode, { fields: reading.address, text: null });
  }
  // Never a partial or guessed address: what the shopper wrote goes to a person, who writes it into Shopify's fields.
  const action = proposeAction({
    ...idsOf(input),
    type: "change_address",
    mode: "approval",
    order,
    effect: effectOf("change_address", order, input.settings, { fields: null, text: input.text.trim() }),
    now: input.now,
    minutes: minutesOf(input),
    status: "awaiting_approval",
  });
  if (await deps.actions?.create(action, input.expiresAt))
    deps.metrics?.count("ActionsProposed", { market: input.market.code, type: "change_address" });
  await recordStep(deps, action, input.expiresAt);
  return {
    decision: {
      kind: "escalate",
      reason: "action_required",
      lines: [{ key: "action.address_to_agent", values: effectValues(input, action) }],
      memory: memoryWith(input, "change_address", {
        awaiting: null,
        action: undefined,
        orderName: order.name,
      }),
    },
    action,
    intent: "change_address",
  };
}

/** The shopper's yes or no to a proposal. */
async function answerProposal(
  deps: ActionDeps,
  input: ActionTurnInput,
  pending: Action,
  answer: "yes" | "no",
): Promise<ActionTurn> {
  const store = deps.actions as ActionStore;
  const intent = INTENT_OF[pending.type];
  const at = input.now.toISOString();
  const done = (
    decision: Omit<Extract<Decision, { kind: "reply" }>, "memory">,
    action: Action,
  ): ActionTurn => ({
    decision: { ...decision, memory: memoryWith(input, intent, { awaiting: null, action: undefined }) },
    action,
    intent,
  });
  const o = { order: pending.order.name };
  if (isExpired(pending, input.now)) {
    const moved = await store.transition(pending, ["proposed"], { status: "expired", at, by: "ai" });
    const action = moved.ok ? moved.action : (moved.current ?? pending);
    if (moved.ok) deps.metrics?.count("ActionsExpired", { market: pending.market, type: pending.type });
    await recordStep(deps, action, input.expiresAt);
    return done({ kind: "reply", lines: [{ key: "action.expired", values: o }] }, action);
  }
  const by = { by: "shopper", ref: input.messageId, decidedBy: input.messageId } as const;
  if (answer === "no") {
    const moved = await store.transition(pending, ["proposed"], { status: "declined", at, ...by });
    if (!moved.ok) return afterTheFact(input, moved.current ?? pending);
    deps.metrics?.count("ActionsDeclined", { market: pending.market, type: pending.type });
    await recordStep(deps, moved.action, input.expiresAt);
    return done({ kind: "reply", lines: [{ key: "action.withdrawn", values: o }] }, moved.action);
  }
  const next = pending.mode === "approval" ? "awaiting_approval" : "confirmed";
  const moved = await store.transition(pending, ["proposed"], { status: next, at, ...by });
  let action: Action;
  if (moved.ok) {
    action = moved.action;
    deps.metrics?.count("ActionsConfirmed", { market: pending.market, type: pending.type });
  } else {
    const current = moved.current ?? pending;
    // This very message moved it before and the turn was interrupted: finish what it started.
    const ours = current.status === next && current.decidedBy === input.messageId;
    if (!ours) return afterTheFact(input, current);
    action = current;
  }
  await recordStep(deps, action, input.expiresAt);
  if (action.status === "awaiting_approval")
    return {
      decision: {
        kind: "escalate",
        reason: "action_required",
        lines: [{ key: "action.awaiting_approval", values: o }],
        memory: memoryWith(input, intent, { awaiting: null, action: undefined }),
      },
      action,
      intent,
    };
  const result = await runAction(deps, action, { resumed: !moved.ok, at, by: "ai", ref: input.messageId });
  return outcomeTurn(input, result, intent);
}

/** A yes or no to a proposal something else already settled (a second yes, an agent): say where it stands. */
function afterTheFact(input: ActionTurnInput, current: Action): ActionTurn {
  const intent = INTENT_OF[current.type];
  const memory = memoryWith(input, intent, { awaiting: null, action: undefined });
  const lines = outcomeLines(input, current);
  return { decision: { kind: "reply", lines, memory }, action: current, intent };
}

/** The sentences that tell the shopper where an action stands. */
export function outcomeLines(input: { readonly language: Language }, action: Action): Line[] {
  const o = { order: action.order.name };
  switch (action.status) {
    case "done":
      return effectLines(input, action, "done");
    case "confirmed":
      return [{ key: "action.in_progress", values: o }];
    case "awaiting_approval":
      return [{ key: "action.awaiting_approval", values: o }];
    case "declined":
      return [
        {
          key: action.decidedBy?.startsWith("agent:") ? "action.declined_by_agent" : "action.withdrawn",
          values: o,
        },
      ];
    case "expired":
      return [{ key: "action.expired", values: o }];
    case "failed":
      return [{ key: refusedKey(action.outcome), values: o }];
    case "proposed":
      return [{ key: "action.confirm" }];
  }
}

const REFUSALS = new Set(["fulfilled", "cancelled", "refunded", "not_delivered", "return_open"]);
/** The sentence for a failed action: why the order no longer qualifies, or that Shopify refused and a person follows. */
const refusedKey = (outcome: string | null | undefined) =>
  outcome && REFUSALS.has(outcome) ? `action.refused.${outcome}` : "action.failed";

/** A refusal that only says the action's own effect is already there (a retry after Shopify already acted). */
const alreadyApplied = (action: Action, result: ExecutionResult) =>
  result.kind === "refused" &&
  ((action.type === "cancel_order" && result.reason === "cancelled") ||
    (action.type === "return_request" && result.reason === "return_open"));

/**
 * Executes a confirmed action at the shop once (the caller won the move to `confirmed`, or is finishing its own
 * interrupted turn) and records the outcome; an order that no longer qualifies, or Shopify's refusal, fails it.
 */
export async function runAction(
  deps: ActionDeps,
  action: Action,
  step: { readonly resumed: boolean; readonly at: string; readonly by: string; readonly ref?: string | null },
): Promise<Action> {
  return (await executeAction(deps, action, step)).action;
}

/** runAction, with what the shop answered (the fresh tracking of a resend). */
export async function executeAction(
  deps: ActionDeps,
  action: Action,
  step: { readonly resumed: boolean; readonly at: string; readonly by: string; readonly ref?: string | null },
): Promise<{ action: Action; result: ExecutionResult }> {
  const store = deps.actions as ActionStore;
  const result = await (deps.orderActions as OrderActions).execute(action.shopId as ShopId, action);
  const ok = result.kind === "done" || (step.resumed && alreadyApplied(action, result));
  const outcome =
    result.kind === "done" ? null : result.kind === "refused" ? result.reason : (result.code ?? "failed");
  const moved = await store.transition(action, ["confirmed"], {
    status: ok ? "done" : "failed",
    at: step.at,
    by: step.by,
    ref: step.ref ?? null,
    outcome: ok ? null : outcome,
    detail: result.kind === "failed" ? result.message.slice(0, 500) : null,
  });
  const after = moved.ok ? moved.action : (moved.current ?? action);
  if (moved.ok)
    deps.metrics?.count(ok ? "ActionsDone" : "ActionsFailed", { market: action.market, type: action.type });
  await recordStep(deps, after);
  return { action: after, result };
}

/** The turn that tells the shopper the outcome; a failure hands the conversation to a person with the action. */
function outcomeTurn(
  input: ActionTurnInput,
  action: Action,
  intent: Intent,
  tracking: readonly TrackingLine[] = [],
): ActionTurn {
  const memory = memoryWith(input, intent, { awaiting: null, action: undefined });
  const resent = action.status === "done" && action.type === "resend_tracking";
  const lines = [...outcomeLines(input, action), ...(resent ? trackingLines(tracking) : [])];
  if (action.status === "failed" && !["cancelled", "refunded"].includes(action.outcome ?? ""))
    return { decision: { kind: "escalate", reason: "action_required", lines, memory }, action, intent };
  return { decision: { kind: "reply", lines, memory }, action, intent };
}
