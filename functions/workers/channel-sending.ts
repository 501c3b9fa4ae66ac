/**
 * A reply sent the way its marketplace allows (the channel's rules in functions/channels/<name>/index.ts): split into
 * parts no longer than the channel takes, sent in order, each part recorded once so a retry resumes after the last
 * part that went out; held back past the reply window or the cap on messages in a row, the conversation then going
 * to a person with the reason (the escalation consumer tells the seller).
 */
import { CHANNELS } from "../channels";
import {
  type ChannelActivity,
  type ChannelActivityStore,
  holdBackPacket,
  holdBackReason,
} from "../domain/channel-rules";
import { ConversationId } from "../domain/ids";
import type { OutboundJob } from "../domain/marketplace-queues";
import type {
  Clock,
  ConversationStore,
  EscalationQueue,
  LocaleText,
  Logger,
  ShopStore,
} from "../domain/ports";
import { splitReply } from "../domain/split-reply";

export interface ChannelRuleDeps {
  /** The per-conversation record the rules are checked against; without it replies are split but not checked. */
  readonly channelActivity?: ChannelActivityStore | undefined;
  readonly conversations?: Pick<ConversationStore, "getConversation" | "escalate"> | undefined;
  readonly escalations?: EscalationQueue | undefined;
  readonly translator?: LocaleText | undefined;
  readonly shops?: Pick<ShopStore, "get"> | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The id a reply is known by while its parts go out: the message it answers, or the person's message. */
export const replyKeyOf = (job: OutboundJob) =>
  job.origin.kind === "ai" ? `ai:${job.origin.replyTo}` : `agent:${job.origin.messageId}`;

const NOTHING_SENT: ChannelActivity = { buyerLastAt: null, sellerStreak: 0, partsSent: 0 };

/**
 * Sends `job` through `send` part by part, or holds it back; returns the last message id sent, or null when the
 * reply was held back.
 */
export async function sendWithinRules(
  deps: ChannelRuleDeps,
  job: OutboundJob,
  send: (text: string) => Promise<{ messageId: string }>,
): Promise<string | null> {
  const rules = CHANNELS[job.marketplace].rules;
  const parts = splitReply(job.text, rules.maxChars, job.language);
  const key = replyKeyOf(job);
  const conversationId = ConversationId(job.conversationId);
  const activity = deps.channelActivity
    ? await deps.channelActivity.read(job.shopId, conversationId, key)
    : NOTHING_SENT;
  const now = deps.clock.now();
  const reason = holdBackReason(rules, activity, parts.length, now);
  if (reason) {
    await holdBack(deps, job, reason, key, now);
    return null;
  }
  let last: string | null = null;
  for (let index = activity.partsSent; index < parts.length; index++) {
    const sent = await send(parts[index] as string);
    last = sent.messageId;
    await deps.channelActivity?.partSent(job.shopId, conversationId, key, index);
  }
  await deps.channelActivity?.recordReply(job.shopId, key, {
    marketplace: job.marketplace,
    author: job.origin.kind === "ai" ? "ai" : "human",
    at: now.toISOString(),
  });
  return last ?? "already_sent";
}

/** Nothing is sent: the conversation goes to a person with the reason, the reply attached as their draft. */
async function holdBack(
  deps: ChannelRuleDeps,
  job: OutboundJob,
  reason: NonNullable<ReturnType<typeof holdBackReason>>,
  key: string,
  now: Date,
) {
  const conversationId = ConversationId(job.conversationId);
  const [stored, shop] = await Promise.all([
    deps.conversations?.getConversation(job.shopId, conversationId),
    deps.shops?.get(job.shopId),
  ]);
  const packet =
    stored && deps.translator
      ? holdBackPacket(deps.translator, {
          conversation: stored.conversation,
          reason,
          replyKey: key,
          text: job.text,
          marketOverrides: shop?.marketOverrides,
          replyDeadlineMinutes: CHANNELS[job.marketplace].rules.replyDeadlineMinutes,
          now,
        })
      : null;
  if (packet && deps.escalations && deps.conversations) {
    // Queued first, like every escalation: the consumer records it once and tells the seller.
    await deps.escalations.send(packet);
    await deps.conversations.escalate(job.shopId, conversationId, packet.escalationId);
  }
  deps.logger.warn("marketplace reply held back by the channel's rules", {
    marketplace: job.marketplace,
    conversationId: job.conversationId,
    origin: job.origin.kind,
    code: reason,
    escalated: packet !== null,
  });
}
