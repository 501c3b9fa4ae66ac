/**
 * Oversight and learning over HTTP (R3, R10): agents list and read the AI's live conversations in their regions only,
 * see why it answered, take one over and flag an answer; sellers see what the AI could not answer and the flags;
 * shoppers rate the help once.
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

const words = createTranslator();

interface Answer {
  conversationId: string;
  status: string;
  reply: { text: string; intent: string } | null;
  escalation: { id: string } | null;
}
interface LiveItem {
  conversationId: string;
  region: string;
  market: string;
  language: string | null;
  recent: { role: string; text: string }[];
  decision: { kind: string; intent: string | null; confidence: number | null } | null;
}
interface Detail extends LiveItem {
  messages: {
    id: string;
    role: string;
    text: string;
    intent?: string;
    confidence?: number;
    engine?: string;
    signals?: string[];
    model?: string | null;
    promptVersion?: string | null;
    sources?: { type: string; id: string }[];
  }[];
  events: { kind: string; agentId: string | null }[];
}
interface Figures {
  ratings: { ai: { count: number; mean: number | null }; person: { count: number; mean: number | null } };
}

describe("oversight of the AI and what it could not answer", () => {
  const stack = useLocalStack();
  const url = (path: string) => `${stack().url}${path}`;
  const send = async (text: string, thread: string, overrides: Record<string, unknown> = {}) => {
    const { status, body } = await http<Answer>(url("/v1/messages"), {
      token: stack().apiKey,
      body: shopperMessage(text, {
        conversationId: thread,
        messageId: `${thread}-${Math.random()}`,
        ...overrides,
      }),
    });
    expect(status).toBe(200);
    return body;
  };
  const thai = (text: string, thread: string) =>
    send(text, thread, { market: "TH", shopper: { id: `buyer-${thread}`, name: "Ploy" } });
  const live = (token: string, query = "") =>
    http<{ items: LiveItem[] }>(url(`/v1/inbox/conversations?limit=100${query}`), { token });
  const detail = (token: string, id: string) => http<Detail>(url(`/v1/inbox/conversations/${id}`), { token });
  const shopView = async (id: string) =>
    (
      await http<{ status: string; messages: { role: string; text: string }[] }>(
        url(`/v1/conversations/${id}`),
        {
          token: stack().apiKey,
        },
      )
    ).body;

  it("lists a live AI conversation to the agents of its region only, and is 404 to any other", async () => {
    const { conversationId } = await thai("สวัสดีค่ะ", "live-1");
    const sea = await live(stack().agentTokens.sea);
    expect(sea.status).toBe(200);
    const item = sea.body.items.find((i) => i.conversationId === conversationId);
    expect(item).toMatchObject({ region: "sea", market: "TH", language: "th" });
    expect(item?.recent.map((r) => r.role)).toEqual(["shopper", "ai"]);
    expect(item?.decision).toMatchObject({ kind: "replied", intent: "greeting" });

    const china = stack().agentTokens["greater-china"];
    expect((await live(china)).body.items.map((i) => i.conversationId)).not.toContain(conversationId);
    expect((await detail(china, conversationId)).status).toBe(404);
    expect((await live(stack().agentTokens.sea, "&region=greater-china")).status).toBe(404);
    const flag = await http(url(`/v1/inbox/conversations/${conversationId}/messages/x/flag`), {
      token: china,
      body: { note: "wrong" },
    });
    expect(flag.status).toBe(404);
    expect(
      (
        await http(url(`/v1/inbox/conversations/${conversationId}/takeover`), {
          token: china,
          method: "POST",
        })
      ).status,
    ).toBe(404);
  });

  it("filters the live list by market, language and channel", async () => {
    const { conversationId } = await thai("สวัสดีค่ะ", "live-filter");
    const sea = stack().agentTokens.sea;
    const ids = async (query: string) => (await live(sea, query)).body.items.map((i) => i.conversationId);
    expect(await ids("&market=TH&language=th&channel=api")).toContain(conversationId);
    expect(await ids("&market=ID")).not.toContain(conversationId);
    expect(await ids("&language=vi")).not.toContain(conversationId);
    expect(await ids("&channel=shopee")).not.toContain(conversationId);
  });

  it("shows why the AI said each thing: intent, confidence, signals, engine and the sources it rested on", async () => {
    const { conversationId } = await send("Kak, pesanan #1001 saya sudah sampai mana?", "why-1");
    const { status, body } = await detail(stack().agentTokens.sea, conversationId);
    expect(status).toBe(200);
    const ai = body.messages.find((m) => m.role === "ai");
    expect(ai).toMatchObject({
      intent: "order_status",
      engine: "embedded",
      signals: [],
      model: null,
      promptVersion: null,
      sources: [{ type: "order", id: "#1001" }],
    });
    expect(ai?.confidence).toBeGreaterThan(0);
  });

  it("lets an agent take a conversation over: claimed escalation, shopper told in Thai, the AI silent, hand back as usual", async () => {
    const { conversationId } = await thai("สวัสดีค่ะ", "takeover-1");
    const sea = stack().agentTokens.sea;
    const taken = await http<{ escalationId: string; reason: string; status: string; claimedBy: string }>(
      url(`/v1/inbox/conversations/${conversationId}/takeover`),
      { token: sea, method: "POST" },
    );
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ reason: "agent_takeover", status: "claimed", claimedBy: "agent-sea" });

    const shown = await shopView(conversationId);
    expect(shown.status).toBe("human");
    expect(shown.messages.at(-1)).toMatchObject({
      role: "system",
      text: words.t("th", "shopper:person_joined"),
    });
    const packet = await http<{ events: { kind: string; agentId: string | null }[] }>(
      url(`/v1/inbox/${taken.body.escalationId}`),
      { token: sea },
    );
    expect(packet.body.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["taken_over", "claimed"]));
    expect(packet.body.events.find((e) => e.kind === "taken_over")?.agentId).toBe("agent-sea");

    const after = await thai("ยังอยู่ไหมคะ", "takeover-1");
    expect(after.reply).toBeNull();
    expect(after.status).toBe("human");
    expect((await live(sea)).body.items.map((i) => i.conversationId)).not.toContain(conversationId);

    // A repeat by the same agent answers the same; another agent of the region finds it already held.
    const again = await http<{ escalationId: string }>(
      url(`/v1/inbox/conversations/${conversationId}/takeover`),
      {
        token: sea,
        method: "POST",
      },
    );
    expect(again.body.escalationId).toBe(taken.body.escalationId);
    const colleague = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "agent-sea-2",
      name: "Arif",
      regions: ["sea"],
      shops: [DEMO_SHOP_ID],
      languages: ["en"],
    });
    const refused = await http<{ error: { code: string } }>(
      url(`/v1/inbox/conversations/${conversationId}/takeover`),
      {
        token: colleague,
        method: "POST",
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conflict");

    await http(url(`/v1/inbox/${taken.body.escalationId}/release`), { token: sea, method: "POST" });
    expect((await thai("สวัสดีค่ะ", "takeover-1")).reply).not.toBeNull();
  });

  it("groups the questions the AI could not answer by topic and language, in three languages", async () => {
    await send("Do you ship to Bali and how much is the shipping fee?", "miss-en-1", { market: "SG" });
    await send("How much does shipping to Penang cost?", "miss-en-2", { market: "SG" });
    await send("Berapa ongkos kirim ke Bali?", "miss-id-1", { market: "ID" });
    await send("ส่งไปเชียงใหม่ค่าส่งเท่าไหร่คะ", "miss-th-1", { market: "TH" });
    await send("blorp zindle frap", "miss-en-3", { market: "SG" });
    const { status, body } = await http<{
      groups: {
        topic: string;
        language: string;
        count: number;
        kinds: Record<string, number>;
        examples: string[];
      }[];
    }>(url("/v1/insights/unanswered"), { token: stack().apiKey });
    expect(status).toBe(200);
    const group = (topic: string, language: string) =>
      body.groups.find((g) => g.topic === topic && g.language === language);
    expect(group("shipping_info", "en")).toMatchObject({ count: 2, kinds: { no_source: 2 } });
    expect(group("shipping_info", "en")?.examples).toEqual(
      expect.arrayContaining(["Do you ship to Bali and how much is the shipping fee?"]),
    );
    expect(group("shipping_info", "id")).toMatchObject({
      count: 1,
      examples: ["Berapa ongkos kirim ke Bali?"],
    });
    expect(group("shipping_info", "th")).toMatchObject({ count: 1, examples: ["ส่งไปเชียงใหม่ค่าส่งเท่าไหร่คะ"] });
    expect(group("unknown", "en")).toMatchObject({ kinds: { clarifying: 1 } });
    // Answered questions are not misses.
    expect(body.groups.some((g) => g.topic === "greeting")).toBe(false);
    // The report is the shop's: an agent's token is not a shop key.
    expect((await http(url("/v1/insights/unanswered"), { token: stack().agentTokens.sea })).status).toBe(401);
  });

  it("lets an agent flag an AI answer with a note, and lists it for the seller", async () => {
    const { conversationId } = await thai("สวัสดีค่ะ", "flag-1");
    const sea = stack().agentTokens.sea;
    const ai = (await detail(sea, conversationId)).body.messages.find((m) => m.role === "ai");
    const flagged = await http(url(`/v1/inbox/conversations/${conversationId}/messages/${ai?.id}/flag`), {
      token: sea,
      body: { note: "Greeting should mention our holiday hours." },
    });
    expect(flagged.status).toBe(200);
    const shopper = (await detail(sea, conversationId)).body.messages.find((m) => m.role === "shopper");
    const notAnAnswer = await http(
      url(`/v1/inbox/conversations/${conversationId}/messages/${shopper?.id}/flag`),
      {
        token: sea,
        body: { note: "x" },
      },
    );
    expect(notAnAnswer.status).toBe(404);
    const flags = await http<{
      items: { conversationId: string; note: string; question: string; answer: string }[];
    }>(url("/v1/insights/flags"), { token: stack().apiKey });
    expect(flags.body.items.find((f) => f.conversationId === conversationId)).toMatchObject({
      note: "Greeting should mention our holiday hours.",
      question: "สวัสดีค่ะ",
      answer: ai?.text,
    });
  });

  it("asks for a rating at the end of an AI conversation in the shopper's language, and stores it once", async () => {
    const thanked = await thai("ขอบคุณมากค่ะ", "rating-1");
    expect(thanked.reply?.text).toContain(words.t("th", "shopper:rating.ask"));
    const rated = await thai("5", "rating-1");
    expect(rated.reply?.text).toContain(words.t("th", "shopper:rating.thanks"));
    // The next message is an ordinary one, and a thank-you later asks nothing again.
    const later = await thai("4", "rating-1");
    expect(later.reply?.text).not.toContain(words.t("th", "shopper:rating.thanks"));
    expect((await thai("ขอบคุณค่ะ", "rating-1")).reply?.text).not.toContain(
      words.t("th", "shopper:rating.ask"),
    );
    // An integrator's own rating of the same conversation is not stored a second time.
    await send("ok", "rating-1", { market: "TH", rating: 1 });

    const { body } = await http<{ shop: Figures; markets: Record<string, Figures> }>(url("/v1/analytics"), {
      token: stack().apiKey,
    });
    expect(body.markets.TH?.ratings.ai).toEqual({ count: 1, mean: 5 });
  });

  it("asks for a rating after a person resolves the case, and counts it as a person's", async () => {
    const { conversationId, escalation } = await send("I want to talk to a real person please", "rating-2", {
      market: "PH",
      shopper: { id: "buyer-rating-2" },
    });
    const id = escalation?.id as string;
    const sea = stack().agentTokens.sea;
    // The escalation consumer records it from the region's queue.
    await eventually(async () => (await http(url(`/v1/inbox/${id}`), { token: sea })).status === 200);
    await http(url(`/v1/inbox/${id}/claim`), { token: sea, method: "POST" });
    await http(url(`/v1/inbox/${id}/resolve`), { token: sea, method: "POST" });
    expect((await shopView(conversationId)).messages.at(-1)).toMatchObject({
      role: "system",
      text: words.t("en", "shopper:rating.ask"),
    });
    await send("4", "rating-2", { market: "PH", shopper: { id: "buyer-rating-2" } });
    const { body } = await http<{ markets: Record<string, Figures> }>(url("/v1/analytics"), {
      token: stack().apiKey,
    });
    expect(body.markets.PH?.ratings.person).toEqual({ count: 1, mean: 4 });
  });
});
