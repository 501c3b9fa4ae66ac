import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { storedConnection } from "../../functions/adapters/dynamodb/connection-store";
import {
  CHANNEL_NAMES,
  CHANNELS,
  type ChannelConnection,
  MarketplaceApiError,
  ratingsAllowed,
  replyDeadlineMinutes,
} from "../../functions/channels";
import { CHANNEL_RULES } from "../../functions/channels/rules";
import { mapShopeePush } from "../../functions/channels/shopee/push";
import { type Conversation, INITIAL_MEMORY } from "../../functions/domain/conversation";
import { buildHandoffPacket } from "../../functions/domain/handoff";
import type { ConversationId, EscalationId, ShopId } from "../../functions/domain/ids";
import { MARKETPLACES, type MarketplaceConnection } from "../../functions/domain/marketplace";
import { MARKETS } from "../../functions/domain/markets";

const base = {
  shopId: "shop.myshopify.com" as ShopId,
  appId: "app",
  apiBaseUrl: "https://open-api.tiktokglobalshop.com",
  authBaseUrl: "https://auth.tiktok-shops.com",
  market: "MY" as const,
  accessTokenExpiresAt: "2026-01-01T00:00:00.000Z",
  connectedAt: "2026-01-01T00:00:00.000Z",
};
const tiktok: ChannelConnection<"tiktok"> = {
  ...base,
  marketplace: "tiktok",
  marketplaceShopId: "7001",
  vendor: { shopCipher: "ROW_cipher" },
};
const secrets = { signingKey: "k", accessToken: "a", refreshToken: "r" };

describe("the channel catalogue", () => {
  it("holds exactly the domain's channel names, each under its own name with its webhook at /webhooks/<name>", () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...MARKETPLACES].sort());
    for (const name of CHANNEL_NAMES) {
      expect(CHANNELS[name].name).toBe(name);
      expect(CHANNELS[name].webhookPath).toBe(`/webhooks/${name}`);
      expect(CHANNELS[name].adapter.marketplace).toBe(name);
    }
  });

  it("carries each marketplace's message length and reply rules as data", () => {
    expect(CHANNELS.shopee.rules).toMatchObject({
      maxChars: 600,
      replyWindowHours: 7 * 24,
      maxConsecutiveReplies: 5,
    });
    expect(CHANNELS.tiktok.rules).toMatchObject({ maxChars: 1000, unsupportedMedia: ["video"] });
    for (const name of ["shopee", "lazada", "tiktok"] as const)
      expect(CHANNELS[name].rules.replyDeadlineMinutes).toBe(12 * 60);
  });

  it("carries the chat apps' limits, windows and quiet periods as data", () => {
    expect(CHANNELS.whatsapp.rules).toMatchObject({
      maxChars: 4096,
      replyWindowHours: null,
      freeFormWindow: { hours: 24, beyond: "template" },
      sendsPerSecond: 80,
    });
    expect(CHANNELS.messenger.rules).toMatchObject({
      maxChars: 2000,
      replyWindowHours: 7 * 24,
      freeFormWindow: { hours: 24, beyond: "human_agent_tag" },
    });
    expect(CHANNELS.line.rules).toMatchObject({ maxChars: 5000, replyWindowHours: null });
    for (const name of ["whatsapp", "messenger", "line"] as const)
      expect(CHANNELS[name].rules.burstQuietSeconds).toBeGreaterThan(0);
    // Marketplaces answer each message at once.
    for (const name of ["shopee", "lazada", "tiktok"] as const)
      expect(CHANNELS[name].rules.burstQuietSeconds).toBeUndefined();
  });

  it("hands each channel the rules the adapter-free rules catalogue holds, so the pipeline reads them without a parser", () => {
    expect(Object.keys(CHANNEL_RULES).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(CHANNELS[name].rules).toBe(CHANNEL_RULES[name]);
  });

  it("lets the api channel ask for a rating and no marketplace whose rules say no", () => {
    expect(ratingsAllowed("api")).toBe(true);
    expect(ratingsAllowed("shopee")).toBe(false);
    expect(ratingsAllowed("line")).toBe(true);
    expect(ratingsAllowed("email")).toBe(false);
  });

  it("gives a reply deadline for catalogued channels only, not for channels that call the API directly", () => {
    expect(replyDeadlineMinutes("lazada")).toBe(720);
    expect(replyDeadlineMinutes("api")).toBeNull();
    expect(replyDeadlineMinutes("constructor")).toBeNull();
  });
});

