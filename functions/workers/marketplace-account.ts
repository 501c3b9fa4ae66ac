/**
 * Which marketplace account sends a reply: the one its job names, else the one its conversation came through (a
 * person's reply from the inbox), else the shop's only account of that channel. A reply for an account the seller
 * has disconnected is never sent with anything else's credentials.
 */
import type { ConnectionStore } from "../adapters/dynamodb/connection-store";
import type { MarketplaceConnection } from "../domain/marketplace";
import type { OutboundJob } from "../domain/marketplace-queues";
import type { Logger } from "../domain/ports";

/** The reply's account is not (or no longer) connected: the reply is dropped, not retried. */
export class AccountDisconnected extends Error {
  readonly retryable = false;
  constructor(marketplace: string) {
    super(`${marketplace} account is not connected`);
    this.name = "AccountDisconnected";
  }
}

type Job = Pick<OutboundJob, "shopId" | "marketplace" | "threadId" | "accountId">;

/** The account id the reply belongs to, or null when nothing says (several accounts and no record of the thread). */
export async function replyAccountId(connections: ConnectionStore, job: Job): Promise<string | null> {
  if (job.accountId) return job.accountId;
  const remembered = await connections.threadAccount(job.shopId, job.marketplace, job.threadId);
  if (remembered) return remembered;
  return (await connections.get(job.shopId, job.marketplace))?.marketplaceShopId ?? null;
}

/** The connected account that sends the reply; throws AccountDisconnected when there is none. */
export async function replyAccount(connections: ConnectionStore, job: Job): Promise<MarketplaceConnection> {
  const accountId = await replyAccountId(connections, job);
  const account = accountId ? await connections.get(job.shopId, job.marketplace, accountId) : null;
  if (!account) throw new AccountDisconnected(job.marketplace);
  return account;
}

/** Shows a failed send on the account's status for the seller; recording it never fails the worker. */
export async function recordSendError(
  deps: { readonly connections: ConnectionStore; readonly logger: Logger },
  job: Job,
  at: Date,
  message: string,
): Promise<void> {
  try {
    const accountId = await replyAccountId(deps.connections, job);
    if (accountId)
      await deps.connections.recordSendError(job.shopId, job.marketplace, accountId, {
        at: at.toISOString(),
        message: message.slice(0, 200),
      });
  } catch (error) {
    deps.logger.warn("send error not recorded", { marketplace: job.marketplace, error: String(error) });
  }
}
