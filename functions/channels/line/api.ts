/**
 * LINE Messaging API calls (docs/protocols.md#line): a reply with the message's reply token while it is fresh (free,
 * single use), otherwise — or when LINE refuses the token — a push to the user; and the bot's own record (ownership).
 */
import { z } from "zod";
import type { ConnectionSecrets, OutgoingReply } from "../../domain/marketplace";
import { chunkText } from "../shared/chat";
import { exchangeJson, MarketplaceApiError } from "../shared/http";
import { NON_EXPIRING } from "../shared/meta";
import type { LineConnection } from "./connection";
import { lineRules, MAX_MESSAGES_PER_CALL, REPLY_TOKEN_FRESH_MS } from "./rules";

const SendAnswer = z
  .object({ sentMessages: z.array(z.object({ id: z.string() }).passthrough()).optional() })
  .passthrough();
const BotInfo = z.object({ userId: z.string() }).passthrough();

/** Quick reply: at most 13 buttons, labels of at most 20 characters; a tap sends the label as the user's text. */
const MAX_QUICK_REPLIES = 13;
const MAX_LABEL = 20;

/** The message objects of one reply, in calls of at most five (quick replies on the very last). */
export function lineMessageBatches(reply: OutgoingReply): Record<string, unknown>[][] {
  const chunks = chunkText(reply.text, lineRules.maxChars);
  const choices = reply.choices?.slice(0, MAX_QUICK_REPLIES) ?? [];
  const messages = chunks.map((text, i) => ({
    type: "text",
    text,
    ...(i === chunks.length - 1 && choices.length > 0
      ? {
          quickReply: {
            items: choices.map((c) => {
              const label = c.title.slice(0, MAX_LABEL);
              return { type: "action", action: { type: "message", label, text: label } };
            }),
          },
        }
      : {}),
  }));
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_CALL)
    batches.push(messages.slice(i, i + MAX_MESSAGES_PER_CALL));
  return batches;
}

/** True while a reply token may still be used (it was received less than about a minute ago). */
export const replyTokenFresh = (replyToken: OutgoingReply["replyToken"], now: Date) =>
  !!replyToken && now.getTime() - Date.parse(replyToken.receivedAt) < REPLY_TOKEN_FRESH_MS;

/** A 429 or 5xx is worth retrying; any other refusal is not. */
const refused = (what: string, status: number) =>
  new MarketplaceApiError(`line ${what}: HTTP ${status}`, status === 429 || status >= 500);

export const lineApi = {
  /** Replies with the reply token when fresh (first call only: a token is single-use), pushes otherwise. */
  async send(connection: LineConnection, secrets: ConnectionSecrets, reply: OutgoingReply) {
    const headers = {
      authorization: `Bearer ${secrets.accessToken}`,
      "content-type": "application/json",
    };
    let token = replyTokenFresh(reply.replyToken, new Date()) ? reply.replyToken?.token : undefined;
    let messageId = "";
    for (const messages of lineMessageBatches(reply)) {
      if (token) {
        const answer = await exchangeJson(`${connection.apiBaseUrl}/v2/bot/message/reply`, {
          method: "POST",
          headers,
          body: JSON.stringify({ replyToken: token, messages }),
        });
        token = undefined;
        if (answer.ok) {
          messageId = SendAnswer.parse(answer.body).sentMessages?.at(-1)?.id ?? messageId;
          continue;
        }
        // An expired or used token is refused with 400: the same messages go out as a push instead.
        if (answer.status !== 400) throw refused("reply", answer.status);
      }
      const answer = await exchangeJson(`${connection.apiBaseUrl}/v2/bot/message/push`, {
        method: "POST",
        headers,
        body: JSON.stringify({ to: reply.buyerId, messages }),
      });
      if (!answer.ok) throw refused("push", answer.status);
      messageId = SendAnswer.parse(answer.body).sentMessages?.at(-1)?.id ?? messageId;
    }
    return { messageId: messageId || `line-${Date.now()}` };
  },
  /** The bot these credentials act for: GET /v2/bot/info answers the token's own bot. */
  async authorizedShops(connection: LineConnection, secrets: ConnectionSecrets) {
    const answer = await exchangeJson(`${connection.apiBaseUrl}/v2/bot/info`, {
      headers: { authorization: `Bearer ${secrets.accessToken}` },
    });
    if (!answer.ok) throw refused("bot info", answer.status);
    return [{ marketplaceShopId: BotInfo.parse(answer.body).userId }];
  },
  /** A long-lived channel access token does not expire: nothing to refresh. */
  async refresh(_connection: LineConnection, secrets: ConnectionSecrets) {
    return { accessToken: secrets.accessToken, refreshToken: secrets.refreshToken, expiresAt: NON_EXPIRING };
  },
  /** LINE holds no orders. */
  async orders() {
    return [];
  },
};