describe("a connection's vendor fields", () => {
  it("are checked before the channel sees the connection: TikTok without its shop cipher sends nothing", async () => {
    const broken = { ...tiktok, vendor: {} } as MarketplaceConnection;
    const sending = CHANNELS.tiktok.adapter.send(broken, secrets, {
      threadId: "t",
      buyerId: "b",
      text: "hi",
    });
    await expect(sending).rejects.toBeInstanceOf(MarketplaceApiError);
    await expect(sending).rejects.toMatchObject({ retryable: false });
    expect(
      CHANNELS.shopee.adapter.verify(
        { ...broken, marketplace: "shopee" },
        secrets,
        new Uint8Array(),
        () => "x",
      ),
    ).toBe(false);
  });

  it("are read from items stored before the catalogue, where they sat at the top level", () => {
    const { vendor: _, ...rest } = tiktok;
    expect(storedConnection({ ...rest, shopCipher: "ROW_cipher", callbackUrl: null })).toEqual(tiktok);
    const shopee = storedConnection({
      ...rest,
      marketplace: "shopee",
      shopCipher: null,
      callbackUrl: "https://x/cb",
    });
    expect(shopee.vendor).toEqual({ callbackUrl: "https://x/cb" });
    expect(shopee).not.toHaveProperty("shopCipher");
    expect(storedConnection(tiktok)).toEqual(tiktok);
  });

  it("must agree with what the marketplace gives for the shop: TikTok's cipher proves ownership only when it matches", () => {
    const ownership = CHANNELS.tiktok.connection.ownership;
    expect(ownership(tiktok, [{ marketplaceShopId: "7001", vendor: { shopCipher: "ROW_cipher" } }])).toEqual({
      kind: "proven",
    });
    expect(ownership(tiktok, [{ marketplaceShopId: "7002", vendor: { shopCipher: "ROW_cipher" } }])).toEqual({
      kind: "not_listed",
    });
    expect(ownership(tiktok, [{ marketplaceShopId: "7001", vendor: { shopCipher: "ROW_other" } }])).toEqual({
      kind: "mismatch",
      path: "shopCipher",
      message: "The shop cipher is not the one the marketplace gives for this shop.",
    });
  });
});

describe("push mapping, testable without HTTP", () => {
  it("reads a Shopee order card as its order number", () => {
    const connection: ChannelConnection<"shopee"> = {
      ...base,
      marketplace: "shopee",
      marketplaceShopId: "900",
      vendor: { callbackUrl: "https://x/webhooks/shopee" },
    };
    const push = {
      code: 10,
      shop_id: 900,
      data: {
        content: {
          message_id: "m1",
          from_id: 42,
          message_type: "order",
          content: { order_sn: "2601ABC" },
          conversation_id: "c9",
          created_timestamp: 1_767_225_600,
          region: "ID",
        },
      },
    };
    expect(mapShopeePush(push, connection)).toEqual([
      expect.objectContaining({
        kind: "buyer_message",
        buyerId: "42",
        text: "#2601ABC",
        media: "order",
        market: "ID",
      }),
    ]);
  });
});

describe("an escalation's due time", () => {
  // Friday 20:00 in Jakarta: the team's next opening is after the weekend, later than a marketplace's 12 hours.
  const now = new Date("2026-01-09T13:00:00.000Z");
  const packet = (channel: string, deadline: number | null) => {
    const conversation: Conversation = {
      shopId: base.shopId,
      id: "c_1" as ConversationId,
      channel,
      threadId: "t",
      market: "ID",
      shopper: { id: "b" },
      status: "ai",
      memory: INITIAL_MEMORY,
      escalationId: null,
      createdAt: now.toISOString(),
      lastMessageAt: now.toISOString(),
      recent: [],
      lastTurn: null,
    };
    return buildHandoffPacket(createTranslator(), {
      escalationId: "e_0123456789abc" as EscalationId,
      conversation,
      market: MARKETS.ID,
      language: "id",
      intent: "human_request",
      reason: "human_requested",
      order: null,
      transcript: [],
      draft: null,
      now,
      replyDeadlineMinutes: deadline,
    });
  };

  it("is capped at the channel's reply deadline", () => {
    expect(packet("shopee", replyDeadlineMinutes("shopee")).dueAt).toBe("2026-01-10T01:00:00.000Z");
  });

  it("follows the market's hours alone for a channel without a deadline", () => {
    expect(Date.parse(packet("api", replyDeadlineMinutes("api")).dueAt)).toBeGreaterThan(
      Date.parse("2026-01-10T01:00:00.000Z"),
    );
  });
});
