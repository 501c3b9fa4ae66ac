/** The regions' FIFO escalation queues in memory: packets in order, a resent escalation id dropped as SQS does. */
import type { HandoffPacket } from "../escalation";
import type { EscalationQueue } from "../ports";
import { copy } from "./page";

export interface FakeEscalationQueue extends EscalationQueue {
  /** Packets waiting, oldest first. */
  readonly pending: readonly HandoffPacket[];
  /** Every packet ever accepted, oldest first (duplicates excluded). */
  readonly sent: readonly HandoffPacket[];
  /** Hands the waiting packets to `consumer` one by one (as the consumer Lambda would) and empties the queue. */
  drain(consumer: (packet: HandoffPacket) => Promise<unknown>): Promise<number>;
  /** Makes every send fail with `error` until called again with null (the queue is down). */
  failWith(error: Error | null): void;
}

/** An EscalationQueue in memory that deduplicates on the escalation id, like the FIFO queues' deduplication id. */
export function createFakeEscalationQueue(): FakeEscalationQueue {
  const pending: HandoffPacket[] = [];
  const sent: HandoffPacket[] = [];
  const seen = new Set<string>();
  let failure: Error | null = null;
  return {
    pending,
    sent,
    async send(packet) {
      if (failure) throw failure;
      if (seen.has(packet.escalationId)) return;
      seen.add(packet.escalationId);
      pending.push(copy(packet));
      sent.push(copy(packet));
    },
    async drain(consumer) {
      let handled = 0;
      for (let packet = pending.shift(); packet; packet = pending.shift()) {
        await consumer(packet);
        handled++;
      }
      return handled;
    },
    failWith(error) {
      failure = error;
    },
  };
}
