/** Our ids derived from the channel's: the same thread or message always maps to the same id, so retries converge. */
import { createHash } from "node:crypto";
import { ConversationId, EscalationId, type ShopId } from "./ids";

const digest = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 22);

export const conversationIdFor = (shopId: ShopId, channel: string, threadId: string) =>
  ConversationId(`c_${digest(shopId, channel, threadId)}`);

export const escalationIdFor = (conversationId: ConversationId, messageId: string) =>
  EscalationId(`e_${digest(conversationId, messageId)}`);
