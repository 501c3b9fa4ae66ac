/** Shopee chat's rules as data (docs/protocols.md#shopee), read by the channel's entry and the rules catalogue. */
import type { ChannelRules } from "../channel";

// Zaapi's help centre (third-party): 600 characters, 7 days after the buyer's last message, 5 in a row.
export const shopeeRules = {
  maxChars: 600,
  replyDeadlineMinutes: 12 * 60,
  replyWindowHours: 7 * 24,
  maxConsecutiveReplies: 5,
  // Automated replies are left out of the chat response rate (Zaapi's help centre, third-party).
  automatedRepliesCountTowardsResponseRate: false,
  // The marketplace runs its own chat rating; a seller's own survey in its chat is off until its rules say otherwise.
  ratings: false,
  unsupportedMedia: [],
} as const satisfies ChannelRules;
