/** Messenger Platform's rules as data (docs/protocols.md#meta), shared by the entry and the send. */
import type { ChannelRules } from "../channel";

export const messengerRules = {
  // The Send API's text limit.
  maxChars: 2000,
  // A person should answer within the standard window.
  replyDeadlineMinutes: 24 * 60,
  // With the human-agent tag a person may answer up to 7 days after the shopper's last message; never later.
  replyWindowHours: 7 * 24,
  maxConsecutiveReplies: null,
  // Messenger keeps no seller response rate the catalogue tracks.
  automatedRepliesCountTowardsResponseRate: false,
  // A rating prompt could fall outside the 24-hour standard window: not asked here.
  ratings: false,
  unsupportedMedia: [],
  burstQuietSeconds: 3,
  // Standard messaging within 24 hours; a person's reply after that carries the HUMAN_AGENT tag.
  freeFormWindow: { hours: 24, beyond: "human_agent_tag" },
} as const satisfies ChannelRules;
