import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { parsePacket } from "../../functions/adapters/sqs/packet-schema";
import type { Logger } from "../../functions/domain/ports";
import { createEscalationConsumer, type ConsumerDeps } from "../../functions/workers/escalation-consumer";
import { createInboundWorker, type InboundWorkerDeps } from "../../functions/workers/marketplace-inbound";
import { createShopifyWorker, type ShopifyWorkerDeps } from "../../functions/workers/shopify-events";

/** A logger that remembers every line. */
function recordingLogger() {
  const lines: { level: string; message: string; data: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push({ level, message, data: data ?? {} });
  };
  const logger = { debug: at("DEBUG"), info: at("INFO"), warn: at("WARN"), error: at("ERROR") };
  return { lines, logger: logger as unknown as Logger };
}

const sqsRecord = (body: string): SQSRecord =>
  ({
    messageId: "m-1",
    receiptHandle: "r",
    body,
    attributes: { ApproximateReceiveCount: "1", MessageGroupId: "g-1" },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:ap-southeast-1:000000000000:q.fifo",
    awsRegion: "ap-southeast-1",
  }) as unknown as SQSRecord;

const packet = {
  escalationId: "e_1",
  shopId: "shop.myshopify.com",
  conversationId: "c_1",
  channel: "api",
  region: "sea",
  market: "SG",
  language: "en",
  posture: "hybrid",
  reason: "human_requested",
  priority: 2,
  summary: "Asked for a person.",
  shopper: { id: "s-1", name: null },
  order: null,
  draft: null,
  transcript: [{ role: "shopper", text: "a person please", at: "2025-01-01T00:00:00.000Z" }],
  createdAt: "2025-01-01T00:00:00.000Z",
  dueAt: "2025-01-01T01:00:00.000Z",
};

/** Deps whose every store throws: a dropped body must never reach them. */
const untouchable = (logger: Logger) =>
  new Proxy(
    { logger },
    {
      get: (target, name) =>
        name in target
          ? target[name as keyof typeof target]
          : new Proxy(
              {},
              {
                get: () => () => {
                  throw new Error(`${String(name)} used for a dropped body`);
                },
              },
            ),
    },
  );

const run = (handler: (e: SQSEvent, c: Context) => Promise<unknown>, body: string) =>
  handler({ Records: [sqsRecord(body)] } as SQSEvent, {} as Context) as Promise<{
    batchItemFailures: unknown[];
  }>;

describe("the handoff packet schema", () => {
  it("reads a packet from a queue body, filling in the intent older packets lack", () => {
    const parsed = parsePacket(JSON.stringify(packet));
    expect(parsed.ok && parsed.value.intent).toBe("unknown");
  });

  it("refuses a body that is not JSON, by code", () => {
    expect(parsePacket("{not json")).toEqual({ ok: false, reason: "not_json", issues: [] });
  });

  it("refuses a packet of the wrong shape, naming the fields and codes but never their values", () => {
    const parsed = parsePacket(
      JSON.stringify({ ...packet, region: "mars", shopper: { id: "secret-shopper" } }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toBe("invalid_body");
    expect(parsed.issues).toEqual(
      expect.arrayContaining(["region: invalid_value", "shopper.name: invalid_type"]),
    );
    expect(JSON.stringify(parsed)).not.toContain("mars");
  });
});

describe("every queue consumer checks its body before use, logging why by code", () => {
  const malformed = [
    ["not JSON", "{oops"],
    ["the wrong shape", JSON.stringify({ shopId: "shop.myshopify.com", text: "private words" })],
  ] as const;

  for (const [what, body] of malformed) {
    it(`the escalation consumer fails it towards the DLQ (a request for a person is kept): ${what}`, async () => {
      const { lines, logger } = recordingLogger();
      // Its only record failed: the runtime (or the poller) leaves it on the queue, towards the DLQ.
      await expect(
        run(createEscalationConsumer(untouchable(logger) as unknown as ConsumerDeps), body),
      ).rejects.toThrow(/All records failed/);
      expect(lines).toMatchObject([{ level: "ERROR", message: "escalation packet rejected" }]);
      expect(JSON.stringify(lines)).not.toContain("private words");
    });

    it(`the marketplace inbound worker: ${what}`, async () => {
      const { lines, logger } = recordingLogger();
      const response = await run(
        createInboundWorker(untouchable(logger) as unknown as InboundWorkerDeps),
        body,
      );
      expect(response.batchItemFailures).toEqual([]);
      expect(lines).toMatchObject([{ level: "ERROR", message: "marketplace push dropped" }]);
      expect(JSON.stringify(lines)).not.toContain("private words");
    });

    it(`the Shopify worker: ${what}`, async () => {
      const { lines, logger } = recordingLogger();
      const response = await run(
        createShopifyWorker(untouchable(logger) as unknown as ShopifyWorkerDeps),
        body,
      );
      expect(response.batchItemFailures).toEqual([]);
      expect(lines).toMatchObject([{ level: "ERROR", message: "shopify event dropped" }]);
      expect(JSON.stringify(lines)).not.toContain("private words");
    });
  }

  it("the marketplace inbound worker refuses a push kind it cannot act on", async () => {
    const { lines, logger } = recordingLogger();
    const body = JSON.stringify({
      shopId: "shop.myshopify.com",
      marketplace: "lazada",
      push: { kind: "ignored", reason: "read receipt" },
    });
    const response = await run(
      createInboundWorker(untouchable(logger) as unknown as InboundWorkerDeps),
      body,
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(lines[0]?.data).toMatchObject({ reason: "invalid_body", issues: ["push.kind: invalid_union"] });
  });
});
