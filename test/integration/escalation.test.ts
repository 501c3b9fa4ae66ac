import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type MessageResponse = {
  conversationId: string;
  status: string;
  escalation: { id: string; region: string; reason: string } | null;
};
type Inbox = {
  items: {
    escalationId: string;
    region: string;
    reason: string;
    summary: string;
    orderName: string | null;
  }[];
  nextCursor: string | null;
};

describe("Escalation to the region's queue and inbox", () => {
  // The poller is driven by hand here so the queue can be inspected before the consumer runs.
  const stack = useLocalStack({ autoPoll: false });
  const send = (body: unknown) =>
    http<MessageResponse>(`${stack().url}/v1/messages`, { token: stack().apiKey, body });
  const queued = async (region: "sea" | "greater-china") => {
    const attrs = await stack().sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: stack().queues.escalations[region],
        AttributeNames: ["ApproximateNumberOfMessages"],
      }),
    );
    return Number(attrs.Attributes?.ApproximateNumberOfMessages ?? 0);
  };

  it.each([
    ["en", "SG", "I want to talk to a human"],
    ["id", "ID", "saya mau bicara dengan manusia"],
    ["th", "TH", "ขอคุยกับพนักงาน"],
  ])(
    "escalates an explicit request for a person in %s at once, with one SQS message to region sea",
    async (_lang, market, text) => {
      const before = await queued("sea");
      const { status, body } = await send(shopperMessage(text, { market }));
      expect(status).toBe(200);
      expect(body.status).toBe("pending_human");
      expect(body.escalation).toMatchObject({ region: "sea", reason: "human_requested", status: "pending" });
      expect(await queued("sea")).toBe(before + 1);
      await stack().poller.pollOnce();
      expect(await queued("sea")).toBe(0);
    },
  );

  it("puts the handoff packet on the FIFO queue grouped by conversation, deduplicated by escalation id", async () => {
    const { body } = await send(
      shopperMessage("I want to talk to a human", {
        market: "SG",
        text: "I want to talk to a human about #1001",
      }),
    );
    const received = await stack().sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack().queues.escalations.sea,
        AttributeNames: ["All"],
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
      }),
    );
    const message = received.Messages?.find(
      (m) => JSON.parse(m.Body ?? "{}").escalationId === body.escalation?.id,
    );
    expect(message?.Attributes?.MessageGroupId).toContain(body.conversationId);
    expect(message?.Attributes?.MessageDeduplicationId).toBe(body.escalation?.id);
    const packet = JSON.parse(message?.Body ?? "{}");
    expect(packet).toMatchObject({ reason: "human_requested", market: "SG", language: "en", region: "sea" });
    expect(packet.order.name).toBe("#1001");
    expect(packet.transcript.map((t: { role: string }) => t.role)).toEqual(["shopper", "ai"]);
    expect(packet.summary).toContain("Siti");
    await stack().poller.pollOnce();
  });

  it("lists the escalation in the sea inbox once the consumer has run, and not in another region's", async () => {
    const { body } = await send(shopperMessage("ขอคุยกับพนักงาน", { market: "TH" }));
    await stack().poller.pollOnce();
    const sea = await http<Inbox>(`${stack().url}/v1/inbox?region=sea`, { token: stack().agentTokens.sea });
    expect(sea.status).toBe(200);
    expect(sea.body.items.map((i) => i.escalationId)).toContain(body.escalation?.id);
    const china = await http<Inbox>(`${stack().url}/v1/inbox`, {
      token: stack().agentTokens["greater-china"],
    });
    expect(china.body.items.map((i) => i.escalationId)).not.toContain(body.escalation?.id);
  });

  it("answers 404 when an agent asks for a region outside their claims", async () => {
    const res = await http(`${stack().url}/v1/inbox?region=sea`, {
      token: stack().agentTokens["north-asia"],
    });
    expect(res.status).toBe(404);
  });

  it("records a redelivered packet in the inbox only once", async () => {
    const { body } = await send(shopperMessage("real person please", { market: "SG" }));
    const received = await stack().sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack().queues.escalations.sea, MaxNumberOfMessages: 10 }),
    );
    const raw = received.Messages?.find((m) => m.Body?.includes(body.escalation?.id ?? "?"));
    expect(raw).toBeDefined();
    const packet = JSON.parse(raw?.Body ?? "{}");
    expect(await stack().deps.inbox.record(packet)).toBe("created");
    expect(await stack().deps.inbox.record(packet)).toBe("exists");
    const inbox = await http<Inbox>(`${stack().url}/v1/inbox?region=sea&limit=100`, {
      token: stack().agentTokens.sea,
    });
    expect(inbox.body.items.filter((i) => i.escalationId === body.escalation?.id)).toHaveLength(1);
  });

  it("pages through the inbox with an opaque cursor, most urgent first", async () => {
    for (let i = 0; i < 3; i++) await send(shopperMessage("I want to talk to a human", { market: "SG" }));
    await stack().poller.pollOnce();
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page: { body: Inbox } = await http<Inbox>(`${stack().url}/v1/inbox?region=sea&limit=2${query}`, {
        token: stack().agentTokens.sea,
      });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items) {
        expect(seen.has(item.escalationId)).toBe(false);
        seen.add(item.escalationId);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });
});
