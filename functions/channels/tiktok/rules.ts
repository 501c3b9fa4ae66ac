/** TikTok Shop chat's rules as data (docs/protocols.md#tiktok), read by the channel's entry and the rules catalogue. */
import type { ChannelRules } from "../channel";

// Zaapi's help centre (third-party): 1,000 characters per message, no video.
export const tiktokRules = {
  maxChars: 1000,
  replyDeadlineMinutes: 12 * 60,
  replyWindowHours: null,
  maxConsecutiveReplies: null,
  // Automated replies are left out of the chat response rate (Zaapi's help centre, third-party).
  automatedRepliesCountTowardsResponseRate: false,
  // The marketplace runs its own chat rating; a seller's own survey in its chat is off until its rules say otherwise.
  ratings: false,
  unsupportedMedia: ["video"],
} as const satisfies ChannelRules;
