import { createHmac } from "node:crypto";
import { validateSignature } from "@line/bot-sdk";
import { describe, expect, it } from "vitest";
import { CHANNELS, lateReplyMode, MarketplaceApiError } from "../../functions/channels";
import type { LineConnection } from "../../functions/channels/line/connection";
import { lineMessageBatches, replyTokenFresh } from "../../functions/channels/line/api";
import { mapLinePush, verifyLinePush } from "../../functions/channels/line/push";
import { lineSignature } from "../../functions/channels/line/signing";
import { messengerMessages } from "../../functions/channels/messenger/api";
import type { MessengerConnection } from "../../functions/channels/messenger/connection";
import { mapMessengerPush } from "../../functions/channels/messenger/push";
import { chunkText } from "../../functions/channels/shared/chat";
import { hubSignature, verifyHubSignature, verifyTokenAlias } from "../../functions/channels/shared/meta";
import { whatsappMessages } from "../../functions/channels/whatsapp/api";
import type { WhatsAppConnection } from "../../functions/channels/whatsapp/connection";
import { mapWhatsAppPush } from "../../functions/channels/whatsapp/push";
import type { ShopId } from "../../functions/domain/ids";
import { lineWebhook, messengerWebhook, whatsappWebhook } from "../support/fake-chat-apps";

const base = {
  shopId: "shop.myshopify.com" as ShopId,
  apiBaseUrl: "https://graph.facebook.com",
  authBaseUrl: "https://graph.facebook.com",
  market: "ID" as const,
  accessTokenExpiresAt: "9999-12-31T23:59:59.000Z",
  connectedAt: "2026-01-01T00:00:00.000Z",
};
const wa: WhatsAppConnection = {
  ...base,
  marketplace: "whatsapp",
  marketplaceShopId: "106540352242922",
  appId: "106540352242922",
  vendor: { templateName: "support_followup", templateLanguage: "id" },
};
const page: MessengerConnection = {
  ...base,
  marketplace: "messenger",
  marketplaceShopId: "1234567890123",
  appId: "1234567890123",
  vendor: {},
};
const bot: LineConnection = {
  ...base,
  apiBaseUrl: "https://api.line.me",
  authBaseUrl: "https://api.line.me",
  marketplace: "line",
  marketplaceShopId: `U${"a".repeat(32)}`,
  appId: `U${"a".repeat(32)}`,
  vendor: {},
};
const secrets = { signingKey: "app-secret", accessToken: "token", refreshToken: "" };
const bytes = (s: string) => new TextEncoder().encode(s);
const headers = (h: Record<string, string>) => (name: string) => h[name.toLowerCase()];
const NOW = new Date("2026-03-02T03:00:00.000Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();

describe("signatures", () => {
  it("checks Meta's X-Hub-Signature-256 (sha256= and the hex HMAC of the raw body) and refuses a forged one", () => {
    const body = '{"object":"page","entry":[]}';
    // The documented form, computed independently of our helper.
    const expected = `sha256=${createHmac("sha256", "app-secret").update(body).digest("hex")}`;
    expect(hubSignature("app-secret", body)).toBe(expected);
    expect(verifyHubSignature(secrets, bytes(body), headers({ "x-hub-signature-256": expected }))).toBe(true);
    expect(verifyHubSignature(secrets, bytes(`${body} `), headers({ "x-hub-signature-256": expected }))).toBe(
      false,
    );
    expect(verifyHubSignature(secrets, bytes(body), headers({ "x-hub-signature-256": "sha256=00" }))).toBe(
      false,
    );
    expect(verifyHubSignature(secrets, bytes(body), headers({}))).toBe(false);
  });

  it("computes LINE's X-Line-Signature exactly as LINE's own SDK verifies it, Thai and emoji included", () => {
    for (const body of ['{"destination":"U1","events":[]}', '{"text":"สวัสดีค่ะ 🙏 ありがとう"}']) {
      const signature = lineSignature("channel-secret", body);
      expect(validateSignature(body, "channel-secret", signature)).toBe(true);
      expect(
        verifyLinePush(
          bot,
          { ...secrets, signingKey: "channel-secret" },
          bytes(body),
          headers({ "x-line-signature": signature }),
        ),
      ).toBe(true);
      // The SDK and our check agree on a forged signature too.
      const forged = lineSignature("another-secret", body);
      expect(validateSignature(body, "channel-secret", forged)).toBe(false);
      expect(
        verifyLinePush(
          bot,
          { ...secrets, signingKey: "channel-secret" },
          bytes(body),
          headers({ "x-line-signature": forged }),
        ),
      ).toBe(false);
    }
  });

  it("routes Meta's handshake by a hash of the verify token, never the token itself", () => {
    expect(verifyTokenAlias("my-verify-token")).toMatch(/^verify:[0-9a-f]{64}$/);
    expect(verifyTokenAlias("my-verify-token")).not.toContain("my-verify-token");
  });
});

describe("WhatsApp pushes", () => {
  const push = (message: Record<string, unknown>) =>
    mapWhatsAppPush(JSON.parse(whatsappWebhook(wa.marketplaceShopId, "6281234567890", message)), wa);

  it("reads a text message with the number WhatsApp vouches for, in E.164", () => {
    expect(push({ type: "text", text: { body: "Halo" } })).toEqual([
      expect.objectContaining({
        kind: "buyer_message",
        threadId: "6281234567890",
        buyerId: "6281234567890",
        buyerName: "Siti",
        buyerPhone: "+6281234567890",
        text: "Halo",
        media: null,
      }),
    ]);
  });

  it("reads a reply-button tap as the label tapped, and media as what they are", () => {
    expect(
      push({
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: "yes", title: "Ya" } },
      })[0],
    ).toMatchObject({ text: "Ya", media: null });
    expect(push({ type: "image", image: { id: "1", caption: "rusak" } })[0]).toMatchObject({
      text: "rusak",
      media: "image",
    });
    expect(push({ type: "audio", audio: { id: "2", voice: true } })[0]).toMatchObject({ media: "audio" });
    expect(push({ type: "location", location: { latitude: 1, longitude: 2 } })[0]).toMatchObject({
      media: "location",
    });
    expect(push({ type: "sticker", sticker: { id: "3" } })[0]).toMatchObject({ media: "sticker" });
    expect(push({ type: "reaction", reaction: { emoji: "👍" } })[0]).toMatchObject({ kind: "ignored" });
  });

  it("skips a message for another of the business's numbers", () => {
    const other = JSON.parse(whatsappWebhook("999", "6281234567890", { type: "text", text: { body: "x" } }));
    expect(mapWhatsAppPush(other, wa)[0]).toMatchObject({ kind: "ignored" });
  });
});

