import { describe, expect, it } from "vitest";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

type MessageResponse = {
  conversationId: string;
  status: string;
  reply: { text: string } | null;
  escalation: { id: string } | null;
};
type Detail = {
  status: string;
  claimedBy: string | null;
  transcript: { role: string; text: string }[];
  events: { kind: string; agentId: string | null }[];
  summary: string;
  dueAt: string;
};

describe("the agents' inbox", () => {
  const stack = useLocalStack();
  const api = (path: string) => `${stack().url}${path}`;
  const shopper = (body: unknown) =>
    http<MessageResponse>(api("/v1/messages"), { token: stack().apiKey, body });
  const agentToken = (sub: string, regions: ("sea" | "greater-china")[] = ["sea"], shops = [DEMO_SHOP_ID]) =>
    signAgentToken(stack().deps.agentJwtSecret, { sub, name: sub, regions, shops, languages: ["en"] });

  /** A fresh escalation that the consumer has put in the inbox. */
  async function escalated(text = "I want to talk to a human", market = "SG") {
    const message = shopperMessage(text, { market });
    const { body } = await shopper(message);
    const id = body.escalation?.id as string;
    await eventually(
      async () => (await http(api(`/v1/inbox/${id}`), { token: stack().agentTokens.sea })).status === 200,
    );
    return { id, message, conversationId: body.conversationId };
  }

  it("lets exactly one of two agents claim an escalation at the same time", async () => {
    const { id } = await escalated();
    const [a, b] = [await agentToken("agent-a"), await agentToken("agent-b")];
    const results = await Promise.all(
      [a, b, a, b].map((token) => http(api(`/v1/inbox/${id}/claim`), { token, body: {} })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409, 409]);
    const winners = new Set(
      results.filter((r) => r.status === 200).map((r) => (r.body as { claimedBy?: string }).claimedBy),
    );
    const detail = await http<Detail>(api(`/v1/inbox/${id}`), { token: a });
    expect(detail.body.status).toBe("claimed");
    expect(["agent-a", "agent-b"]).toContain(detail.body.claimedBy);
    expect(winners).toEqual(new Set([detail.body.claimedBy]));
  });

  it("shows the agent what the shopper wrote while waiting, and the AI stays silent", async () => {
    const { id, message } = await escalated();
    const waiting = await shopper({
      ...message,
      messageId: "while-waiting",
      text: "also, can you check #1001 please",
    });
    expect(waiting.body.reply).toBeNull();
    const detail = await http<Detail>(api(`/v1/inbox/${id}`), { token: stack().agentTokens.sea });
    expect(detail.body.transcript.map((m) => m.role)).toEqual(["shopper", "ai", "shopper"]);
    expect(detail.body.transcript.at(-1)?.text).toContain("#1001");
    expect(detail.body.summary).toContain("Siti");
  });

  it("delivers an agent's reply into the shopper's conversation as role agent, once per client message id", async () => {
    const { id, conversationId } = await escalated();
    const token = await agentToken("agent-c");
    expect((await http(api(`/v1/inbox/${id}/claim`), { token, body: {} })).status).toBe(200);
    const send = () =>
      http(api(`/v1/inbox/${id}/messages`), {
        token,
        body: { text: "Hi Siti, I'm Nadia. Let me check that for you.", clientMessageId: "c-1" },
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const conversation = await http<{ status: string; messages: { role: string; text: string }[] }>(
      api(`/v1/conversations/${conversationId}`),
      { token: stack().apiKey },
    );
    expect(conversation.body.status).toBe("human");
    expect(conversation.body.messages.filter((m) => m.role === "agent")).toHaveLength(1);
  });

  it("refuses a reply from an agent who has not claimed the escalation", async () => {
    const { id } = await escalated();
    const res = await http(api(`/v1/inbox/${id}/messages`), {
      token: await agentToken("agent-d"),
      body: { text: "hello" },
    });
    expect(res.status).toBe(409);
  });

  it("resolves the conversation with a note, recorded in the audit trail", async () => {
    const { id, conversationId } = await escalated();
    const token = await agentToken("agent-e");
    await http(api(`/v1/inbox/${id}/claim`), { token, body: {} });
    const resolved = await http(api(`/v1/inbox/${id}/resolve`), { token, body: { note: "refund issued" } });
    expect(resolved.status).toBe(200);
    const conversation = await http<{ status: string }>(api(`/v1/conversations/${conversationId}`), {
      token: stack().apiKey,
    });
    expect(conversation.body.status).toBe("resolved");
    const detail = await http<Detail>(api(`/v1/inbox/${id}`), { token });
    expect(detail.body.events.map((e) => e.kind)).toEqual(["escalated", "claimed", "resolved"]);
    const again = await http(api(`/v1/inbox/${id}/claim`), { token: await agentToken("agent-f"), body: {} });
    expect(again.status).toBe(409);
  });

  it("refuses to resolve an escalation nobody claimed (409 not_claimed), leaving it waiting for a person", async () => {
    const { id, conversationId } = await escalated("I will sue you, I am calling my lawyer");
    const token = await agentToken("agent-z");
    const refused = await http<{ error: { code: string } }>(api(`/v1/inbox/${id}/resolve`), {
      token,
      body: { note: "closing" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("not_claimed");
    const detail = await http<Detail>(api(`/v1/inbox/${id}`), { token });
    expect(detail.body.status).toBe("pending");
    expect(detail.body.events.map((e) => e.kind)).toEqual(["escalated"]);
    const conversation = await http<{ status: string }>(api(`/v1/conversations/${conversationId}`), {
      token: stack().apiKey,
    });
    expect(conversation.body.status).toBe("pending_human");
  });

  it("hands the conversation back to the AI on release, and the AI answers again", async () => {
    const { id, message } = await escalated();
    const token = await agentToken("agent-g");
    await http(api(`/v1/inbox/${id}/claim`), { token, body: {} });
    expect((await http(api(`/v1/inbox/${id}/release`), { token, body: {} })).status).toBe(200);
    const after = await shopper({ ...message, messageId: "after-release", text: "where is my order #1001?" });
    expect(after.body.status).toBe("ai");
    expect(after.body.reply?.text).toContain("JT0001234567");
  });

  it("hides another region's escalation and another shop's (404)", async () => {
    const { id } = await escalated("ขอคุยกับพนักงาน", "TH");
    const china = await http(api(`/v1/inbox/${id}`), { token: stack().agentTokens["greater-china"] });
    expect(china.status).toBe(404);
    const otherShop = await http(api(`/v1/inbox/${id}/claim`), {
      token: await agentToken("agent-h", ["sea"], ["other-shop.myshopify.com"]),
      body: {},
    });
    expect(otherShop.status).toBe(404);
  });

  it("writes the handoff summary in the agent's own language", async () => {
    const { id } = await escalated("ขอคุยกับพนักงาน", "TH");
    const thaiAgent = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "agent-th",
      name: "Ploy",
      regions: ["sea"],
      shops: [DEMO_SHOP_ID],
      languages: ["th", "en"],
    });
    const detail = await http<Detail>(api(`/v1/inbox/${id}`), { token: thaiAgent });
    expect(detail.body.summary).toMatch(/\p{Script=Thai}/u);
    const english = await http<Detail>(api(`/v1/inbox/${id}`), { token: stack().agentTokens.sea });
    expect(english.body.summary).toContain("Siti");
    expect(english.body.summary).toContain("Thai");
  });

  it("keeps an agent's internal note in the packet, once per note id, and out of the shopper's conversation", async () => {
    const { id, conversationId } = await escalated();
    const token = await agentToken("agent-n");
    const note = { text: "VIP buyer: offer free shipping", clientNoteId: "note-0001" };
    const first = await http(api(`/v1/inbox/${id}/notes`), { token, body: note });
    expect(first.status).toBe(200);
    await http(api(`/v1/inbox/${id}/notes`), { token, body: note });
    const detail = await http<Detail & { notes: { text: string; agentName: string }[] }>(
      api(`/v1/inbox/${id}`),
      {
        token,
      },
    );
    expect(detail.body.notes).toEqual([expect.objectContaining({ text: note.text, agentName: "agent-n" })]);
    const shown = await http(api(`/v1/conversations/${conversationId}`), { token: stack().apiKey });
    expect(JSON.stringify(shown.body)).not.toContain("VIP buyer");
  });

  it("refuses a note on another region's escalation (404)", async () => {
    const { id } = await escalated("ขอคุยกับพนักงาน", "TH");
    const china = await http(api(`/v1/inbox/${id}/notes`), {
      token: stack().agentTokens["greater-china"],
      body: { text: "peek" },
    });
    expect(china.status).toBe(404);
  });
});
