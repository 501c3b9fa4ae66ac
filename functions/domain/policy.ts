/** The conversation policy (R2, R5, R6): what to say and when a person takes over. Pure; the engine never decides this. */
import type { ConversationStatus, EscalationReason, Memory } from "./conversation";
import { type Intent, isSensitive, ORDER_INTENTS, STORE_INTENTS } from "./intent";
import type { Language } from "./language";
import type { Posture } from "./markets";
import { type OrderSnapshot, orderStage, refundState } from "./order";
import type { OrderResolution } from "./order-resolution";
import { isSensitiveSignal, type Signal } from "./signals";

export type LineValue =
  | string
  | number
  | { readonly date: string }
  | { readonly amount: string; readonly currency: string }
  /** Alternatives ("#1001, #1002 or #1003"), joined as the shopper's language joins them. */
  | { readonly list: readonly string[] };

/** One sentence of a reply: a locale key and its values for the renderer, or text a model wrote. */
export type Line = TemplateLine | WrittenLine;

export interface TemplateLine {
  readonly key: string;
  readonly values?: Readonly<Record<string, LineValue>>;
}

export interface WrittenLine {
  readonly text: string;
  /** The model answered only where an order stands (a status answer in R8's sense). */
  readonly statusAnswer: boolean;
}

export type Decision =
  | { readonly kind: "held" }
  | { readonly kind: "reply"; readonly lines: readonly Line[]; readonly memory: Memory }
  | {
      readonly kind: "escalate";
      readonly reason: EscalationReason;
      readonly lines: readonly Line[];
      readonly memory: Memory;
      /** The reply the AI would have sent, kept for the agent (R8 cautious markets). */
      readonly draft?: readonly Line[];
    };

export interface DecisionInput {
  readonly status: ConversationStatus;
  readonly memory: Memory;
  readonly language: Language;
  readonly intent: Intent;
  /** The message named an order, an email or a phone: an answer to our question, even if it says nothing else. */
  readonly gaveOrderDetails: boolean;
  readonly order: OrderResolution;
  readonly shopperName: string | undefined;
  readonly posture: Posture;
  /** No AI reply has been sent in this conversation yet. */
  readonly firstReply: boolean;
  /** The message is a picture or video the AI cannot read. */
  readonly media?: boolean | undefined;
  /** Signals read apart from the topic (domain/signals.ts); they take precedence over it. */
  readonly signals?: readonly Signal[] | undefined;
  /** The shopper's yes or no to the question we asked (domain/dialogue.ts). */
  readonly answer?: "yes" | "no" | null | undefined;
}

const handoff = (reason: EscalationReason): Line => ({ key: `handoff.${reason}` });

export function decide(input: DecisionInput): Decision {
  return withQuestion(applyPosture(decideForAnyMarket(input), input), input);
}

/**
 * Records what the reply asks (which order, the checkout email or phone, anything else?) and the topic it is for, so
 * the next message is read as the answer (domain/dialogue.ts); a reply that asks nothing clears it.
 */
function withQuestion(decision: Decision, input: DecisionInput): Decision {
  if (decision.kind === "held") return decision;
  const keys = new Set(decision.lines.flatMap((line) => ("key" in line ? [line.key] : [])));
  const topic = decision.memory.lastIntent;
  const asked: Pick<Memory, "awaiting" | "pendingIntent" | "pendingOrder"> =
    decision.kind === "escalate"
      ? { awaiting: null, pendingIntent: undefined, pendingOrder: undefined }
      : keys.has("order_not_found") && input.order.kind === "not_found"
        ? { awaiting: "checkout_contact", pendingIntent: topic, pendingOrder: input.order.name }
        : keys.has("ask_order") || keys.has("which_order")
          ? { awaiting: "order_number", pendingIntent: topic, pendingOrder: undefined }
          : keys.has("thanks")
            ? { awaiting: "confirmation", pendingIntent: undefined, pendingOrder: undefined }
            : { awaiting: null, pendingIntent: undefined, pendingOrder: undefined };
  return { ...decision, memory: { ...decision.memory, ...asked } };
}

/** Lines that only tell where an order stands, or help find it. */
const isStatusLine = (line: Line) =>
  "text" in line
    ? line.statusAnswer
    : line.key.startsWith("status.") ||
      ["delay.shipped", "tracking_link", "ask_order", "order_not_found", "which_order"].includes(line.key);
