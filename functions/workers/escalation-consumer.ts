/** Consumes a region's escalation queue: each packet becomes one inbox entry, however often it is delivered. */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { parsePacket } from "../adapters/sqs/packet-schema";
import { newEscalation } from "../domain/escalation";
import type { EscalationStore, Logger, Metrics, Notifier, ShopStore } from "../domain/ports";

export interface ConsumerDeps {
  readonly inbox: EscalationStore;
  readonly shops: Pick<ShopStore, "get">;
  readonly notifier: Notifier;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createEscalationConsumer(deps: ConsumerDeps): SqsHandler {
  const recordOne = async (record: SQSRecord) => {
    const parsed = parsePacket(record.body);
    if (!parsed.ok) {
      // Someone asked for a person: rather than drop it, the malformed packet is failed until SQS parks it in the
      // DLQ (whose alarm calls a person), logged by code without its content (packets carry personal data).
      deps.logger.error("escalation packet rejected", {
        messageId: record.messageId,
        reason: parsed.reason,
        issues: parsed.issues,
      });
      throw new Error(`escalation packet rejected: ${parsed.reason}`);
    }
    const packet = parsed.value;
    const outcome = await deps.inbox.record(packet);
    deps.logger.info("escalation recorded", {
      escalationId: packet.escalationId,
      region: packet.region,
      reason: packet.reason,
      outcome,
    });
    if (outcome === "exists") return;
    deps.metrics.count("Escalations", {
      market: packet.market,
      reason: packet.reason,
      region: packet.region,
    });
    const shop = await deps.shops.get(packet.shopId);
    if (shop) await deps.notifier.notify(shop, "escalation.created", newEscalation(packet));
  };
  return async (event, context) => {
    // FIFO: a failed record fails only the rest of its own conversation's group, so other conversations go on.
    const processor = new SqsFifoPartialProcessorAsync();
    return processPartialResponse(event, recordOne, processor, { context, skipGroupOnError: true });
  };
}
