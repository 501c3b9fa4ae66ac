/** What travels on the marketplace queues: a verified push to answer, and a reply to send. */
import { z } from "zod";
import { ShopId } from "./ids";
import { ActionablePushSchema, MARKETPLACES } from "./marketplace";

const ShopIdSchema = z.string().min(1).transform(ShopId);

/** The inbound queue's message: a verified push for one of our shops. */
export const InboundJobSchema = z
  .object({
    shopId: ShopIdSchema,
    marketplace: z.enum(MARKETPLACES),
    /** The marketplace account (shop or seller id) the push came for; absent on jobs queued before accounts. */
    accountId: z.string().min(1).optional(),
    push: ActionablePushSchema,
  })
  .readonly();
export type InboundJob = z.output<typeof InboundJobSchema>;

/**
 * The inbound queue's other message: "answer this conversation's burst once it has been quiet" (domain/bursts.ts).
 * It travels in its own message group, so the pushes that extend the burst are never held behind it.
 */
export const BurstFlushJobSchema = z
  .object({
    kind: z.literal("flush"),
    shopId: ShopIdSchema,
    marketplace: z.enum(MARKETPLACES),
    threadId: z.string().min(1),
    /** The message whose arrival queued it: only the flush of the latest message waits, the others step aside. */
    messageId: z.string().min(1),
  })
  .readonly();
export type BurstFlushJob = z.output<typeof BurstFlushJobSchema>;

/** The outbound queue's message: a reply to send. */
export const OutboundJobSchema = z
  .object({
    shopId: ShopIdSchema,
    marketplace: z.enum(MARKETPLACES),
    /** The account whose credentials send it; absent on agent replies and older jobs (found from the thread). */
    accountId: z.string().min(1).optional(),
    conversationId: z.string().min(1),
    threadId: z.string().min(1),
    buyerId: z.string().min(1),
    text: z.string().min(1),
    /** The reply's language (a BCP 47 tag): where its sentences end when it is split for the channel. */
    language: z.string().min(1).max(35).optional(),
    /** Who wrote it: the AI answering a message (its id), or a person from the inbox. */
    origin: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ai"), replyTo: z.string().min(1) }).readonly(),
      z.object({ kind: z.literal("agent"), messageId: z.string().min(1) }).readonly(),
    ]),
    /** When the shopper last wrote (chat apps' customer-service windows start there). */
    lastShopperMessageAt: z.string().nullable().optional(),
    /** LINE's reply token of the message answered, and when its push arrived. */
    replyToken: z
      .object({ token: z.string().min(1), receivedAt: z.string() })
      .readonly()
      .optional(),
    /** Answers the shopper can tap (a confirmation's yes and no), where the channel has buttons. */
    choices: z
      .array(z.object({ id: z.string().min(1), title: z.string().min(1) }).readonly())
      .readonly()
      .optional(),
  })
  .readonly();
export type OutboundJob = z.output<typeof OutboundJobSchema>;

export interface MarketplaceQueues {
  inbound(job: InboundJob): Promise<void>;
  /** Queues a burst's flush; `dedupeId` keeps repeats of the same flush from being queued twice. */
  flush(job: BurstFlushJob, dedupeId: string): Promise<void>;
  outbound(job: OutboundJob): Promise<void>;
}
