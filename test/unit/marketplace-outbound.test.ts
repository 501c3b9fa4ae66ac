import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { MarketplaceApiError } from "../../functions/channels/shared/http";
import type { Logger } from "../../functions/domain/ports";
import { createOutboundWorker, type OutboundWorkerDeps } from "../../functions/workers/marketplace-outbound";

/** A logger that remembers the level of every line. */
function recordingLogger() {
  const lines: { level: string; message: string; data: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push({ level, message, data: data ?? {} });
  };
  const logger = { debug: at("DEBUG"), info: at("INFO"), warn: at("WARN"), error: at("ERROR") };
  return { lines, logger: logger as unknown as Logger };
}

const record = (receiveCount: number): SQSRecord =>
  ({
    messageId: `m-${receiveCount}`,
    receiptHandle: "r",
    body: JSON.stringify({
      shopId: "shop.myshopify.com",
      marketplace: "lazada",
      conversationId: "c_1",
      threadId: "t-1",
      buyerId: "b-1",
      text: "hello",
      origin: { kind: "ai", replyTo: "m-1" },
    }),
    attributes: { ApproximateReceiveCount: String(receiveCount), MessageGroupId: "c_1" },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:ap-southeast-1:000000000000:marketplace-outbound.fifo",
    awsRegion: "ap-southeast-1",
  }) as unknown as SQSRecord;

/** A worker whose every send fails for a while (the marketplace is not reachable just now). */
function failingWorker(maxReceives: number) {
  const { worker, lines } = refusingWorker(new MarketplaceApiError("HTTP 503", true), maxReceives);
  return { worker, lines };
}

/** A worker connected to lazada whose sends fail with `error`; it counts the retries it schedules. */
function refusingWorker(error: Error, maxReceives = 5) {
  const log = recordingLogger();
  const retries: number[] = [];
  const deps = {
    // One connected Lazada account with a fresh token; failed sends are recorded on it for the seller.
    connections: {
      get: async () => ({ marketplaceShopId: "seller-1", accessTokenExpiresAt: "2999-01-01T00:00:00.000Z" }),
      threadAccount: async () => null,
      secrets: async () => ({}),
      recordSendError: async () => undefined,
      remember: async () => undefined,
    },
    adapters: {
      lazada: {
        send: async () => {
          throw error;
        },
      },
    },
    retryLater: async (_r: SQSRecord, seconds: number) => {
      retries.push(seconds);
    },
    retryBaseSeconds: 10,
    maxReceives,
    clock: { now: () => new Date("2025-01-01T00:00:00.000Z") },
    logger: log.logger,
  } as unknown as OutboundWorkerDeps;
  return { worker: createOutboundWorker(deps), lines: log.lines, retries };
}

const run = (worker: ReturnType<typeof createOutboundWorker>, r: SQSRecord) =>
  worker({ Records: [r] } as SQSEvent, {} as Context);

describe("the marketplace outbound worker", () => {
  it("logs a routine retry as a warning with its attempt, and reports the message failed without throwing", async () => {
    const { worker, lines } = failingWorker(5);
    const response = await run(worker, record(2));
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: "m-2" }]);
    expect(lines.map((l) => l.level)).toEqual(["WARN"]);
    expect(lines[0]?.data).toMatchObject({ attempt: 2, attempts: 5, marketplace: "lazada" });
  });

  it("logs an error only on the last attempt, when the reply goes to the dead-letter queue", async () => {
    const { worker, lines } = failingWorker(5);
    await run(worker, record(5));
    expect(lines.map((l) => l.level)).toEqual(["ERROR"]);
    expect(lines[0]?.data).toMatchObject({ attempt: 5, attempts: 5 });
  });

  it("acknowledges a reply the marketplace refused for good (a 4xx other than 429) instead of retrying it", async () => {
    const { worker, lines, retries } = refusingWorker(new MarketplaceApiError("HTTP 400", false));
    const response = await run(worker, record(1));
    expect(response?.batchItemFailures).toEqual([]);
    expect(retries).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(["ERROR"]);
    expect(lines[0]?.data).toMatchObject({ code: "marketplace_rejected", marketplace: "lazada", attempt: 1 });
  });

  it("retries a reply the marketplace could not take just now (429, 5xx, network)", async () => {
    const { worker, lines, retries } = refusingWorker(new MarketplaceApiError("HTTP 429", true));
    const response = await run(worker, record(1));
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: "m-1" }]);
    expect(retries).toEqual([10]);
    expect(lines.map((l) => l.level)).toEqual(["WARN"]);
  });

  it("drops a body that is not a reply, logging why by code and never its content", async () => {
    const { worker, lines } = failingWorker(5);
    const bad = {
      ...record(1),
      body: JSON.stringify({ shopId: "shop.myshopify.com", text: "secret words" }),
    };
    const response = await run(worker, bad);
    expect(response?.batchItemFailures).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(["ERROR"]);
    expect(lines[0]?.data).toMatchObject({ reason: "invalid_body" });
    expect(JSON.stringify(lines)).not.toContain("secret words");
  });
});
