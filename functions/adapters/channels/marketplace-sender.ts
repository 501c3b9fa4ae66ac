/** A person's reply to a marketplace conversation goes out through the same outbound queue as the AI's. */
import type { Marketplace } from "../../domain/marketplace";
import type { MarketplaceQueues } from "../../domain/marketplace-queues";
import type { ChannelSender } from "../../domain/ports";

export function createMarketplaceSender(marketplace: Marketplace, queues: MarketplaceQueues): ChannelSender {
  return {
    async deliver(conversation, message) {
      await queues.outbound({
        shopId: conversation.shopId,
        marketplace,
        conversationId: conversation.id,
        threadId: conversation.threadId,
        buyerId: conversation.shopper.id,
        text: message.text,
        origin: { kind: "agent", messageId: message.id },
        // The last turn is the shopper's last message: chat apps' customer-service windows start there.
        lastShopperMessageAt: conversation.lastTurn?.receivedAt ?? null,
      });
    },
  };
}
