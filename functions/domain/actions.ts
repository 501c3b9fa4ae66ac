/**
 * Actions on a shopper's order (issue #19): cancel before fulfilment, change the shipping address before fulfilment,
 * request a return once delivered, resend the tracking details. An action is a small state machine kept on its own
 * item under the conversation (proposed → confirmed or awaiting approval → done, failed, declined, expired), each
 * step a conditional write, so a second "yes" or a retried delivery never runs it twice. Pure; ports below.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { ConversationId, ShopId } from "./ids";
import type { Intent } from "./intent";
import { LANGUAGES } from "./language";
import { MARKET_CODES, type MarketCode, type Posture } from "./markets";
import { type OrderSnapshot, orderStage } from "./order";

export const ACTION_TYPES = ["cancel_order", "change_address", "return_request", "resend_tracking"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** How far the AI goes with an action: on the shopper's yes, after an agent's approval too, or never (a person does it). */
export const ACTION_MODES = ["auto", "approval", "off"] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

export const ACTION_STATUSES = [
  "proposed",
  "awaiting_approval",
  "confirmed",
  "done",
  "declined",
  "failed",
  "expired",
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses after which nothing more happens to an action. */
export const FINAL_STATUSES: ReadonlySet<ActionStatus> = new Set(["done", "declined", "failed", "expired"]);

/** How a cancelled order's money goes back (Shopify's OrderCancelRefundMethodInput). */
export const REFUND_METHODS = ["original_payment_method", "store_credit"] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

/** A shipping address in Shopify's MailingAddressInput fields; address1, city and countryCode are always required. */
export const MailingAddressSchema = z
  .object({
    firstName: z.string().trim().max(255).optional(),
    lastName: z.string().trim().max(255).optional(),
    company: z.string().trim().max(255).optional(),
    address1: z.string().trim().min(1).max(255),
    address2: z.string().trim().max(255).optional(),
    city: z.string().trim().min(1).max(255),
    provinceCode: z.string().trim().max(10).optional(),
    zip: z.string().trim().max(20).optional(),
    countryCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code"),
    phone: z.string().trim().max(40).optional(),
  })
  .strict()
  .readonly();
export type MailingAddress = z.infer<typeof MailingAddressSchema>;

/** What the action will do, exactly as the shopper is told it. */
export const ActionEffectSchema = z
  .object({
    items: z.array(z.object({ title: z.string(), quantity: z.number() }).readonly()).readonly(),
    amount: z.object({ amount: z.string(), currency: z.string() }).readonly().nullable(),
    refundMethod: z.enum(REFUND_METHODS).nullable(),
    restock: z.boolean().nullable(),
    /** The new address in Shopify's fields (read by a model, or given by the agent who approves). */
    address: MailingAddressSchema.nullable(),
    /** The new address as the shopper wrote it, when no model read it into fields: an agent decides. */
    addressText: z.string().nullable(),
  })
  .readonly();
export type ActionEffect = z.infer<typeof ActionEffectSchema>;

/** One step of an action's audit trail (R3). */
export const ActionStepSchema = z
  .object({
    status: z.enum(ACTION_STATUSES),
    at: z.string(),
    /** "ai", "shopper", or "agent:<id>". */
    by: z.string(),
    /** The shopper's message, or the agent's name. */
    ref: z.string().nullish(),
  })
  .readonly();
export type ActionStep = z.infer<typeof ActionStepSchema>;

export const ActionSchema = z
  .object({
    id: z.string().regex(/^a_[\w-]{10,40}$/),
    shopId: z.string().min(1),
    conversationId: z.string().min(1),
    market: z.enum(MARKET_CODES),
    language: z.enum(LANGUAGES),
    /** The locale the shopper is answered in. */
    locale: z.string(),
    type: z.enum(ACTION_TYPES),
    /** "manual": the AI may not act (the seller's `off`, or a marketplace order); a person does it by hand. */
    mode: z.enum(["auto", "approval", "manual"]),
    order: z.object({ id: z.string(), name: z.string() }).readonly(),
    effect: ActionEffectSchema,
    status: z.enum(ACTION_STATUSES),
    /** The shopper's message the proposal answered. */
    proposedIn: z.string(),
    /** Who moved it out of `proposed`/`awaiting_approval`: the shopper's message id, or `agent:<id>`. */
    decidedBy: z.string().nullish(),
    createdAt: z.string(),
    expiresAt: z.string(),
    /** Why it failed or was refused, as a stable code (the shopper is told in their language). */
    outcome: z.string().nullish(),
    /** Shopify's own words when it refused, for the agent (never shown to the shopper). */
    detail: z.string().nullish(),
    history: z.array(ActionStepSchema).readonly(),
  })
  .readonly();
export type Action = z.infer<typeof ActionSchema>;

/** The action as the reply (API.md `reply.action`) and the handoff packet show it. */
export interface ActionRef {
  readonly id: string;
  readonly type: ActionType;
  readonly order: string;
  readonly status: ActionStatus;
}

export const actionRef = (action: Action): ActionRef => ({
  id: action.id,
  type: action.type,
  order: action.order.name,
  status: action.status,
});

const digest = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 22);

