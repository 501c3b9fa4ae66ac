import { describe, expect, it } from "vitest";
import { createFakeChannelActivityStore, createRecordingLogger } from "../../functions/domain/fakes";
import { handleShopperMessage } from "../../functions/domain/handle-message";
import type { OutboundJob } from "../../functions/domain/marketplace-queues";
import { splitReply } from "../../functions/domain/split-reply";
import { sendWithinRules } from "../../functions/workers/channel-sending";
import { message, pipeline, SHOP, translator } from "../support/domain-fakes";

const DISCLOSURE = '— Aria, an AI assistant. Type "agent" anytime to talk to a person.';

/** A Shopee conversation the AI is handling, and everything a send needs, over in-memory ports. */
async function shopeeConversation() {
  const p = pipeline();
  const result = await handleShopperMessage(
    p.deps,
    message("Kak, pesanan saya sudah sampai mana?", {
      channel: "shopee",
      threadId: "spc-1",
      shopper: { id: "880011" },
    }),
  );
  const activity = createFakeChannelActivityStore();
  await activity.buyerWrote(SHOP, result.conversationId, p.clock.now().toISOString());
  const sent: string[] = [];
  let failAt: number | null = null;
  const send = async (text: string) => {
    if (failAt !== null && sent.length === failAt) {
      failAt = null;
      throw new Error("HTTP 500");
    }
    sent.push(text);
    return { messageId: `sp-${sent.length}` };
  };
  const deps = {
    channelActivity: activity,
    conversations: p.conversations,
    escalations: p.escalationQueue,
    translator,
    clock: p.clock,
    logger: createRecordingLogger(),
  };
  const job = (text: string, replyTo = "m-answered"): OutboundJob => ({
    shopId: SHOP,
    marketplace: "shopee",
    conversationId: result.conversationId,
    threadId: "spc-1",
    buyerId: "880011",
    text,
    language: "id",
    origin: { kind: "ai", replyTo },
  });
  return {
    p,
    activity,
    deps,
    sent,
    send,
    job,
    conversationId: result.conversationId,
    failNext: (at: number) => (failAt = at),
  };
}

/** About 1,500 characters of Indonesian sentences, then the AI disclosure as its own paragraph. */
const LONG = `${Array.from({ length: 25 }, (_, i) => `Kalimat nomor ${i + 1} menjelaskan status pesanan Kakak dengan rinci sekali.`).join(" ")}\n\n${DISCLOSURE}`;

describe("replies within a marketplace's rules", () => {
  it("splits a 1,500-character reply to Shopee into parts of at most 600 characters, in order, between sentences, the disclosure whole in the last", async () => {
    expect(LONG.length).toBeGreaterThan(1400);
    const { deps, send, sent, job } = await shopeeConversation();
    await sendWithinRules(deps, job(LONG), send);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const part of sent) expect(part.length).toBeLessThanOrEqual(600);
    // Nothing lost, nothing reordered, no sentence (so no word) cut: the parts put back together are the reply.
    expect(sent.join(" ").replace(/\s+/g, " ")).toBe(LONG.replace(/\s+/g, " "));
    for (const part of sent.slice(0, -1)) expect(part).toMatch(/\.$/);
    expect(sent.at(-1)?.endsWith(DISCLOSURE)).toBe(true);
    expect(sent.slice(0, -1).some((p) => p.includes("Aria"))).toBe(false);
  });

  it("never cuts inside a word, even in a sentence longer than a whole message", () => {
    const sentence = `${"pesanan ".repeat(120).trim()}.`;
    const parts = splitReply(sentence, 600, "id");
    expect(parts.length).toBe(2);
    for (const part of parts)
      expect(part.split(" ").every((w) => w === "pesanan" || w === "pesanan.")).toBe(true);
  });

  it("resumes a retried reply after the last part that went out, never sending a part twice", async () => {
    const { deps, send, sent, job, failNext } = await shopeeConversation();
    failNext(1);
    await expect(sendWithinRules(deps, job(LONG), send)).rejects.toThrow("HTTP 500");
    expect(sent).toHaveLength(1);
    await sendWithinRules(deps, job(LONG), send);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.join(" ").replace(/\s+/g, " ")).toBe(LONG.replace(/\s+/g, " "));
  });

  it("sends nothing 7 days after the buyer's last message: the conversation goes to a person with the reason", async () => {
    const { p, activity, deps, send, sent, job, conversationId } = await shopeeConversation();
    activity.seed(SHOP, conversationId, {
      buyerLastAt: new Date(p.clock.now().getTime() - 7 * 86_400_000 - 60_000).toISOString(),
      streak: 0,
    });
    expect(await sendWithinRules(deps, job("Pesanan Kakak sudah dikirim."), send)).toBeNull();
    expect(sent).toEqual([]);
    const packet = p.escalationQueue.sent.at(-1);
    expect(packet?.reason).toBe("channel_window_closed");
    expect(packet?.draft).toBe("Pesanan Kakak sudah dikirim.");
    expect(packet?.summary).toContain(translator.t("en", "agent:reason.channel_window_closed"));
    const stored = await p.conversations.getConversation(SHOP, conversationId);
    expect(stored?.conversation.status).toBe("pending_human");
    expect(stored?.conversation.escalationId).toBe(packet?.escalationId);
  });

  it("sends nothing past 5 seller messages in a row without a buyer reply, counting each part", async () => {
    const { p, activity, deps, send, sent, job, conversationId } = await shopeeConversation();
    activity.seed(SHOP, conversationId, { buyerLastAt: p.clock.now().toISOString(), streak: 3 });
    // Three parts on top of three messages would make six: none of them goes.
    expect(await sendWithinRules(deps, job(LONG), send)).toBeNull();
    expect(sent).toEqual([]);
    expect(p.escalationQueue.sent.at(-1)?.reason).toBe("channel_cap_reached");
    // Two short messages fit (five in a row); a sixth does not.
    const {
      deps: d2,
      send: s2,
      sent: sent2,
      job: j2,
      activity: a2,
      conversationId: c2,
      p: p2,
    } = await shopeeConversation();
    a2.seed(SHOP, c2, { buyerLastAt: p2.clock.now().toISOString(), streak: 3 });
    await sendWithinRules(d2, j2("Satu.", "r1"), s2);
    await sendWithinRules(d2, j2("Dua.", "r2"), s2);
    expect(await sendWithinRules(d2, j2("Tiga.", "r3"), s2)).toBeNull();
    expect(sent2).toEqual(["Satu.", "Dua."]);
    // The buyer writes again: the streak starts over.
    await a2.buyerWrote(SHOP, c2, p2.clock.now().toISOString());
    await sendWithinRules(d2, j2("Tiga.", "r4"), s2);
    expect(sent2).toEqual(["Satu.", "Dua.", "Tiga."]);
  });
});
