/** A channel that records the people's replies it was asked to deliver to shoppers. */
import type { Conversation, Message } from "../conversation";
import type { ChannelSender } from "../ports";
import { copy } from "./page";

export interface RecordingChannelSender extends ChannelSender {
  readonly delivered: readonly { readonly conversation: Conversation; readonly message: Message }[];
  /** Makes every delivery fail with `error` until called again with null (the channel is down). */
  failWith(error: Error | null): void;
}

/** A ChannelSender that keeps every delivered message in memory. */
export function createRecordingChannelSender(): RecordingChannelSender {
  const delivered: { conversation: Conversation; message: Message }[] = [];
  let failure: Error | null = null;
  return {
    delivered,
    async deliver(conversation, message) {
      if (failure) throw failure;
      delivered.push({ conversation: copy(conversation), message: copy(message) });
    },
    failWith(error) {
      failure = error;
    },
  };
}
