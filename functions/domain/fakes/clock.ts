/** A clock that stands still until told to move, so timestamps and deadlines in tests are exact. */
import type { Clock } from "../ports";

export interface FakeClock extends Clock {
  /** Moves the clock to this instant. */
  set(at: Date | string): void;
  /** Moves the clock forward by this many milliseconds. */
  advance(ms: number): void;
}

/** A clock fixed at `start` (default 2026-03-02T03:00:00Z, a Monday within Asian business hours) until moved. */
export function createFakeClock(start: Date | string = "2026-03-02T03:00:00.000Z"): FakeClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (at) => {
      now = new Date(at).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
