/** Store questions in the reply pipeline (POST /v1/messages): answered from the shop's knowledge with sources, or R5. */
import { describe, expect, it } from "vitest";
import { http, useLocalStack } from "../support/local-stack";

type Result = {
  status: string;
  reply: { text: string; intent: string; sources: { type: string; id: string }[] } | null;
  escalation: { reason: string } | null;
};

describe("store questions in a conversation", () => {
  const stack = useLocalStack({ autoPoll: false });
  let n = 0;
  const say = (thread: string, market: string, text: string) =>
    http<Result>(`${stack().url}/v1/messages`, {
      token: stack().apiKey,
      body: {
        channel: "api",
        conversationId: thread,
        messageId: `m-${++n}`,
        market,
        shopper: { id: `shopper-${thread}` },
        text,
      },
    });

  it("answers a return-policy question from the shop's article, naming it as the source", async () => {
    const { body } = await say(
      "k-1",
      "ID",
      "Kak, kebijakan pengembalian barangnya gimana? Berapa hari bisa retur?",
    );
    expect(body.status).toBe("ai");
    expect(body.reply?.sources).toContainEqual({ type: "article", id: "returns-id" });
    expect(body.escalation).toBeNull();
  });

  it("answers a size's availability from the catalog, in the market's currency", async () => {
    const { body } = await say("k-2", "SG", "Is the Aurora dress available in size M?");
    expect(body.reply?.sources).toContainEqual({ type: "product", id: "aurora-wrap-dress" });
    expect(body.reply?.text).toContain("out of stock");
  });

  it("asks once when nothing the shop wrote answers, then hands over (R5)", async () => {
    const first = await say("k-3", "ID", "Kak, toko kalian kirim ke Antartika nggak? Ongkirnya berapa?");
    expect(first.body.status).toBe("ai");
    expect(first.body.reply?.sources ?? []).toEqual([]);
    const second = await say("k-3", "ID", "Kalau kirim ke Greenland bisa nggak kak? Ongkirnya?");
    expect(second.body.escalation).not.toBeNull();
  });

  it("keeps a knowledge answer as the AI's draft for a person in a cautious market", async () => {
    const { body } = await say("k-4", "MY", "How long does shipping to Malaysia take?");
    expect(body.escalation?.reason).toBe("needs_review");
  });
});
