/** A FIFO queue in memory that drops a message whose deduplication id it has seen, as the SQS FIFO queues do. */
import { copy } from "./page";

export interface FakeFifoQueue<T> {
  /** Messages waiting, oldest first. */
  readonly pending: readonly T[];
  /** Every message ever accepted, oldest first (duplicates excluded). */
  readonly sent: readonly T[];
  /** Hands the waiting messages to `consumer` one by one (as the consumer Lambda would) and empties the queue. */
  drain(consumer: (message: T) => Promise<unknown>): Promise<number>;
  /** Makes every send fail with `error` until called again with null (the queue is down). */
  failWith(error: Error | null): void;
}

/** The queue and its `send`, kept apart so each fake exposes only its port's methods plus these. */
export function createFifoQueue<T>(): FakeFifoQueue<T> & { send(message: T, dedupeId: string): void } {
  const pending: T[] = [];
  const sent: T[] = [];
  const seen = new Set<string>();
  let failure: Error | null = null;
  return {
    pending,
    sent,
    send(message, dedupeId) {
      if (failure) throw failure;
      // SQS forgets a deduplication id after five minutes; a fake without time keeps it, which tests rely on.
      if (seen.has(dedupeId)) return;
      seen.add(dedupeId);
      pending.push(copy(message));
      sent.push(copy(message));
    },
    async drain(consumer) {
      let handled = 0;
      for (let message = pending.shift(); message; message = pending.shift()) {
        await consumer(message);
        handled++;
      }
      return handled;
    },
    failWith(error) {
      failure = error;
    },
  };
}
