/** Oversight and learning, pure parts: the why on each AI reply, misses, the rating answer and the unanswered report. */
import { beforeEach, describe, expect, it } from "vitest";
import { conversationIdFor } from "../../functions/domain/identifiers";
import { handleShopperMessage } from "../../functions/domain/handle-message";
import type { ConversationId } from "../../functions/domain/ids";
import { groupUnanswered } from "../../functions/domain/oversight";
import type { Miss } from "../../functions/domain/ports";
import { parseRating } from "../../functions/domain/rating";
import { createScriptedReplyModel } from "../../functions/domain/fakes/reply-model";
import { message, pipeline, SHOP, translator } from "../support/domain-fakes";

describe("why the AI answered (R3)", () => {
  it("records the model's name and prompt version on a reply a model wrote", async () => {
    const model = Object.assign(
      createScriptedReplyModel({
        reply: "Hai Kak! Ada yang bisa dibantu?",
        intent: "greeting",
        confidence: 0.9,
        escalate: false,
        reason: null,
      }),
      { name: "gpt-test-mini", promptVersion: "2026-11-21.1" },
    );
    const p = pipeline({ model });
    const result = await handleShopperMessage(p.deps, message("Halo kak"));
    expect(result.reply).toMatchObject({
      engine: "openai",
      model: "gpt-test-mini",
      promptVersion: "2026-11-21.1",
      sources: [],
    });
    expect(Array.isArray(result.reply?.signals)).toBe(true);
  });

  it("records no model or prompt on a reply the embedded engine wrote", async () => {
    const result = await handleShopperMessage(pipeline().deps, message("Halo kak"));
    expect(result.reply).toMatchObject({ engine: "embedded", model: null, promptVersion: null });
  });
});

describe("what the AI could not answer", () => {
  it("marks a clarifying question, a question about the shop without a source, and nothing it answered", async () => {
    const p = pipeline();
    const clarify = await handleShopperMessage(p.deps, message("blorp zindle frap", { threadId: "a" }));
    const noSource = await handleShopperMessage(
      p.deps,
      message("Berapa ongkos kirim ke Bali?", { threadId: "b" }),
    );
    const greeting = await handleShopperMessage(p.deps, message("Halo kak", { threadId: "c" }));
    expect(clarify.reply).toMatchObject({ miss: "clarifying" });
    expect(noSource.reply).toMatchObject({ miss: "no_source", intent: "shipping_info" });
    expect(greeting.reply).not.toHaveProperty("miss");
  });

  it("groups misses by topic and language, largest first, with a few distinct examples", () => {
    const miss = (topic: Miss["topic"], language: Miss["language"], question: string, at: string): Miss => ({
      conversationId: "c_x" as ConversationId,
      messageId: at,
      at,
      question,
      language,
      topic,
      kind: "no_source",
      market: "ID",
    });
    const groups = groupUnanswered([
      miss("shipping_info", "id", "Ongkir ke Bali?", "2026-01-01T01"),
      miss("shipping_info", "id", "Ongkir ke Bali?", "2026-01-01T02"),
      miss("shipping_info", "id", "Kirim ke Medan berapa?", "2026-01-01T03"),
      miss("shipping_info", "th", "ค่าส่งเท่าไหร่คะ", "2026-01-01T04"),
    ]);
    expect(groups.map((g) => [g.topic, g.language, g.count])).toEqual([
      ["shipping_info", "id", 3],
      ["shipping_info", "th", 1],
    ]);
    expect(groups[0]?.examples).toEqual(["Kirim ke Medan berapa?", "Ongkir ke Bali?"]);
    expect(groups[0]?.kinds).toEqual({ no_source: 3 });
  });
});

describe("the shopper's rating (R10)", () => {
  it.each([
    ["5", "en", 5],
    ["4/5", "en", 4],
    ["５", "ja", 5],
    ["๓", "th", 3],
    ["२", "hi", 2],
    ["⭐⭐⭐⭐", "en", 4],
    ["bagus", "id", 5],
    ["แย่", "th", 1],
    ["很好", "zh-Hans", 5],
    ["Great!", "vi", 5],
  ] as const)("reads %j (%s) as %i", (text, language, score) => {
    expect(parseRating(text, language)).toBe(score);
  });

  it.each(["#1001", "12", "6", "0", "where is my order 5?", "ok"])("does not read %j as a rating", (text) => {
    expect(parseRating(text, "en")).toBeNull();
  });

  const conversationId = conversationIdFor(SHOP, "api", "thread-1");
  let p: ReturnType<typeof pipeline>;
  beforeEach(() => {
    p = pipeline();
  });

  it("asks once, when the shopper thanks the AI, on a channel whose rules allow it", async () => {
    const deps = { ...p.deps, ratingsAllowed: () => true };
    const ask = translator.t("id", "rating.ask");
    expect((await handleShopperMessage(deps, message("Terima kasih kak"))).reply?.text).toContain(ask);
    expect((await handleShopperMessage(deps, message("5"))).reply?.text).toContain(
      translator.t("id", "rating.thanks"),
    );
    expect((await handleShopperMessage(deps, message("Terima kasih kak"))).reply?.text).not.toContain(ask);
    const stored = await p.conversations.getConversation(SHOP, conversationId);
    expect(stored?.conversation.rating).toMatchObject({ score: 5, by: "ai" });
  });

  it("never asks where the channel's rules do not allow it, and reads a lone number as an ordinary message", async () => {
    const deps = { ...p.deps, ratingsAllowed: () => false };
    const thanked = await handleShopperMessage(deps, message("Terima kasih kak"));
    expect(thanked.reply?.text).not.toContain(translator.t("id", "rating.ask"));
    await handleShopperMessage(deps, message("5"));
    expect(
      (await p.conversations.getConversation(SHOP, conversationId))?.conversation.rating,
    ).toBeUndefined();
  });

  it("stores only the first rating, whatever comes after", async () => {
    const deps = { ...p.deps, ratingsAllowed: () => true };
    await handleShopperMessage(deps, message("Terima kasih kak"));
    await handleShopperMessage(deps, message("2"));
    await handleShopperMessage(deps, message("ok", { rating: 5 }));
    expect((await p.conversations.getConversation(SHOP, conversationId))?.conversation.rating).toMatchObject({
      score: 2,
    });
  });
});
