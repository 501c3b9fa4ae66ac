import { describe, expect, it } from "vitest";
import { phoneE164 } from "../../functions/domain/contact";
import type { OrderSnapshot } from "../../functions/domain/order";
import { type OrderEvidence, resolveOrder, shopperKeys } from "../../functions/domain/order-resolution";
import { DEMO_ORDERS, DEMO_SHOPPER } from "../../functions/local/demo-data";

const [shipped, preparing, cancelled] = DEMO_ORDERS as [OrderSnapshot, OrderSnapshot, OrderSnapshot];
const stranger = { id: "stranger-7" };

/** What one message brings: nothing typed, nothing remembered, no orders linked to the shopper. */
const evidence = (patch: Partial<OrderEvidence>): OrderEvidence => ({
  namedOrder: null,
  orderByName: null,
  shopperOrders: [],
  shopper: stranger,
  claimedEmails: [],
  claimedPhones: [],
  region: "ID",
  rememberedOrder: null,
  ...patch,
});

describe("order resolution: a typed email or phone is not an identity", () => {
  it("lists no orders for an email typed without an order number", () => {
    // The cache is asked only for the channel's identity, so the stranger's evidence holds none of Siti's orders.
    expect(shopperKeys("api", stranger, "ID")).toEqual(["buyer:api:stranger-7"]);
    expect(resolveOrder(evidence({ claimedEmails: [DEMO_SHOPPER.email] }))).toEqual({ kind: "none" });
  });

  it("lists no orders for a phone number typed without an order number", () => {
    expect(resolveOrder(evidence({ claimedPhones: ["081234567890"] }))).toEqual({ kind: "none" });
  });

  it("unlocks the named order when the typed email is its checkout email", () => {
    const r = resolveOrder(
      evidence({ namedOrder: "#1001", orderByName: shipped, claimedEmails: ["SITI@example.com"] }),
    );
    expect(r).toEqual({ kind: "found", order: shipped });
  });

  it("unlocks the named order when a local-format phone is its checkout phone in the market's country", () => {
    const r = resolveOrder(
      evidence({ namedOrder: "#1001", orderByName: shipped, claimedPhones: ["081234567890"] }),
    );
    expect(r).toEqual({ kind: "found", order: shipped });
  });

  it("does not read a local number in another market's country as the checkout phone", () => {
    const r = resolveOrder(
      evidence({
        namedOrder: "#1001",
        orderByName: { ...shipped, shippingCountry: null },
        claimedPhones: ["081234567890"],
        region: "TH",
      }),
    );
    expect(r).toEqual({ kind: "not_found", name: "#1001" });
  });

  it("answers a named order with someone else's contact details exactly like an order that does not exist", () => {
    const wrong = { claimedEmails: ["someone@else.example"], claimedPhones: ["+6599998888"] };
    const existing = resolveOrder(evidence({ namedOrder: "#1001", orderByName: shipped, ...wrong }));
    const missing = resolveOrder(evidence({ namedOrder: "#1001", orderByName: null, ...wrong }));
    expect(existing).toEqual({ kind: "not_found", name: "#1001" });
    expect(missing).toEqual(existing);
  });

  it("does not let a checkout email unlock an order other than the one named", () => {
    const other = { ...preparing, email: "other@example.com", phone: null };
    const r = resolveOrder(
      evidence({ namedOrder: "#1002", orderByName: other, claimedEmails: [DEMO_SHOPPER.email] }),
    );
    expect(r).toEqual({ kind: "not_found", name: "#1002" });
  });
});

describe("order resolution: the identity the channel vouches for", () => {
  const siti = { id: DEMO_SHOPPER.id, email: DEMO_SHOPPER.email, phone: "0812-3456-7890" };

  it("indexes the vouched phone in E.164 for the market's country", () => {
    expect(shopperKeys("api", siti, "ID")).toContain("phone:+6281234567890");
    expect(phoneE164("0812-3456-7890", "ID")).toBe("+6281234567890");
  });

  it("describes a named order linked to the vouched email or phone, with nothing typed", () => {
    const r = resolveOrder(evidence({ shopper: siti, namedOrder: "#1001", orderByName: shipped }));
    expect(r).toEqual({ kind: "found", order: shipped });
  });

  it("answers for each open order when the shopper named none", () => {
    const r = resolveOrder(evidence({ shopper: siti, shopperOrders: [shipped, preparing, cancelled] }));
    expect(r).toEqual({ kind: "several", orders: [preparing, shipped] });
  });

  it("offers only shipped or delivered orders as candidates for a refund or return", () => {
    const delivered = {
      ...shipped,
      id: "gid://shopify/Order/9",
      name: "#1009",
      fulfillmentStatus: "DELIVERED",
    };
    const r = resolveOrder(
      evidence({
        shopper: siti,
        intent: "refund_return",
        shopperOrders: [shipped, preparing, delivered, cancelled],
      }),
    );
    expect(r.kind).toBe("several");
    expect(r.kind === "several" && r.orders.map((o) => o.name).sort()).toEqual(["#1001", "#1009"]);
  });

  it("takes the one order that has shipped as the refund's order, not the newer unshipped one", () => {
    const r = resolveOrder(
      evidence({ shopper: siti, intent: "refund_return", shopperOrders: [shipped, preparing] }),
    );
    expect(r).toEqual({ kind: "found", order: shipped });
  });
});

describe("order resolution: what the conversation already knows (R4)", () => {
  const siti = { id: DEMO_SHOPPER.id, email: DEMO_SHOPPER.email };

  it("answers about the order the conversation already verified when the shopper names none", () => {
    const r = resolveOrder(
      evidence({ shopper: siti, shopperOrders: [shipped, preparing], rememberedOrder: shipped }),
    );
    expect(r).toEqual({ kind: "found", order: shipped });
  });

  it("checks a newly named order on its own, whatever order the conversation remembers", () => {
    const other = { ...preparing, email: "other@example.com", phone: null };
    const r = resolveOrder(
      evidence({ shopper: stranger, namedOrder: "#1002", orderByName: other, rememberedOrder: shipped }),
    );
    expect(r).toEqual({ kind: "not_found", name: "#1002" });
  });

  it("answers about the latest order when none of the shopper's orders is still open", () => {
    const r = resolveOrder(evidence({ shopper: siti, shopperOrders: [cancelled] }));
    expect(r).toEqual({ kind: "found", order: cancelled });
  });
});
