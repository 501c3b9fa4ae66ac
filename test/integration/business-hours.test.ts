import { describe, expect, it } from "vitest";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

// Friday 20:00 in Tokyo: the north-asia team has gone home.
const FRIDAY_EVENING_TOKYO = new Date("2026-11-20T11:00:00Z");

describe("escalations out of business hours (R7)", () => {
  const stack = useLocalStack({ overrides: { clock: { now: () => FRIDAY_EVENING_TOKYO } } });

  it("tells the shopper honestly, in their language and local time, when a person will answer", async () => {
    const { body } = await http<{ reply: { text: string }; escalation: { id: string } }>(
      `${stack().url}/v1/messages`,
      {
        token: stack().apiKey,
        body: shopperMessage("担当者と話したいです", { market: "JP" }),
      },
    );
    expect(body.reply.text).toContain("09:00");
    expect(body.reply.text).toContain("11月23日");
    expect(body.reply.text).not.toContain("60");
  });

  it("sets the SLA due time from the next opening plus the market's first-response target", async () => {
    const { body } = await http<{ escalation: { id: string } }>(`${stack().url}/v1/messages`, {
      token: stack().apiKey,
      body: shopperMessage("상담원 연결해 주세요", { market: "KR" }),
    });
    const inbox = await eventually(async () => {
      const res = await http<{ items: { escalationId: string; dueAt: string }[] }>(
        `${stack().url}/v1/inbox`,
        { token: stack().agentTokens["north-asia"] },
      );
      return res.body.items.find((i) => i.escalationId === body.escalation.id);
    });
    expect(inbox.dueAt).toBe("2026-11-23T01:00:00.000Z"); // Monday 09:00 KST + 60 minutes
  });

  it("caps the due time of a marketplace conversation at the channel's 12-hour reply deadline", async () => {
    const { body } = await http<{ escalation: { id: string } }>(`${stack().url}/v1/messages`, {
      token: stack().apiKey,
      body: shopperMessage("상담원 연결해 주세요", { market: "KR", channel: "shopee" }),
    });
    const inbox = await eventually(async () => {
      const res = await http<{ items: { escalationId: string; dueAt: string }[] }>(
        `${stack().url}/v1/inbox`,
        { token: stack().agentTokens["north-asia"] },
      );
      return res.body.items.find((i) => i.escalationId === body.escalation.id);
    });
    expect(inbox.dueAt).toBe("2026-11-20T23:00:00.000Z"); // Friday 11:00 UTC + 12 hours, before Monday's opening
  });
});
