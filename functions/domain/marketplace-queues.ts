/** What travels on the marketplace queues: a verified push to answer, and a reply to send. */
import type { ShopId } from "./ids";
import type { InboundPush, Marketplace } from "./marketplace";

export interface InboundJob {
  readonly shopId: ShopId;
  readonly marketplace: Marketplace;
  readonly push: Exclude<InboundPush, { kind: "ignored" }>;
}

export interface OutboundJob {
  readonly shopId: ShopId;
  readonly marketplace: Marketplace;
  readonly conversationId: string;
  readonly threadId: string;
  readonly buyerId: string;
  readonly text: string;
  /** Who wrote it: the AI answering a message (its id), or a person from the inbox. */
  readonly origin:
    | { readonly kind: "ai"; readonly replyTo: string }
    | { readonly kind: "agent"; readonly messageId: string };
}

export interface MarketplaceQueues {
  inbound(job: InboundJob): Promise<void>;
  outbound(job: OutboundJob): Promise<void>;
}
