/** Branded identifiers: a ShopId can never be passed where a ConversationId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ShopId = Brand<string, "ShopId">;
export type ConversationId = Brand<string, "ConversationId">;
export type EscalationId = Brand<string, "EscalationId">;
export type AgentId = Brand<string, "AgentId">;

export const ShopId = (value: string) => value as ShopId;
export const ConversationId = (value: string) => value as ConversationId;
export const EscalationId = (value: string) => value as EscalationId;
export const AgentId = (value: string) => value as AgentId;