/** Lines that only keep the conversation going. */
const isSmallTalk = (line: Line) =>
  "key" in line &&
  ["greeting", "greeting_named", "thanks", "clarify", "ask_more", "closing"].includes(line.key);

const OFFER_PERSON = "offer_person";

/** The reply's own lines already offer a person, so the disclosure need not offer one again. */
export const offersPerson = (lines: readonly Line[]) =>
  lines.some((line) => "key" in line && line.key === OFFER_PERSON);

/**
 * R8: hybrid markets offer a person in the first reply and after any answer that is not a status answer; cautious
 * markets let the AI give status answers and hand anything more to a person, with the AI's draft attached.
 */
export function applyPosture(
  decision: Decision,
  input: Pick<DecisionInput, "posture" | "firstReply">,
): Decision {
  if (decision.kind !== "reply") return decision;
  const statusOnly = decision.lines.every(isStatusLine);
  if (input.posture === "cautious" && !decision.lines.every((l) => isStatusLine(l) || isSmallTalk(l))) {
    return {
      kind: "escalate",
      reason: "needs_review",
      lines: [{ key: "handoff.needs_review" }],
      memory: decision.memory,
      draft: decision.lines,
    };
  }
  if (input.posture === "hybrid" && (input.firstReply || !statusOnly)) {
    return { ...decision, lines: [...decision.lines, { key: OFFER_PERSON }] };
  }
  return decision;
}

function decideForAnyMarket(input: DecisionInput): Decision {
  // While a person holds the conversation the AI never talks over them.
  if (input.status === "pending_human" || input.status === "human") return { kind: "held" };

  const intent = effectiveIntent(input);
  const remember = (patch: Partial<Memory>): Memory => ({
    ...input.memory,
    language: input.language,
    lastIntent: intent,
    misunderstandings: 0,
    ...patch,
  });
  const escalate = (reason: EscalationReason, lines: Line[], patch: Partial<Memory> = {}): Decision => ({
    kind: "escalate",
    reason,
    lines,
    memory: remember(patch),
  });

  if (input.media) return escalate("media", [handoff("media")]);
  const signals = input.signals ?? [];
  // R2: a person, at once, no "are you sure?".
  if (intent === "human_request" || signals.includes("person"))
    return escalate("human_requested", [handoff("human_requested")]);
  // R6: sensitive matters and frustration go to a person, with empathy, whatever the topic; the order the shopper is
  // upset about stays with the conversation (and goes in the handoff packet).
  if (isSensitive(intent) || signals.some(isSensitiveSignal))
    return escalate("sensitive", [handoff("sensitive")]);
  if (intent === "complaint" || signals.includes("frustration")) {
    const order = input.order.kind === "found" ? { orderName: input.order.order.name } : {};
    return escalate("frustration", [handoff("frustration")], order);
  }
  // The shopper's yes or no to "anything else?": ask what, or say goodbye.
  if (input.answer && input.memory.awaiting === "confirmation")
    return {
      kind: "reply",
      lines: [{ key: input.answer === "yes" ? "ask_more" : "closing" }],
      memory: remember({}),
    };

  if (intent === "unknown") {
    // R5: one clarifying question; a second miss goes to a person.
    if (input.memory.misunderstandings >= 1) return escalate("not_understood", [handoff("not_understood")]);
    return {
      kind: "reply",
      lines: [{ key: "clarify" }],
      memory: remember({ misunderstandings: input.memory.misunderstandings + 1, lastIntent: "unknown" }),
    };
  }
  if (intent === "greeting") {
    const lines = input.shopperName
      ? [{ key: "greeting_named", values: { name: input.shopperName } }]
      : [{ key: "greeting" }];
    return { kind: "reply", lines, memory: remember({}) };
  }
  if (intent === "thanks") return { kind: "reply", lines: [{ key: "thanks" }], memory: remember({}) };
  if (STORE_INTENTS.has(intent)) return escalate("action_required", [{ key: "action.product" }]);

  if (!ORDER_INTENTS.has(intent)) return { kind: "reply", lines: [{ key: "clarify" }], memory: remember({}) };
  if (input.order.kind === "none")
    return { kind: "reply", lines: [{ key: "ask_order" }], memory: remember({}) };
  if (input.order.kind === "not_found") {
    return {
      kind: "reply",
      lines: [{ key: "order_not_found", values: { order: input.order.name } }],
      memory: remember({}),
    };
  }
  if (input.order.kind === "several") {
    const orders = input.order.orders;
    if (intent === "order_status" || intent === "delivery_delay") {
      return { kind: "reply", lines: orders.flatMap(statusLines), memory: remember({}) };
    }
    return {
      kind: "reply",
      lines: [{ key: "which_order", values: { orders: { list: orders.map((o) => o.name) } } }],
      memory: remember({}),
    };
  }
  const order = input.order.order;
  const answer = answerAboutOrder(intent, order);
  const memory = remember({ orderName: order.name });
  return answer.escalate
    ? { kind: "escalate", reason: "action_required", lines: answer.lines, memory }
    : { kind: "reply", lines: answer.lines, memory };
}