/** The action's id, from the conversation and the message that asked: a retried message proposes the same action. */
export const actionIdFor = (conversationId: ConversationId, messageId: string) =>
  `a_${digest(conversationId, messageId)}`;

/** The intent that asks for each action. */
export const ACTION_OF_INTENT: Partial<Record<Intent, ActionType>> = {
  cancel_order: "cancel_order",
  change_address: "change_address",
  refund_return: "return_request",
};

/** The seller's settings for actions (API.md "Actions"). */
export interface ActionSettings {
  /** Shop-wide choice per action; absent: the market's posture decides. */
  readonly modes?: Partial<Record<ActionType, ActionMode>> | undefined;
  /** Per market, over the shop-wide choice. */
  readonly markets?: Partial<Record<MarketCode, Partial<Record<ActionType, ActionMode>>>> | undefined;
  readonly refundMethod?: RefundMethod | undefined;
  readonly restock?: boolean | undefined;
  /** How long the shopper has to say yes. */
  readonly proposalMinutes?: number | undefined;
}

export const ACTION_DEFAULTS = {
  refundMethod: "original_payment_method" as RefundMethod,
  restock: true,
  proposalMinutes: 30,
};

/** The posture's default: cautious markets ask a person to approve; tracking is resent everywhere without asking. */
export function postureMode(type: ActionType, posture: Posture): ActionMode {
  if (type === "resend_tracking") return "auto";
  return posture === "cautious" ? "approval" : "auto";
}

/** The mode in force for an action in a market: the market's choice, else the shop's, else the posture's. */
export function modeFor(
  settings: ActionSettings | undefined,
  type: ActionType,
  market: MarketCode,
  posture: Posture,
): ActionMode {
  return settings?.markets?.[market]?.[type] ?? settings?.modes?.[type] ?? postureMode(type, posture);
}

/** Every action's mode in force in a market. */
export function modesInForce(
  settings: ActionSettings | undefined,
  market: MarketCode,
  posture: Posture,
): Record<ActionType, ActionMode> {
  return Object.fromEntries(
    ACTION_TYPES.map((type) => [type, modeFor(settings, type, market, posture)]),
  ) as Record<ActionType, ActionMode>;
}

/** Why an order does not qualify for an action right now, or null when it does. */
export type Ineligibility =
  | "cancelled"
  | "fulfilled"
  | "not_delivered"
  | "refunded"
  | "return_open"
  | "no_tracking";

/**
 * Whether the order qualifies (pure; the Shopify adapter re-checks against the order it re-reads right before it
 * acts): cancel and address change only before fulfilment, a return only once delivered.
 */
export function ineligibility(type: ActionType, order: OrderSnapshot): Ineligibility | null {
  const stage = orderStage(order);
  if (stage === "cancelled") return "cancelled";
  if (stage === "refunded") return "refunded";
  const fulfillment = order.fulfillmentStatus.toUpperCase();
  const unfulfilled = fulfillment === "UNFULFILLED";
  switch (type) {
    case "cancel_order":
    case "change_address":
      return unfulfilled ? null : "fulfilled";
    case "return_request":
      // The cache knows a Shopify order as fulfilled; whether it was delivered is checked at Shopify before acting.
      return stage === "delivered" || stage === "shipped" ? null : "not_delivered";
    case "resend_tracking":
      return order.tracking.some((t) => t.number) ? null : "no_tracking";
  }
}

