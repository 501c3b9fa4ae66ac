/**
 * Sends replies through each marketplace's API with fresh tokens. A failed send is retried with exponential
 * backoff (the message's visibility is extended), and after the last attempt lands in the DLQ with the reply in it.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { SQSRecord } from "aws-lambda";
import type { ConnectionStore } from "../adapters/dynamodb/connection-store";
import type { Clock, Logger } from "../domain/ports";
import type { Marketplace, MarketplaceAdapter } from "../domain/marketplace";
import { parseQueueBody } from "../adapters/sqs/queue-body";
import { type OutboundJob, OutboundJobSchema } from "../domain/marketplace-queues";
import { freshCredentials } from "../domain/marketplace-tokens";
import { MAX_RECEIVES } from "../adapters/sqs/queues";
import { type ChannelRuleDeps, sendWithinRules } from "./channel-sending";
import type { SqsHandler } from "./escalation-consumer";
import { AccountDisconnected, recordSendError, replyAccount } from "./marketplace-account";

export interface OutboundWorkerDeps extends ChannelRuleDeps {
  readonly connections: ConnectionStore;
  readonly adapters: Readonly<Record<Marketplace, MarketplaceAdapter>>;
  /** Makes a failed message visible again only after `seconds`. */
  readonly retryLater: (record: SQSRecord, seconds: number) => Promise<void>;
  readonly retryBaseSeconds: number;
  /** Receives before the queue moves a message to its DLQ (the queue's maxReceiveCount); default MAX_RECEIVES. */
  readonly maxReceives?: number | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
}

export async function sendReply(deps: OutboundWorkerDeps, job: OutboundJob): Promise<string> {
  // Its own account's credentials only; a disconnected account's replies are dropped (AccountDisconnected).
  const stored = await replyAccount(deps.connections, job);
  const adapter = deps.adapters[job.marketplace];
  const { connection, secrets } = await freshCredentials(deps.connections, adapter, stored, deps.clock.now());
  const sent = await sendWithinRules(deps, job, async (text) => {
    const part = await adapter.send(connection, secrets, {
      threadId: job.threadId,
      buyerId: job.buyerId,
      text,
      // What chat apps need (their windows, LINE's reply token, buttons on the reply's last part).
      origin: job.origin.kind,
      lastShopperMessageAt: job.lastShopperMessageAt,
      replyToken: job.replyToken,
      choices: job.choices && job.text.trimEnd().endsWith(text.trimEnd()) ? job.choices : undefined,
    });
    // Remembered so the marketplace's echo of this message is not taken for staff writing.
    await deps.connections.remember(job.shopId, "sent", job.marketplace, part.messageId);
    return part;
  });
  return sent ?? "held_back";
}

/** An error an adapter marked not retryable (`retryable: false`): the marketplace's answer will not change. */
const isPermanent = (error: unknown): boolean =>
  error instanceof Error && "retryable" in error && error.retryable === false;

export function createOutboundWorker(deps: OutboundWorkerDeps): SqsHandler {
  const one = async (record: SQSRecord) => {
    const parsed = parseQueueBody(OutboundJobSchema, record.body);
    if (!parsed.ok) {
      // Dropped, not retried: a body that is not a reply never becomes one, and would hold its thread until the DLQ.
      deps.logger.error("marketplace reply dropped", {
        messageId: record.messageId,
        reason: parsed.reason,
        issues: parsed.issues,
      });
      return;
    }
    const job = parsed.value;
    try {
      const messageId = await sendReply(deps, job);
      deps.logger.info("marketplace reply sent", {
        marketplace: job.marketplace,
        messageId,
        origin: job.origin.kind,
      });
    } catch (error) {
      const attempt = Number(record.attributes.ApproximateReceiveCount ?? "1");
      const attempts = deps.maxReceives ?? MAX_RECEIVES;
      const reason = error instanceof Error ? error.message : "error";
      if (error instanceof AccountDisconnected) {
        // The seller disconnected the account (or never connected it): nothing is sent for it, with any credentials.
        deps.logger.warn("marketplace reply dropped: account not connected", {
          marketplace: job.marketplace,
          conversationId: job.conversationId,
          origin: job.origin.kind,
          code: "account_not_connected",
        });
        return;
      }
      if (isPermanent(error)) {
        await recordSendError(deps, job, deps.clock.now(), reason);
        // The marketplace refused the reply itself (a 4xx other than 429): sending it again gets the same answer,
        // so the failure is recorded here and the message is acknowledged instead of retried into the DLQ.
        deps.logger.error("marketplace send refused; not retried", {
          marketplace: job.marketplace,
          conversationId: job.conversationId,
          origin: job.origin.kind,
          attempt,
          code: "marketplace_rejected",
          error: reason,
        });
        return;
      }
      // A marketplace hiccup is routine and retried: a warning. Only the last attempt, which parks the reply in the
      // DLQ for a person to redrive, is an error someone must act on.
      if (attempt >= attempts) {
        await recordSendError(deps, job, deps.clock.now(), reason);
        deps.logger.error("marketplace send gave up; the reply is in the dead-letter queue", {
          marketplace: job.marketplace,
          attempt,
          attempts,
          error: reason,
        });
        throw error;
      }
      const delay = Math.min(900, deps.retryBaseSeconds * 2 ** (attempt - 1));
      deps.logger.warn("marketplace send failed; retrying later", {
        marketplace: job.marketplace,
        attempt,
        attempts,
        delaySeconds: delay,
        error: reason,
      });
      await deps.retryLater(record, delay).catch(() => undefined);
      throw error;
    }
  };
  return (event, context) =>
    processPartialResponse(event, one, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
      // A batch whose every send failed is reported item by item like any other: throwing would make the runtime
      // (and the local poller) log the routine retry as an invocation error.
      throwOnFullBatchFailure: false,
    });
}
