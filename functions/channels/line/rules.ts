/** LINE Messaging API's rules as data (docs/protocols.md#line), shared by the entry and the send. */
import type { ChannelRules } from "../channel";

export const lineRules = {
  // 5,000 characters per text message object.
  maxChars: 5000,
  // No vendor deadline; a day, like the Meta channels' windows.
  replyDeadlineMinutes: 24 * 60,
  // The push API reaches a friend at any time.
  replyWindowHours: null,
  maxConsecutiveReplies: null,
  automatedRepliesCountTowardsResponseRate: false,
  // No window to fall outside of: the seller may ask for a rating.
  ratings: true,
  unsupportedMedia: [],
  burstQuietSeconds: 3,
  // The reply and push endpoints take 2,000 requests per second per channel.
  sendsPerSecond: 2000,
} as const satisfies ChannelRules;

/** A reply token is single-use and valid only briefly after the webhook (LINE gives no exact figure; about a minute). */
export const REPLY_TOKEN_FRESH_MS = 50_000;
/** At most five message objects per reply or push call. */
export const MAX_MESSAGES_PER_CALL = 5;