/** The action's effect on this order under the seller's settings. */
export function effectOf(
  type: ActionType,
  order: OrderSnapshot,
  settings: ActionSettings | undefined,
  address: { fields: MailingAddress | null; text: string | null } = { fields: null, text: null },
): ActionEffect {
  const refunds = type === "cancel_order" || type === "return_request";
  return {
    items: order.lineItems.map((l) => ({ title: l.title, quantity: l.quantity })),
    amount: refunds ? order.total : null,
    refundMethod: refunds ? (settings?.refundMethod ?? ACTION_DEFAULTS.refundMethod) : null,
    restock: type === "cancel_order" ? (settings?.restock ?? ACTION_DEFAULTS.restock) : null,
    address: type === "change_address" ? address.fields : null,
    addressText: type === "change_address" ? address.text : null,
  };
}

/** A new action, proposed to the shopper in `message`. */
export function proposeAction(input: {
  readonly shopId: ShopId;
  readonly conversationId: ConversationId;
  readonly messageId: string;
  readonly market: MarketCode;
  readonly language: Action["language"];
  readonly locale: string;
  readonly type: ActionType;
  readonly mode: Action["mode"];
  readonly order: OrderSnapshot;
  readonly effect: ActionEffect;
  readonly now: Date;
  readonly minutes: number;
  /**
   * Straight to an agent (no shopper confirmation to wait for): an address written as text, or a manual action; or
   * confirmed by the request itself (a resend of the tracking in auto).
   */
  readonly status?: "proposed" | "awaiting_approval" | "confirmed";
}): Action {
  const at = input.now.toISOString();
  const status = input.status ?? "proposed";
  return {
    id: actionIdFor(input.conversationId, input.messageId),
    shopId: input.shopId,
    conversationId: input.conversationId,
    market: input.market,
    language: input.language,
    locale: input.locale,
    type: input.type,
    mode: input.mode,
    order: { id: input.order.id, name: input.order.name },
    effect: input.effect,
    status,
    proposedIn: input.messageId,
    decidedBy: status === "proposed" ? null : input.messageId,
    createdAt: at,
    expiresAt: new Date(input.now.getTime() + input.minutes * 60_000).toISOString(),
    outcome: null,
    detail: null,
    history: [{ status, at, by: status === "confirmed" ? "shopper" : "ai", ref: input.messageId }],
  };
}

/** The proposal has run out of time: a yes now is read as a new message. */
export const isExpired = (action: Pick<Action, "expiresAt" | "status">, now: Date) =>
  action.status === "proposed" && action.expiresAt <= now.toISOString();

/** A change of status and who made it. */
export interface ActionChange {
  readonly status: ActionStatus;
  readonly at: string;
  readonly by: string;
  readonly ref?: string | null | undefined;
  readonly decidedBy?: string | undefined;
  readonly outcome?: string | null | undefined;
  readonly detail?: string | null | undefined;
  /** An address the approving agent gave in fields, for an address the shopper wrote as text. */
  readonly address?: MailingAddress | undefined;
}

/** The action after a change (assumed allowed by the store's condition). */
export function applyChange(action: Action, change: ActionChange): Action {
  return {
    ...action,
    status: change.status,
    ...(change.decidedBy !== undefined ? { decidedBy: change.decidedBy } : {}),
    ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
    ...(change.detail !== undefined ? { detail: change.detail } : {}),
    ...(change.address ? { effect: { ...action.effect, address: change.address } } : {}),
    history: [
      ...action.history,
      { status: change.status, at: change.at, by: change.by, ref: change.ref ?? null },
    ],
  };
}

