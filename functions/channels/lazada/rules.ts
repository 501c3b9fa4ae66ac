/** Lazada chat's rules as data (docs/protocols.md#lazada), read by the channel's entry and the rules catalogue. */
import type { ChannelRules } from "../channel";

// No published message length, window or cap is known for Lazada chat; only the response-rate deadline.
export const lazadaRules = {
  maxChars: null,
  replyDeadlineMinutes: 12 * 60,
  replyWindowHours: null,
  maxConsecutiveReplies: null,
  // Automated replies are left out of the chat response rate (Zaapi's help centre, third-party).
  automatedRepliesCountTowardsResponseRate: false,
  // The marketplace runs its own chat rating; a seller's own survey in its chat is off until its rules say otherwise.
  ratings: false,
  unsupportedMedia: [],
} as const satisfies ChannelRules;