/** A bare order number or email after we asked for one answers the question we asked (R4). */
export function effectiveIntent(
  input: Pick<DecisionInput, "intent" | "memory" | "gaveOrderDetails">,
): Intent {
  const previous = input.memory.lastIntent;
  if ((input.intent === "unknown" || input.intent === "greeting") && input.gaveOrderDetails) {
    return previous && ORDER_INTENTS.has(previous) ? previous : "order_status";
  }
  return input.intent;
}

function statusLines(order: OrderSnapshot): Line[] {
  const stage = orderStage(order);
  const refund = refundState(order);
  const o = { order: order.name };
  // A partial refund is news whatever else happened to the order; a full refund has its own sentence.
  const partNote: Line[] = refund === "partial" ? [{ key: "status.partial_refund_note", values: o }] : [];
  const tracking = order.tracking.find((t) => t.number) ?? order.tracking[0];
  switch (stage) {
    case "shipped":
      if (!tracking?.number) return [{ key: "status.shipped_untracked", values: o }, ...partNote];
      return [
        {
          key: "status.shipped",
          values: { ...o, carrier: tracking.company ?? "-", tracking: tracking.number },
        },
        ...partNote,
        ...(tracking.url ? [{ key: "tracking_link", values: { url: tracking.url } }] : []),
      ];
    case "cancelled":
      if (refund === "full")
        return [{ key: "status.cancelled_refunded", values: { ...o, amount: order.total } }];
      return [
        { key: "status.cancelled", values: { ...o, date: { date: order.cancelledAt ?? order.updatedAt } } },
        ...partNote,
      ];
    case "refunded":
      // Refunded but not cancelled: the order stands (it may even have been delivered); only the money went back.
      return [{ key: "status.refunded", values: { ...o, amount: order.total } }];
    case "delivered":
      return [{ key: "status.delivered", values: o }, ...partNote];
    default:
      return [{ key: `status.${stage}`, values: o }];
  }
}

function answerAboutOrder(intent: Intent, order: OrderSnapshot): { lines: Line[]; escalate: boolean } {
  const stage = orderStage(order);
  const closed = stage === "cancelled" || stage === "refunded";
  const notShipped = stage === "preparing" || stage === "awaiting_payment" || stage === "partially_refunded";
  const o = { order: order.name };
  switch (intent) {
    case "delivery_delay":
      if (stage === "shipped") {
        const t = order.tracking.find((x) => x.number);
        if (t?.number)
          return {
            lines: [
              { key: "delay.shipped", values: { ...o, carrier: t.company ?? "-", tracking: t.number } },
            ],
            escalate: false,
          };
      }
      if (notShipped) return { lines: [{ key: "delay.preparing", values: o }], escalate: true };
      return { lines: statusLines(order), escalate: false };
    case "cancel_order":
      if (stage === "cancelled")
        return { lines: [{ key: "action.cancel_closed", values: o }], escalate: false };
      // Refunded without being cancelled: say what did happen rather than call it cancelled.
      if (stage === "refunded") return { lines: statusLines(order), escalate: false };
      if (notShipped) return { lines: [{ key: "action.cancel", values: o }], escalate: true };
      return { lines: [{ key: "action.cancel_shipped", values: o }], escalate: true };
    case "refund_return":
      if (refundState(order) === "full") return { lines: statusLines(order), escalate: false };
      return { lines: [{ key: "action.refund", values: o }], escalate: true };
    case "change_address":
      if (closed) return { lines: statusLines(order), escalate: false };
      return {
        lines: [{ key: notShipped ? "action.address" : "action.address_shipped", values: o }],
        escalate: true,
      };
    case "payment_issue":
      return { lines: [{ key: "action.payment", values: o }], escalate: true };
    default:
      return { lines: statusLines(order), escalate: false };
  }
}
