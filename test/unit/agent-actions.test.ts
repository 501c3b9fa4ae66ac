import { beforeEach, describe, expect, it } from "vitest";
import {
  type Agent,
  type AgentActionDeps,
  replyAsAgent,
  transition,
} from "../../functions/domain/agent-actions";
import { handleShopperMessage } from "../../functions/domain/handle-message";
import { conversationIdFor } from "../../functions/domain/identifiers";
import type { EscalationId } from "../../functions/domain/ids";
import { message, pipeline, SHOP } from "../support/domain-fakes";

const nadia: Agent = { id: "agent-nadia", name: "Nadia", regions: ["sea"], shops: [SHOP] };
const budi: Agent = { id: "agent-budi", name: "Budi", regions: ["sea"], shops: [SHOP] };
const conversationId = conversationIdFor(SHOP, "api", "thread-1");

describe("the inbox's transitions (agent actions)", () => {
  let p: ReturnType<typeof pipeline>;
  let deps: AgentActionDeps;
  let id: EscalationId;
  const at = () => p.clock.now().toISOString();
  const claim = (agent: Agent) => transition(deps, agent, id, { kind: "claim", agentId: agent.id, at: at() });

  beforeEach(async () => {
    p = pipeline();
    deps = { inbox: p.inbox, conversations: p.conversations, channels: p.channels, clock: p.clock };
    const result = await handleShopperMessage(p.deps, message("I want to talk to a real person please"));
    id = result.escalation?.id as EscalationId;
    // The escalation consumer's part: the queued packet becomes an inbox entry.
    await p.escalationQueue.drain((packet) => p.inbox.record(packet));
    p.clock.advance(60_000);
  });

  it("gives a pending escalation to the first of two agents claiming it at once; the second gets a conflict", async () => {
    const [first, second] = await Promise.allSettled([claim(nadia), claim(budi)]);
    expect(first).toMatchObject({ status: "fulfilled", value: { status: "claimed", claimedBy: nadia.id } });
    expect(second).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
    expect((await p.inbox.find([SHOP], id))?.claimedBy).toBe(nadia.id);
  });

  it("moves the conversation to the claiming person and records who claimed it", async () => {
    await claim(nadia);
    const stored = await p.conversations.getConversation(SHOP, conversationId);
    expect(stored?.conversation.status).toBe("human");
    expect(stored?.events.map((e) => [e.kind, e.agentId])).toEqual([
      ["escalated", null],
      ["claimed", nadia.id],
    ]);
  });

  it("refuses a reply from an agent who has not claimed the escalation, and delivers nothing", async () => {
    await expect(replyAsAgent(deps, nadia, id, { text: "Hi, Nadia here." })).rejects.toMatchObject({
      code: "conflict",
    });
    await claim(budi);
    await expect(replyAsAgent(deps, nadia, id, { text: "Hi, Nadia here." })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(p.channels.delivered).toEqual([]);
  });

  it("delivers the claimant's reply through the channel once, however often the request is retried", async () => {
    await claim(nadia);
    const send = () => replyAsAgent(deps, nadia, id, { text: "Hi, Nadia here.", clientMessageId: "c-1" });
    const sent = await send();
    expect(await send()).toEqual(sent);
    expect(p.channels.delivered.map((d) => d.message.text)).toEqual(["Hi, Nadia here."]);
    expect((await p.inbox.find([SHOP], id))?.firstHumanReplyAt).toBe(sent.at);
  });

  it("refuses to resolve an escalation nobody claimed (not_claimed)", async () => {
    await expect(
      transition(deps, nadia, id, { kind: "resolve", agentId: nadia.id, at: at(), note: null }),
    ).rejects.toMatchObject({ code: "not_claimed" });
    expect((await p.inbox.find([SHOP], id))?.status).toBe("pending");
  });

  it("resolves a claimed escalation and closes the conversation", async () => {
    await claim(nadia);
    const resolved = await transition(deps, nadia, id, {
      kind: "resolve",
      agentId: nadia.id,
      at: at(),
      note: "Refund sent",
    });
    expect(resolved).toMatchObject({ status: "resolved", resolution: "resolved", note: "Refund sent" });
    expect((await p.conversations.getConversation(SHOP, conversationId))?.conversation.status).toBe(
      "resolved",
    );
  });

  it("releases an escalation back to the AI, without a claim, and the AI answers again", async () => {
    const released = await transition(deps, nadia, id, { kind: "release", agentId: nadia.id, at: at() });
    expect(released).toMatchObject({ status: "resolved", resolution: "released" });
    expect((await p.conversations.getConversation(SHOP, conversationId))?.conversation.status).toBe("ai");
    const next = await handleShopperMessage(p.deps, message("halo"));
    expect(next.reply).not.toBeNull();
  });

  it("treats an escalation of another region as not found", async () => {
    const tokyo: Agent = { id: "agent-jp", regions: ["north-asia"], shops: [SHOP] };
    await expect(claim(tokyo)).rejects.toMatchObject({ code: "not_found" });
  });
});
