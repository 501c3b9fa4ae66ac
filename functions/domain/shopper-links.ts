/** R4: the shopper's other conversations in the same shop, found by the identity keys they verifiably share. */
import type { Agent } from "./agent-actions";
import type { Conversation } from "./conversation";
import { MARKETS } from "./markets";
import { shopperKeys } from "./order-resolution";
import type { ConversationStore, ShopperConversation } from "./ports";

/** Another conversation of the shopper, and whether the agent may open it (their region; the shop is the same). */
export interface LinkedConversation extends ShopperConversation {
  readonly visible: boolean;
}

/** The shopper's other conversations in this conversation's shop, newest first; none where identities are not kept. */
export async function otherConversationsOf(
  conversations: ConversationStore,
  agent: Pick<Agent, "regions">,
  conversation: Conversation,
): Promise<LinkedConversation[]> {
  if (!conversations.shopperConversations) return [];
  const keys = shopperKeys(conversation.channel, conversation.shopper, conversation.market);
  const found = await conversations.shopperConversations(conversation.shopId, keys, conversation.id);
  return found.map((c) => ({ ...c, visible: agent.regions.includes(MARKETS[c.market]?.region) }));
}
