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
    push: ActionablePushSchema,
  })
  .readonly();
export type InboundJob = z.output<typeof InboundJobSchema>;

/** The outbound queue's message: a reply to send. */
export const OutboundJobSchema = z
  .object({
    shopId: ShopIdSchema,
    marketplace: z.enum(MARKETPLACES),
    conversationId: z.string().min(1),
    threadId: z.string().min(1),
    buyerId: z.string().min(1),
    text: z.string().min(1),
    /** Who wrote it: the AI answering a message (its id), or a person from the inbox. */
    origin: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ai"), replyTo: z.string().min(1) }).readonly(),
      z.object({ kind: z.literal("agent"), messageId: z.string().min(1) }).readonly(),
    ]),
  })
  .readonly();
export type OutboundJob = z.output<typeof OutboundJobSchema>;

export interface MarketplaceQueues {
  inbound(job: InboundJob): Promise<void>;
  outbound(job: OutboundJob): Promise<void>;
}
