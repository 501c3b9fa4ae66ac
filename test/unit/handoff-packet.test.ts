import { describe, expect, it } from "vitest";
import type { Conversation, TranscriptEntry } from "../../functions/domain/conversation";
import { buildHandoffPacket, type HandoffInput } from "../../functions/domain/handoff";
import { ConversationId, EscalationId } from "../../functions/domain/ids";
import { marketWith } from "../../functions/domain/markets";
import { DEMO_ORDERS } from "../../functions/local/demo-data";
import { SHOP, translator } from "../support/domain-fakes";

const [shipped] = DEMO_ORDERS;
// Indonesia with fixed hours and target, so the test does not depend on the default market table.
const indonesia = marketWith("ID", {
  posture: "ai-first",
  region: "sea",
  firstResponseMinutes: 60,
  businessHours: { days: [1, 2, 3, 4, 5, 6], open: "09:00", close: "18:00" },
});
const MONDAY_10_JAKARTA = new Date("2026-03-02T03:00:00.000Z");
const SUNDAY_10_JAKARTA = new Date("2026-03-01T03:00:00.000Z");

const conversation = (patch: Partial<Conversation> = {}): Conversation => ({
  shopId: SHOP,
  id: ConversationId("c_1"),
  channel: "api",
  threadId: "thread-1",
  market: "ID",
  shopper: { id: "buyer-1", name: "Siti" },
  status: "ai",
  memory: { misunderstandings: 0 },
  escalationId: null,
  createdAt: MONDAY_10_JAKARTA.toISOString(),
  lastMessageAt: MONDAY_10_JAKARTA.toISOString(),
  recent: [],
  lastTurn: null,
  ...patch,
});
const said = (role: TranscriptEntry["role"], text: string, extra: Partial<TranscriptEntry> = {}) => ({
  role,
  text,
  at: MONDAY_10_JAKARTA.toISOString(),
  ...extra,
});
const input = (patch: Partial<HandoffInput> = {}): HandoffInput => ({
  escalationId: EscalationId("e_1"),
  conversation: conversation(),
  market: indonesia,
  language: "id",
  intent: "human_request",
  reason: "human_requested",
  order: null,
  transcript: [],
  draft: null,
  now: MONDAY_10_JAKARTA,
  ...patch,
});

describe("the handoff packet (R4): what an agent needs to answer without asking again", () => {
  it("names the conversation, the market's region and posture, and the shopper", () => {
    const packet = buildHandoffPacket(translator, input());
    expect(packet).toMatchObject({
      escalationId: "e_1",
      shopId: SHOP,
      conversationId: "c_1",
      channel: "api",
      region: "sea",
      market: "ID",
      language: "id",
      posture: "ai-first",
      shopper: { id: "buyer-1", name: "Siti" },
      createdAt: MONDAY_10_JAKARTA.toISOString(),
    });
  });

  it("summarises who wrote, in which language and market, about what order, and why it escalated", () => {
    const packet = buildHandoffPacket(translator, input({ order: shipped ?? null, intent: "order_status" }));
    expect(packet.summary).toBe(
      "Siti wrote in Indonesian (Indonesia) about: order status. Order: #1001. Escalated because: asked for a person.",
    );
  });

  it("says what the conversation is about from all the shopper's messages, not from the request for a person", () => {
    const transcript = [
      said("shopper", "barangnya rusak, saya mau refund", { intent: "refund_return" }),
      said("ai", "Maaf, Kak."),
      said("shopper", "saya mau bicara dengan orang", { intent: "human_request" }),
    ];
    const packet = buildHandoffPacket(translator, input({ transcript }));
    expect(packet.summary).toContain("about: refund or return.");
  });

  it("names the orders the AI described when the escalation is about no single order", () => {
    const transcript = [said("ai", "Pesanan #1001 sudah dikirim.", { orders: ["#1001"] })];
    const packet = buildHandoffPacket(translator, input({ transcript }));
    expect(packet.order).toBeNull();
    expect(packet.summary).toContain("Order: #1001.");
  });

  it("carries the transcript and the AI's draft for the agent", () => {
    const transcript = [said("shopper", "halo", { intent: "greeting" })];
    const packet = buildHandoffPacket(translator, input({ transcript, draft: "Halo Kak Siti!" }));
    expect(packet.transcript).toEqual(transcript);
    expect(packet.draft).toBe("Halo Kak Siti!");
  });

  it("is due within the market's first-response target while the team is at work", () => {
    const packet = buildHandoffPacket(translator, input());
    expect(packet.dueAt).toBe("2026-03-02T04:00:00.000Z");
  });

  it("counts the target from the next opening when the team is closed", () => {
    const packet = buildHandoffPacket(translator, input({ now: SUNDAY_10_JAKARTA }));
    expect(packet.dueAt).toBe("2026-03-02T03:00:00.000Z"); // Monday 09:00 Jakarta + 60 min
  });

  it("is never due later than the channel's own reply deadline", () => {
    const packet = buildHandoffPacket(
      translator,
      input({
        now: SUNDAY_10_JAKARTA,
        conversation: conversation({ channel: "shopee" }),
        replyDeadlineMinutes: 12 * 60,
      }),
    );
    expect(Date.parse(packet.dueAt) - SUNDAY_10_JAKARTA.getTime()).toBe(12 * 3600_000);
  });

  it("ranks a sensitive matter ahead of a request for a person", () => {
    const sensitive = buildHandoffPacket(translator, input({ reason: "sensitive" }));
    const person = buildHandoffPacket(translator, input({ reason: "human_requested" }));
    expect(sensitive.priority).toBeLessThan(person.priority);
  });
});
