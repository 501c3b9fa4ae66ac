import { describe, expect, it } from "vitest";
import type { EscalationReason } from "../../functions/domain/conversation";
import type { OrderSnapshot } from "../../functions/domain/order";
import { OVERDUE_PRIORITY, priorityOf } from "../../functions/domain/priority";
import { DEMO_ORDERS } from "../../functions/local/demo-data";

const [base] = DEMO_ORDERS as [OrderSnapshot];
/** An order of this amount; far below and far above any market's high-value line (about USD 200). */
const worth = (amount: string, currency: string): OrderSnapshot => ({ ...base, total: { amount, currency } });
const small = { IDR: worth("15000", "IDR"), JPY: worth("100", "JPY"), USD: worth("1", "USD") };
const large = { IDR: worth("500000000", "IDR"), JPY: worth("50000000", "JPY"), USD: worth("100000", "USD") };

describe("priority: how urgent an escalation is (lower first)", () => {
  it("puts sensitive matters first, then frustration, then a request for a person, then an action for the team", () => {
    const order: EscalationReason[] = ["sensitive", "frustration", "human_requested", "action_required"];
    const priorities = order.map((reason) => priorityOf(reason, null));
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    expect(new Set(priorities).size).toBe(order.length);
  });

  it("ranks a request for a person the AI did not understand like a request for a person", () => {
    expect(priorityOf("not_understood", null)).toBe(priorityOf("human_requested", null));
  });

  for (const currency of ["IDR", "JPY", "USD"] as const) {
    it(`answers a high-value order before a low-value one with the same reason (${currency})`, () => {
      expect(priorityOf("human_requested", large[currency])).toBeLessThan(
        priorityOf("human_requested", small[currency]),
      );
    });
  }

  it("ranks a low-value order like no order at all", () => {
    expect(priorityOf("action_required", small.IDR)).toBe(priorityOf("action_required", null));
  });

  it("never lets an order's value jump ahead of a more urgent reason", () => {
    expect(priorityOf("sensitive", small.IDR)).toBeLessThan(priorityOf("frustration", large.IDR));
    expect(priorityOf("frustration", small.IDR)).toBeLessThan(priorityOf("human_requested", large.IDR));
  });

  it("leaves the very top to overdue escalations", () => {
    const reasons: EscalationReason[] = [
      "sensitive",
      "frustration",
      "human_requested",
      "not_understood",
      "action_required",
      "needs_review",
      "media",
    ];
    for (const reason of reasons) expect(priorityOf(reason, large.IDR)).toBeGreaterThan(OVERDUE_PRIORITY);
  });
});
