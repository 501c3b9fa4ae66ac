/**
 * WhatsApp Cloud API calls (docs/protocols.md#meta): messages (text, reply buttons, templates) and the phone
 * number's own record (ownership). A person's reply after the 24-hour customer-service window goes out as the
 * seller's approved template, whose one body variable carries it; without a template it is refused for good.
 */
import { z } from "zod";
import type { ConnectionSecrets, OutgoingReply } from "../../domain/marketplace";
import { MarketplaceApiError } from "../shared/http";
import { chunkText, windowClosed } from "../shared/chat";
import { GRAPH_VERSION, graphCall, NON_EXPIRING } from "../shared/meta";
import type { WhatsAppConnection } from "./connection";
import { whatsappRules } from "./rules";

const SendAnswer = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) });
const NumberAnswer = z.object({ id: z.string() }).passthrough();

/** Reply buttons: at most 3, titles of at most 20 characters; the body of an interactive message 1,024. */
const MAX_BUTTONS = 3;
const MAX_BUTTON_TITLE = 20;
const MAX_INTERACTIVE_BODY = 1024;
/** A template variable may hold no newline or tab and at most four spaces in a row. */
const templateVariable = (text: string) =>
  text
    .replace(/\s*[\r\n\t]+\s*/g, " ")
    .replace(/ {5,}/g, "    ")
    .slice(0, MAX_INTERACTIVE_BODY);

/** The request bodies for one reply, in order (a long text becomes several messages). */
export function whatsappMessages(
  connection: WhatsAppConnection,
  reply: OutgoingReply,
  now: Date,
): Record<string, unknown>[] {
  const to = reply.buyerId;
  const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to };
  if (windowClosed(reply.lastShopperMessageAt, whatsappRules.freeFormWindow.hours, now)) {
    const { templateName, templateLanguage } = connection.vendor;
    if (reply.origin !== "agent" || !templateName || !templateLanguage)
      throw new MarketplaceApiError(
        "whatsapp: outside the 24-hour window and no approved template to send instead",
        false,
      );
    return [
      {
        ...envelope,
        type: "template",
        template: {
          name: templateName,
          language: { code: templateLanguage },
          components: [{ type: "body", parameters: [{ type: "text", text: templateVariable(reply.text) }] }],
        },
      },
    ];
  }
  const chunks = chunkText(reply.text, whatsappRules.maxChars);
  const choices = reply.choices?.slice(0, MAX_BUTTONS) ?? [];
  const last = chunks.at(-1) ?? "";
  const buttons =
    choices.length > 0 && last.length <= MAX_INTERACTIVE_BODY
      ? {
          ...envelope,
          type: "interactive",
          interactive: {
            type: "button",
            body: { text: last },
            action: {
              buttons: choices.map((c) => ({
                type: "reply",
                reply: { id: c.id, title: c.title.slice(0, MAX_BUTTON_TITLE) },
              })),
            },
          },
        }
      : null;
  const texts = (buttons ? chunks.slice(0, -1) : chunks).map((body) => ({
    ...envelope,
    type: "text",
    text: { preview_url: false, body },
  }));
  return buttons ? [...texts, buttons] : texts;
}

export const whatsappApi = {
  /** Sends the reply from the business number: text, reply buttons, or the template past the window. */
  async send(connection: WhatsAppConnection, secrets: ConnectionSecrets, reply: OutgoingReply) {
    const url = `${connection.apiBaseUrl}/${GRAPH_VERSION}/${encodeURIComponent(connection.marketplaceShopId)}/messages`;
    let messageId = "";
    for (const body of whatsappMessages(connection, reply, new Date())) {
      const answer = SendAnswer.parse(await graphCall(url, secrets.accessToken, body));
      messageId = answer.messages[0]?.id ?? messageId;
    }
    return { messageId };
  },
  /** The number these credentials act for: Graph answers its record only to a token of its business account. */
  async authorizedShops(connection: WhatsAppConnection, secrets: ConnectionSecrets) {
    const answer = NumberAnswer.parse(
      await graphCall(
        `${connection.apiBaseUrl}/${GRAPH_VERSION}/${encodeURIComponent(connection.marketplaceShopId)}?fields=id,display_phone_number,verified_name`,
        secrets.accessToken,
      ),
    );
    return [{ marketplaceShopId: answer.id }];
  },
  /** System-user tokens do not expire: nothing to refresh. */
  async refresh(_connection: WhatsAppConnection, secrets: ConnectionSecrets) {
    return { accessToken: secrets.accessToken, refreshToken: secrets.refreshToken, expiresAt: NON_EXPIRING };
  },
  /** WhatsApp holds no orders. */
  async orders() {
    return [];
  },
};
