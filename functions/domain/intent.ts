/** What a shopper's message asks for; "unknown" when the engine is not confident. */
export const INTENTS = [
  "order_status",
  "delivery_delay",
  "cancel_order",
  "refund_return",
  "change_address",
  "payment_issue",
  "product_question",
  "shipping_info",
  "payment_methods",
  "return_policy",
  "store_info",
  "greeting",
  "thanks",
  "human_request",
  "complaint",
  "sensitive_health_safety",
  "sensitive_legal",
  "sensitive_fraud",
  "sensitive_privacy",
] as const;
export type KnownIntent = (typeof INTENTS)[number];
export type Intent = KnownIntent | "unknown";

export const isSensitive = (intent: Intent) => intent.startsWith("sensitive_");

/**
 * Questions about the shop rather than an order: product details, shipping, payment methods, return policy, the
 * shop itself. Until store knowledge exists a person answers them.
 */
export const STORE_INTENTS: ReadonlySet<Intent> = new Set([
  "product_question",
  "shipping_info",
  "payment_methods",
  "return_policy",
  "store_info",
]);

/** Intents whose answer depends on the shopper's order. */
export const ORDER_INTENTS: ReadonlySet<Intent> = new Set([
  "order_status",
  "delivery_delay",
  "cancel_order",
  "refund_return",
  "change_address",
  "payment_issue",
]);
