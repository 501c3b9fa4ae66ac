/**
 * Messenger Send API calls (docs/protocols.md#meta): `POST /{version}/me/messages` with the Page token, and the
 * Page's own record (ownership). Within 24 hours of the shopper's last message a reply is a RESPONSE; a person's
 * later reply, up to 7 days, carries the HUMAN_AGENT tag; anything else is refused for good.
 */
import { z } from "zod";
import type { ConnectionSecrets, OutgoingReply } from "../../domain/marketplace";
import { chunkText, windowClosed } from "../shared/chat";
import { MarketplaceApiError } from "../shared/http";
import { GRAPH_VERSION, graphCall, NON_EXPIRING } from "../shared/meta";
import type { MessengerConnection } from "./connection";
import { messengerRules } from "./rules";

const SendAnswer = z.object({ message_id: z.string() }).passthrough();
const PageAnswer = z.object({ id: z.string() }).passthrough();

/** Quick replies: at most 13, titles of at most 20 characters. */
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;

/** The request bodies for one reply, in order (a long text becomes several messages). */
export function messengerMessages(reply: OutgoingReply, now: Date): Record<string, unknown>[] {
  const late = windowClosed(reply.lastShopperMessageAt, messengerRules.freeFormWindow.hours, now);
  if (
    late &&
    (reply.origin !== "agent" ||
      windowClosed(reply.lastShopperMessageAt, messengerRules.replyWindowHours, now))
  )
    throw new MarketplaceApiError("messenger: outside the messaging window", false);
  const kind = late ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" } : { messaging_type: "RESPONSE" };
  const chunks = chunkText(reply.text, messengerRules.maxChars);
  const choices = reply.choices?.slice(0, MAX_QUICK_REPLIES) ?? [];
  return chunks.map((text, i) => ({
    recipient: { id: reply.buyerId },
    ...kind,
    message: {
      text,
      ...(i === chunks.length - 1 && choices.length > 0
        ? {
            quick_replies: choices.map((c) => ({
              content_type: "text",
              title: c.title.slice(0, MAX_TITLE),
              payload: c.id,
            })),
          }
        : {}),
    },
  }));
}

export const messengerApi = {
  /** Sends the reply from the Page. */
  async send(connection: MessengerConnection, secrets: ConnectionSecrets, reply: OutgoingReply) {
    const url = `${connection.apiBaseUrl}/${GRAPH_VERSION}/me/messages`;
    let messageId = "";
    for (const body of messengerMessages(reply, new Date()))
      messageId = SendAnswer.parse(await graphCall(url, secrets.accessToken, body)).message_id;
    return { messageId };
  },
  /** The Page this token acts for: `/me` answers with the token's own Page. */
  async authorizedShops(connection: MessengerConnection, secrets: ConnectionSecrets) {
    const answer = PageAnswer.parse(
      await graphCall(`${connection.apiBaseUrl}/${GRAPH_VERSION}/me?fields=id,name`, secrets.accessToken),
    );
    return [{ marketplaceShopId: answer.id }];
  },
  /** Long-lived Page tokens do not expire: nothing to refresh. */
  async refresh(_connection: MessengerConnection, secrets: ConnectionSecrets) {
    return { accessToken: secrets.accessToken, refreshToken: secrets.refreshToken, expiresAt: NON_EXPIRING };
  },
  /** Messenger holds no orders. */
  async orders() {
    return [];
  },
};
