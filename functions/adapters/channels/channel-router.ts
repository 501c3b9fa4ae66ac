/**
 * Routes a person's reply to the conversation's channel. Channels that call our API directly ("api", "web", …)
 * read replies from GET /v1/conversations/{id}: for them the stored message is the delivery.
 */
import type { ChannelSender } from "../../domain/ports";

export function createChannelRouter(senders: Readonly<Record<string, ChannelSender>> = {}): ChannelSender {
  return {
    async deliver(conversation, message) {
      await senders[conversation.channel]?.deliver(conversation, message);
    },
  };
}