/** What the Shopify adapter reports after re-reading the order and, if it still qualifies, acting on it. */
export type ExecutionResult =
  | {
      readonly kind: "done";
      readonly tracking?: readonly { company: string | null; number: string | null; url: string | null }[];
    }
  /** The order no longer qualifies (it was fulfilled, cancelled … since the proposal): nothing was changed. */
  | { readonly kind: "refused"; readonly reason: Ineligibility | "not_found" }
  /** Shopify refused (its userErrors) or could not be reached: a person takes over. */
  | { readonly kind: "failed"; readonly code: string; readonly message: string };

/** Runs an action at the shop (implemented by the Shopify adapter, which re-reads the order first). */
export interface OrderActions {
  execute(shopId: ShopId, action: Action): Promise<ExecutionResult>;
}

/** Result of a conditional status change: the action after it, or the action as it stands when the condition failed. */
export type Transition =
  | { readonly ok: true; readonly action: Action }
  | { readonly ok: false; readonly current: Action | null };

/** The actions of conversations: each a separate item, moved by conditional writes only. */
export interface ActionStore {
  /** Stores a new action once, expiring with its conversation; false if one with its id exists (a retried proposal). */
  create(action: Action, expiresAt?: number): Promise<boolean>;
  get(shopId: ShopId, conversationId: ConversationId, id: string): Promise<Action | null>;
  /** Moves the action to `change.status` only if its stored status is one of `from`. */
  transition(action: Action, from: readonly ActionStatus[], change: ActionChange): Promise<Transition>;
  /** The conversation's actions, oldest first (its audit trail). */
  list(shopId: ShopId, conversationId: ConversationId): Promise<Action[]>;
  /** The shop's actions created in [from, to), for analytics. */
  listCreated(shopId: ShopId, from: string, to: string): Promise<Action[]>;
}

/** A new address read from what the shopper wrote: Shopify's fields, or what is missing. Never a guess. */
export type AddressReading =
  | { readonly kind: "complete"; readonly address: MailingAddress }
  | { readonly kind: "partial"; readonly missing: readonly string[] }
  | { readonly kind: "none" };

/** Reads an address into Shopify's fields (a model with structured output); absent without a model. */
export interface AddressReader {
  read(text: string, country: string | null): Promise<AddressReading>;
}

/** Per market figures of actions (R3, R10): proposed, confirmed by the shopper, done, failed, declined, expired. */
export interface ActionFigures {
  readonly proposed: number;
  readonly confirmed: number;
  readonly done: number;
  readonly failed: number;
  readonly declined: number;
  readonly expired: number;
}

/** Counts actions by where their trail went (a proposal left unanswered past its time counts as expired). */
export function actionFigures(actions: readonly Action[], now: Date): ActionFigures {
  const went = (a: Action, s: ActionStatus) => a.history.some((h) => h.status === s);
  return {
    proposed: actions.length,
    confirmed: actions.filter((a) => went(a, "confirmed") || went(a, "awaiting_approval")).length,
    done: actions.filter((a) => a.status === "done").length,
    failed: actions.filter((a) => a.status === "failed").length,
    declined: actions.filter((a) => a.status === "declined").length,
    expired: actions.filter((a) => a.status === "expired" || isExpired(a, now)).length,
  };
}

/** The one-line address as it will be written on the parcel, in Shopify's field order. */
export function formatAddress(address: MailingAddress): string {
  const name = [address.firstName, address.lastName].filter(Boolean).join(" ");
  const cityLine = [address.city, address.provinceCode, address.zip].filter(Boolean).join(" ");
  return [
    name,
    address.company,
    address.address1,
    address.address2,
    cityLine,
    address.countryCode,
    address.phone,
  ]
    .filter((part) => part && part.length > 0)
    .join(", ");
}

/** Action figures for the shop and per market (GET /v1/analytics `actions`). */
export function actionAnalytics(actions: readonly Action[], now: Date) {
  const markets = [...new Set(actions.map((a) => a.market))].sort();
  return {
    shop: actionFigures(actions, now),
    markets: Object.fromEntries(
      markets.map((m) => [
        m,
        actionFigures(
          actions.filter((a) => a.market === m),
          now,
        ),
      ]),
    ) as Partial<Record<MarketCode, ActionFigures>>,
  };
}