describe("Messenger pushes", () => {
  const push = (message: Record<string, unknown>) =>
    mapMessengerPush(JSON.parse(messengerWebhook(page.marketplaceShopId, "7001", message)), page);

  it("reads text, a quick reply's label, a sticker and a picture", () => {
    expect(push({ text: "hello" })[0]).toMatchObject({
      kind: "buyer_message",
      threadId: "7001",
      text: "hello",
      media: null,
    });
    expect(push({ text: "Yes", quick_reply: { payload: "yes" } })[0]).toMatchObject({ text: "Yes" });
    expect(
      push({ sticker_id: 369239263222822, attachments: [{ type: "image", payload: {} }] })[0],
    ).toMatchObject({ media: "sticker" });
    expect(push({ attachments: [{ type: "image", payload: {} }] })[0]).toMatchObject({
      media: "image",
      text: "",
    });
    expect(push({ attachments: [{ type: "audio", payload: {} }] })[0]).toMatchObject({ media: "audio" });
  });

  it("reads the Page's own message (an echo) as the seller's staff writing in that shopper's thread", () => {
    expect(push({ text: "We'll check", is_echo: true })[0]).toMatchObject({
      kind: "staff_message",
      text: "We'll check",
    });
  });
});

describe("LINE pushes", () => {
  it("reads a user's message with its reply token, and skips groups and other bots", () => {
    const user = `U${"1".repeat(32)}`;
    const one = mapLinePush(
      JSON.parse(lineWebhook(bot.marketplaceShopId, user, { type: "text", text: "hi" }, "rt-1")),
      bot,
    );
    expect(one[0]).toMatchObject({
      kind: "buyer_message",
      threadId: user,
      text: "hi",
      replyToken: "rt-1",
      media: null,
    });
    const sticker = mapLinePush(
      JSON.parse(
        lineWebhook(bot.marketplaceShopId, user, { type: "sticker", packageId: "1", stickerId: "2" }),
      ),
      bot,
    );
    expect(sticker[0]).toMatchObject({ media: "sticker" });
    const group = JSON.parse(lineWebhook(bot.marketplaceShopId, user, { type: "text", text: "hi" }));
    group.events[0].source = { type: "group", groupId: "C1", userId: user };
    expect(mapLinePush(group, bot)[0]).toMatchObject({ kind: "ignored" });
    expect(
      mapLinePush(JSON.parse(lineWebhook(`U${"f".repeat(32)}`, user, { type: "text", text: "x" })), bot)[0],
    ).toMatchObject({ kind: "ignored" });
  });
});

