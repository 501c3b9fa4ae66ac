/** WhatsApp Cloud API's rules as data (docs/protocols.md#meta), shared by the entry and the send. */
import type { ChannelRules } from "../channel";

export const whatsappRules = {
  // Meta's text message limit.
  maxChars: 4096,
  // No vendor deadline: a person should answer within the customer-service window.
  replyDeadlineMinutes: 24 * 60,
  // An approved template can reach the shopper at any time, so no reply is ever held back for the window.
  replyWindowHours: null,
  maxConsecutiveReplies: null,
  // WhatsApp has no seller response rate.
  automatedRepliesCountTowardsResponseRate: false,
  // A rating prompt could fall outside the 24-hour window, where only templates go: not asked here.
  ratings: false,
  unsupportedMedia: [],
  burstQuietSeconds: 3,
  // Free-form messages only within 24 hours of the shopper's last message; after that only approved templates.
  freeFormWindow: { hours: 24, beyond: "template" },
  // Cloud API throughput per business phone number (default tier).
  sendsPerSecond: 80,
} as const satisfies ChannelRules;
