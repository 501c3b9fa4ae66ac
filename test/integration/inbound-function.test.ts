/**
 * The marketplace inbound worker as its Lambda function builds it (config/inbound-deps.ts), over the real emulators
 * and the local Shopee: a pushed buyer message queued by the webhook is answered and the reply queued for sending.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInboundDeps } from "../../functions/config/inbound-deps";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { createInboundWorker } from "../../functions/workers/marketplace-inbound";
import { connectShopee, pushes, shopeeChatPush, startFakeMarketplaces } from "../support/fake-marketplaces";
import { takeRecord } from "../support/local-stack";

const SHOPEE = { partnerId: "2006567", partnerKey: "inbound-fn-partner-key", shopId: "947042924" };

describe("the marketplace inbound function", () => {
  let fake: Awaited<ReturnType<typeof startFakeMarketplaces>>;
  let stack: LocalStack;
  let callbackUrl = "";

  beforeAll(async () => {
    fake = await startFakeMarketplaces({
      shopee: SHOPEE,
      lazada: { appKey: "1", appSecret: "s", sellerId: "1" },
      tiktok: { appKey: "1", appSecret: "s", shopId: "1", shopCipher: "c" },
    });
    stack = await startLocalStack({ logLevel: "SILENT", autoPoll: false });
    callbackUrl = await connectShopee(stack, fake.shopeeBase, SHOPEE);
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
  });

  it("answers a pushed buyer message and queues the reply for the outbound worker", async () => {
    const push = pushes.shopee(
      SHOPEE.partnerKey,
      callbackUrl,
      shopeeChatPush(SHOPEE.shopId, {
        messageId: `fn-${Date.now()}`,
        conversationId: `fn-conv-${Date.now()}`,
        fromId: 9001,
        text: "Kak, paket saya sudah sampai mana?",
      }),
    );
    const accepted = await fetch(callbackUrl, { method: "POST", headers: push.headers, body: push.body });
    expect(accepted.status).toBe(200);

    const worker = createInboundWorker(await buildInboundDeps(stack.env));
    const result = await worker(
      await takeRecord(stack.sqs, stack.queues.marketplaceInbound.url),
      {} as never,
    );
    expect(result).toEqual({ batchItemFailures: [] });

    const reply = await takeRecord(stack.sqs, stack.queues.marketplaceOutbound.url);
    expect(JSON.parse(reply.Records[0]?.body ?? "{}")).toMatchObject({ marketplace: "shopee" });
  });
});