describe("the chat apps' window rules", () => {
  const reply = (origin: "ai" | "agent", hours: number) => ({
    threadId: "t",
    buyerId: "6281234567890",
    text: "Pesanan Anda sudah dikirim.",
    origin,
    lastShopperMessageAt: hoursAgo(hours),
  });

  it("WhatsApp: free text within 24 hours; after, a person's reply becomes the template and the AI's is refused", () => {
    expect(whatsappMessages(wa, reply("agent", 23), NOW)[0]).toMatchObject({ type: "text" });
    expect(whatsappMessages(wa, reply("agent", 25), NOW)[0]).toMatchObject({
      type: "template",
      template: { name: "support_followup", language: { code: "id" } },
    });
    expect(() => whatsappMessages(wa, reply("ai", 25), NOW)).toThrow(MarketplaceApiError);
    const noTemplate = { ...wa, vendor: {} };
    expect(() => whatsappMessages(noTemplate, reply("agent", 25), NOW)).toThrowError(/template/);
    try {
      whatsappMessages(noTemplate, reply("agent", 25), NOW);
    } catch (error) {
      expect((error as MarketplaceApiError).retryable).toBe(false);
    }
  });

  it("Messenger: RESPONSE within 24 hours, HUMAN_AGENT for a person up to 7 days, nothing after", () => {
    expect(messengerMessages(reply("ai", 1), NOW)[0]).toMatchObject({ messaging_type: "RESPONSE" });
    expect(messengerMessages(reply("agent", 48), NOW)[0]).toMatchObject({
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    });
    expect(() => messengerMessages(reply("agent", 8 * 24), NOW)).toThrow(MarketplaceApiError);
    expect(() => messengerMessages(reply("ai", 25), NOW)).toThrow(MarketplaceApiError);
  });

  it("LINE: the reply token only while fresh (under a minute), else the push API", () => {
    expect(
      replyTokenFresh({ token: "t", receivedAt: new Date(Date.now() - 5_000).toISOString() }, new Date()),
    ).toBe(true);
    expect(
      replyTokenFresh({ token: "t", receivedAt: new Date(Date.now() - 120_000).toISOString() }, new Date()),
    ).toBe(false);
    expect(replyTokenFresh(undefined, new Date())).toBe(false);
  });

  it("tells the inbox how a person's late reply will go out on each channel", () => {
    expect(lateReplyMode("whatsapp", hoursAgo(2), NOW)).toBeNull();
    expect(lateReplyMode("whatsapp", hoursAgo(30), NOW)).toBe("template");
    expect(lateReplyMode("messenger", hoursAgo(30), NOW)).toBe("human_agent_tag");
    expect(lateReplyMode("messenger", hoursAgo(8 * 24), NOW)).toBe("closed");
    expect(lateReplyMode("line", hoursAgo(30 * 24), NOW)).toBeNull();
    expect(lateReplyMode("shopee", hoursAgo(30), NOW)).toBeNull();
    expect(lateReplyMode("api", hoursAgo(30), NOW)).toBeNull();
  });
});

describe("message length limits", () => {
  it("splits a text longer than the channel takes, preferring a break, losing nothing", () => {
    const text = `${"kata ".repeat(1000)}akhir`;
    const pieces = chunkText(text, CHANNELS.whatsapp.rules.maxChars ?? 0);
    expect(pieces.length).toBe(2);
    for (const p of pieces) expect([...p].length).toBeLessThanOrEqual(4096);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });

  it("LINE: at most five messages per call, quick replies on the last one only", () => {
    const long = "ก".repeat(5000 * 6 + 10);
    const batches = lineMessageBatches({
      threadId: "t",
      buyerId: "U1",
      text: long,
      choices: [
        { id: "yes", title: "ใช่" },
        { id: "no", title: "ไม่ใช่" },
      ],
    });
    expect(batches.map((b) => b.length)).toEqual([5, 2]);
    const last = batches[1]?.[1] as { quickReply?: { items: unknown[] } };
    expect(last.quickReply?.items).toEqual([
      { type: "action", action: { type: "message", label: "ใช่", text: "ใช่" } },
      { type: "action", action: { type: "message", label: "ไม่ใช่", text: "ไม่ใช่" } },
    ]);
    expect((batches[0]?.[0] as { quickReply?: unknown } | undefined)?.quickReply).toBeUndefined();
  });
});
