/** Consumes a region's escalation queue: each packet becomes one inbox entry, however often it is delivered. */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { parsePacket } from "../adapters/sqs/packet-schema";
import type { AppLogger } from "../config/logger";
import type { EscalationStore } from "../domain/ports";

export interface ConsumerDeps {
  readonly inbox: EscalationStore;
  readonly logger: AppLogger;
}

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function createEscalationConsumer(deps: ConsumerDeps): SqsHandler {
  const recordOne = async (record: SQSRecord) => {
    const packet = parsePacket(record.body);
    const outcome = await deps.inbox.record(packet);
    deps.logger.info("escalation recorded", {
      escalationId: packet.escalationId,
      region: packet.region,
      reason: packet.reason,
      outcome,
    });
  };
  return async (event, context) => {
    // FIFO: a failed record fails only the rest of its own conversation's group, so other conversations go on.
    const processor = new SqsFifoPartialProcessorAsync();
    return processPartialResponse(event, recordOne, processor, { context, skipGroupOnError: true });
  };
}
