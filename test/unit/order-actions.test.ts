/**
 * Order actions in the reply pipeline (issue #19): the proposal states the exact effect in the shopper's language, an
 * explicit yes executes it once (a second yes, a retried delivery, an interrupted turn never twice), a no or the
 * clock withdraws it, an order fulfilled in between is refused honestly, the seller's `approval` sends it to agents
 * who approve or decline, `off` and marketplace orders hand over with the action prepared.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { decideOnAction } from "../../functions/domain/action-approval";
import type { ActionSettings, AddressReader, MailingAddress } from "../../functions/domain/actions";
import { handleShopperMessage, type IncomingMessage } from "../../functions/domain/handle-message";
import { conversationIdFor } from "../../functions/domain/identifiers";
import { EscalationId } from "../../functions/domain/ids";
import type { MarketCode } from "../../functions/domain/markets";
import type { OrderSnapshot } from "../../functions/domain/order";
import { message, pipeline, SHOP } from "../support/domain-fakes";

const AUTO: ActionSettings = {
  modes: { cancel_order: "auto", change_address: "auto", return_request: "auto" },
};

function order(patch: Partial<OrderSnapshot> & Pick<OrderSnapshot, "name">): OrderSnapshot {
  return {
    id: `gid://shopify/Order/${patch.name.replace("#", "")}`,
    email: null,
    phone: null,
    createdAt: "2026-02-28T03:00:00.000Z",
    cancelledAt: null,
    financialStatus: "PAID",
    fulfillmentStatus: "UNFULFILLED",
    total: { amount: "1290.00", currency: "THB" },
    tracking: [],
    lineItems: [{ title: "Silk scarf", quantity: 2 }],
    shippingCountry: "TH",
    updatedAt: "2026-02-28T03:00:00.000Z",
    ...patch,
  };
}

const NEW_ADDRESS: MailingAddress = {
  address1: "12 Jalan Sudirman",
  city: "Jakarta",
  zip: "10220",
  countryCode: "ID",
};

/** A model that reads a full address from any message that names a street, and nothing from anything else. */
const modelReader: AddressReader = {
  read: async (text) =>
    /Sudirman|สุขุมวิท|Lê Lợi/.test(text) ? { kind: "complete", address: NEW_ADDRESS } : { kind: "none" },
};

describe("order actions in the reply pipeline", () => {
  let p: ReturnType<typeof pipeline>;
  let deps: Parameters<typeof handleShopperMessage>[0];
  let thread = 0;
  /** A fresh conversation in `market` with `settings`, its shopper owning `orders`. */
  let say: (text: string, patch?: Partial<IncomingMessage>) => ReturnType<typeof handleShopperMessage>;

  async function shopperWith(orders: OrderSnapshot[], market: MarketCode, settings: ActionSettings = AUTO) {
    thread++;
    const threadId = `thread-a${thread}`;
    for (const o of orders) {
      await p.orders.putOrder(SHOP, o, ["buyer:api:buyer-1"]);
      p.orderActions.setOrder(o);
    }
    say = (text, patch = {}) =>
      handleShopperMessage(deps, message(text, { market, threadId, actions: settings, ...patch }));
    return conversationIdFor(SHOP, "api", threadId);
  }

  beforeEach(() => {
    p = pipeline();
    deps = { ...p.deps, actions: p.actions, orderActions: p.orderActions };
  });

  describe("cancelling an order not yet fulfilled, confirmed with a yes in the shopper's language", () => {
    const cases = [
      {
        market: "ID" as const,
        ask: "Tolong batalkan pesanan #2001 saya",
        yes: "ya",
        amount: "Rp 1.290.000",
        total: { amount: "1290000", currency: "IDR" },
        effect: "membatalkan pesanan #2001 (2 × Silk scarf)",
        done: "pesanan #2001 sudah dibatalkan",
      },
      {
        market: "TH" as const,
        ask: "ขอยกเลิกคำสั่งซื้อ #2001 ค่ะ",
        yes: "ใช่ค่ะ",
        amount: "฿1,290.00",
        total: { amount: "1290.00", currency: "THB" },
        effect: "ยกเลิกคำสั่งซื้อ #2001 (2 × Silk scarf)",
        done: "ยกเลิกคำสั่งซื้อ #2001 แล้ว",
      },
      {
        market: "VN" as const,
        ask: "Mình muốn hủy đơn hàng #2001",
        yes: "có",
        amount: "350.000 ₫",
        total: { amount: "350000", currency: "VND" },
        effect: "hủy đơn hàng #2001 (2 × Silk scarf)",
        done: "đơn hàng #2001 đã được hủy",
      },
      {
        market: "KR" as const,
        ask: "주문 #2001 취소해 주세요",
        yes: "네",
        amount: "₩35,000",
        total: { amount: "35000", currency: "KRW" },
        effect: "주문(#2001, 2 × Silk scarf)을 취소합니다",
        done: "주문(#2001)이 취소되었어요",
      },
    ];
    for (const c of cases)
      it(`proposes the exact effect and cancels once on "${c.yes}" (${c.market})`, async () => {
        await shopperWith([order({ name: "#2001", total: c.total })], c.market);
        const proposed = await say(c.ask);
        expect(proposed.reply?.action).toMatchObject({
          type: "cancel_order",
          order: "#2001",
          status: "proposed",
        });
        expect(proposed.reply?.text).toContain(c.effect);
        expect(proposed.reply?.text.replace(/\s/g, " ")).toContain(c.amount.replace(/\s/g, " "));
        expect(p.orderActions.calls).toHaveLength(0);

        const confirmed = await say(c.yes);
        expect(confirmed.reply?.action).toMatchObject({ status: "done" });
        expect(confirmed.reply?.text).toContain(c.done);
        expect(p.orderActions.calls.map((a) => a.type)).toEqual(["cancel_order"]);
        expect(confirmed.status).toBe("ai");
      });
  });

  it("states the refund the seller chose: store credit, not the original payment method", async () => {
    await shopperWith([order({ name: "#2001" })], "TH", { ...AUTO, refundMethod: "store_credit" });
    const proposed = await say("ขอยกเลิกคำสั่งซื้อ #2001 ค่ะ");
    expect(proposed.reply?.text).toContain("เป็นเครดิตร้านค้า");
    expect(p.actions.all()[0]?.effect).toMatchObject({ refundMethod: "store_credit", restock: true });
  });

  describe("changing the address before fulfilment, read by a model into Shopify's fields", () => {
    const cases = [
      {
        market: "ID" as const,
        ask: "Tolong ubah alamat pesanan #2002 ke 12 Jalan Sudirman, Jakarta 10220",
        yes: "iya",
      },
      { market: "TH" as const, ask: "ขอเปลี่ยนที่อยู่จัดส่งของคำสั่งซื้อ #2002 เป็น สุขุมวิท 12 กรุงเทพ", yes: "ได้ค่ะ" },
      {
        market: "VN" as const,
        ask: "Cho mình đổi địa chỉ giao hàng đơn #2002 sang 5 Lê Lợi, Quận 1",
        yes: "vâng",
      },
    ];
    for (const c of cases)
      it(`proposes the address as it will be written and changes it on "${c.yes}" (${c.market})`, async () => {
        deps = { ...deps, addressReader: modelReader };
        await shopperWith([order({ name: "#2002" })], c.market);
        const proposed = await say(c.ask);
        expect(proposed.reply?.action).toMatchObject({ type: "change_address", status: "proposed" });
        expect(proposed.reply?.text).toContain("12 Jalan Sudirman, Jakarta 10220, ID");
        const confirmed = await say(c.yes);
        expect(confirmed.reply?.action?.status).toBe("done");
        expect(p.orderActions.calls[0]?.effect.address).toEqual(NEW_ADDRESS);
      });
  });

  describe("requesting a return for a delivered order", () => {
    const delivered = () =>
      order({
        name: "#2003",
        fulfillmentStatus: "DELIVERED",
        tracking: [{ company: "Kerry", number: "K1", url: null }],
      });
    const cases = [
      {
        market: "ID" as const,
        ask: "Saya mau retur pesanan #2003, barangnya rusak",
        yes: "iya",
        done: "retur untuk pesanan #2003",
      },
      {
        market: "TH" as const,
        ask: "ขอคืนสินค้าคำสั่งซื้อ #2003 ค่ะ ของเสียหาย",
        yes: "ใช่",
        done: "คำขอคืนสินค้าของคำสั่งซื้อ #2003",
      },
      {
        market: "KR" as const,
        ask: "주문 #2003 반품하고 싶어요. 제품이 불량이에요",
        yes: "네",
        done: "주문(#2003)의 반품을 신청했어요",
      },
    ];
    for (const c of cases)
      it(`proposes the return and the refund after it, and requests it on "${c.yes}" (${c.market})`, async () => {
        await shopperWith([delivered()], c.market);
        const proposed = await say(c.ask);
        expect(proposed.reply?.action).toMatchObject({ type: "return_request", status: "proposed" });
        const confirmed = await say(c.yes);
        expect(confirmed.reply?.action?.status).toBe("done");
        expect(confirmed.reply?.text).toContain(c.done);
        expect(p.orderActions.calls.map((a) => a.type)).toEqual(["return_request"]);
      });
  });

  it("treats a yes after the proposal expired as a new message: nothing runs, the shopper is told", async () => {
    await shopperWith([order({ name: "#2001" })], "TH");
    await say("ขอยกเลิกคำสั่งซื้อ #2001 ค่ะ");
    p.clock.advance(31 * 60_000);
    const late = await say("ใช่ค่ะ");
    expect(late.reply?.action?.status).toBe("expired");
    expect(late.reply?.text).toContain("หมดเวลาแล้ว");
    expect(p.orderActions.calls).toHaveLength(0);
    expect(p.actions.all()[0]?.status).toBe("expired");
  });

  it("honours the seller's proposal time", async () => {
    await shopperWith([order({ name: "#2001" })], "TH", { ...AUTO, proposalMinutes: 5 });
    await say("ขอยกเลิกคำสั่งซื้อ #2001 ค่ะ");
    p.clock.advance(6 * 60_000);
    expect((await say("ใช่ค่ะ")).reply?.action?.status).toBe("expired");
  });

  it("withdraws the proposal on a no and changes nothing", async () => {
    await shopperWith([order({ name: "#2001" })], "ID");
    await say("Tolong batalkan pesanan #2001 saya");
    const no = await say("tidak");
    expect(no.reply?.action?.status).toBe("declined");
    expect(no.reply?.text).toContain("tidak ada yang saya ubah");
    expect(p.orderActions.calls).toHaveLength(0);
  });

  it("runs the action once when the shopper says yes twice", async () => {
    await shopperWith([order({ name: "#2001" })], "ID");
    await say("Tolong batalkan pesanan #2001 saya");
    await say("ya");
    const again = await say("ya");
    expect(p.orderActions.calls).toHaveLength(1);
    expect(again.reply?.action ?? null).toBeNull();
  });

  it("answers a retried delivery of the yes with the stored turn and runs nothing again", async () => {
    await shopperWith([order({ name: "#2001" })], "ID");
    await say("Tolong batalkan pesanan #2001 saya");
    const yes = message("ya", { market: "ID", threadId: `thread-a${thread}`, actions: AUTO });
    const first = await handleShopperMessage(deps, yes);
    const retried = await handleShopperMessage(deps, yes);
    expect(retried).toEqual(first);
    expect(p.orderActions.calls).toHaveLength(1);
  });

  it("finishes an interrupted yes on retry without running the action again", async () => {
    await shopperWith([order({ name: "#2001" })], "ID");
    await say("Tolong batalkan pesanan #2001 saya");
    const yes = message("ya", { market: "ID", threadId: `thread-a${thread}`, actions: AUTO });
    const applyTurn = p.conversations.applyTurn;
    let failOnce = true;
    p.conversations.applyTurn = async (...args) => {
      if (failOnce) {
        failOnce = false;
        throw new Error("table unavailable");
      }
      return applyTurn(...args);
    };
    await expect(handleShopperMessage(deps, yes)).rejects.toThrow("table unavailable");
    const retried = await handleShopperMessage(deps, yes);
    expect(retried.reply?.action?.status).toBe("done");
    expect(p.orderActions.calls).toHaveLength(1);
  });

  it("two concurrent yes messages run the action once", async () => {
    await shopperWith([order({ name: "#2001" })], "ID");
    await say("Tolong batalkan pesanan #2001 saya");
    await Promise.all([say("ya"), say("iya")]);
    expect(p.orderActions.calls).toHaveLength(1);
  });

  it("refuses honestly when the order was fulfilled between the proposal and the yes, and hands over", async () => {
    await shopperWith([order({ name: "#2001" })], "TH");
    await say("ขอยกเลิกคำสั่งซื้อ #2001 ค่ะ");
    p.orderActions.setOrder(order({ name: "#2001", fulfillmentStatus: "FULFILLED" }));
    const yes = await say("ใช่ค่ะ");
    expect(yes.reply?.text).toContain("เพิ่งจัดส่งออกไป");
    expect(yes.reply?.action?.status).toBe("failed");
    expect(yes.status).toBe("pending_human");
    expect(p.actions.all()[0]).toMatchObject({ status: "failed", outcome: "fulfilled" });
  });

  it("hands Shopify's refusal to a person with a clear message", async () => {
    await shopperWith([order({ name: "#2001" })], "ID");
    await say("Tolong batalkan pesanan #2001 saya");
    p.orderActions.failNext("shopify_invalid", "Cannot cancel an order with pending payment authorizations");
    const yes = await say("ya");
    expect(yes.status).toBe("pending_human");
    expect(yes.reply?.text).toContain("tidak bisa saya selesaikan");
    const packet = p.escalationQueue.sent.at(-1);
    expect(packet?.action).toMatchObject({ status: "failed", outcome: "shopify_invalid" });
    expect(packet?.action?.detail).toContain("pending payment authorizations");
  });

  it("leaves an order that already shipped to today's answer: no proposal", async () => {
    await shopperWith([order({ name: "#2001", fulfillmentStatus: "FULFILLED" })], "ID");
    const asked = await say("Tolong batalkan pesanan #2001 saya");
    expect(asked.reply?.action ?? null).toBeNull();
    expect(p.actions.all()).toHaveLength(0);
  });

  describe("with the seller's approval", () => {
    const agent = {
      id: "agent-1",
      name: "Mai",
      regions: ["north-asia" as const, "sea" as const],
      shops: [SHOP],
    };
    const approvalDeps = () => ({
      inbox: p.inbox,
      conversations: p.conversations,
      channels: p.channels,
      clock: p.clock,
      actions: p.actions,
      orderActions: p.orderActions,
      translator: p.deps.translator,
    });

    async function awaitingApproval() {
      // Japan is a cautious market: its posture asks a person to approve.
      await shopperWith([order({ name: "#2001", total: { amount: "3200", currency: "JPY" } })], "JP", {});
      const proposed = await say("注文 #2001 をキャンセルしてください");
      expect(proposed.reply?.text).toContain("担当者が承認");
      const yes = await say("はい");
      expect(yes.status).toBe("pending_human");
      expect(yes.reply?.action?.status).toBe("awaiting_approval");
      const packet = p.escalationQueue.sent.at(-1);
      expect(packet?.action).toMatchObject({ type: "cancel_order", status: "awaiting_approval" });
      await p.inbox.record(packet as NonNullable<typeof packet>);
      return { escalationId: EscalationId(packet?.escalationId ?? ""), actionId: packet?.action?.id ?? "" };
    }

    it("executes only when an agent approves, and tells the shopper in Japanese", async () => {
      const { escalationId, actionId } = await awaitingApproval();
      expect(p.orderActions.calls).toHaveLength(0);
      const approved = await decideOnAction(approvalDeps(), agent, escalationId, actionId, "approve");
      expect(approved.status).toBe("done");
      expect(p.orderActions.calls).toHaveLength(1);
      expect(p.channels.delivered.at(-1)?.message.text).toContain("ご注文 #2001 をキャンセルしました");
      // A second click changes nothing and tells nobody twice.
      await decideOnAction(approvalDeps(), agent, escalationId, actionId, "approve");
      expect(p.orderActions.calls).toHaveLength(1);
      expect(p.channels.delivered).toHaveLength(1);
      expect(approved.history.map((h) => h.status)).toEqual([
        "proposed",
        "awaiting_approval",
        "confirmed",
        "done",
      ]);
    });

    it("records the agent's approval and the outcome in the conversation's audit trail, once", async () => {
      const { escalationId, actionId } = await awaitingApproval();
      await decideOnAction(approvalDeps(), agent, escalationId, actionId, "approve");
      await decideOnAction(approvalDeps(), agent, escalationId, actionId, "approve");
      const found = await p.conversations.getConversation(
        SHOP,
        conversationIdFor(SHOP, "api", `thread-a${thread}`),
      );
      const steps = found?.events.filter((e) => e.kind === "action") ?? [];
      expect(steps.map((e) => e.action?.status)).toEqual([
        "proposed",
        "awaiting_approval",
        "confirmed",
        "done",
      ]);
      expect(steps[2]).toMatchObject({ agentId: "agent-1", agentName: "Mai" });
    });

    it("records an agent's decline in the conversation's audit trail", async () => {
      const { escalationId, actionId } = await awaitingApproval();
      await decideOnAction(approvalDeps(), agent, escalationId, actionId, "decline");
      const found = await p.conversations.getConversation(
        SHOP,
        conversationIdFor(SHOP, "api", `thread-a${thread}`),
      );
      expect(found?.events.filter((e) => e.kind === "action").at(-1)).toMatchObject({
        action: { status: "declined" },
        agentId: "agent-1",
      });
    });

    it("declines without running anything and tells the shopper", async () => {
      const { escalationId, actionId } = await awaitingApproval();
      const declined = await decideOnAction(approvalDeps(), agent, escalationId, actionId, "decline");
      expect(declined.status).toBe("declined");
      expect(p.orderActions.calls).toHaveLength(0);
      expect(p.channels.delivered.at(-1)?.message.text).toContain("対応できず");
      await expect(
        decideOnAction(approvalDeps(), agent, escalationId, actionId, "approve"),
      ).rejects.toMatchObject({ code: "action_not_pending" });
    });

    it("is not found for an agent of another region", async () => {
      const { escalationId, actionId } = await awaitingApproval();
      const other = { ...agent, regions: ["sea" as const] };
      await expect(
        decideOnAction(approvalDeps(), other, escalationId, actionId, "approve"),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });

  it("sends an address written without a model to an agent as written, and needs its fields to approve", async () => {
    await shopperWith([order({ name: "#2002" })], "ID");
    const asked = await say("Tolong ubah alamat pengiriman pesanan #2002");
    expect(asked.reply?.text).toContain("alamat pengiriman baru untuk pesanan #2002");
    const given = await say("Jl. Kemang Raya No. 5, Jakarta Selatan 12730");
    expect(given.status).toBe("pending_human");
    expect(given.reply?.action).toMatchObject({ type: "change_address", status: "awaiting_approval" });
    const packet = p.escalationQueue.sent.at(-1);
    expect(packet?.action?.effect).toMatchObject({
      address: null,
      addressText: "Jl. Kemang Raya No. 5, Jakarta Selatan 12730",
    });
    await p.inbox.record(packet as NonNullable<typeof packet>);
    const deps2 = {
      inbox: p.inbox,
      conversations: p.conversations,
      channels: p.channels,
      clock: p.clock,
      actions: p.actions,
      orderActions: p.orderActions,
      translator: p.deps.translator,
    };
    const agent = { id: "agent-1", regions: ["sea" as const], shops: [SHOP] };
    const id = EscalationId(packet?.escalationId ?? "");
    await expect(decideOnAction(deps2, agent, id, packet?.action?.id ?? "", "approve")).rejects.toMatchObject(
      {
        code: "address_required",
      },
    );
    const fields = {
      address1: "Jl. Kemang Raya No. 5",
      city: "Jakarta Selatan",
      zip: "12730",
      countryCode: "ID",
    };
    const done = await decideOnAction(deps2, agent, id, packet?.action?.id ?? "", "approve", {
      address: fields,
    });
    expect(done.status).toBe("done");
    expect(p.orderActions.calls[0]?.effect.address).toEqual(fields);
  });

  it("hands over with the prepared action when the seller set the action off", async () => {
    await shopperWith([order({ name: "#2001" })], "ID", { modes: { cancel_order: "off" } });
    const asked = await say("Tolong batalkan pesanan #2001 saya");
    expect(asked.status).toBe("pending_human");
    expect(p.escalationQueue.sent.at(-1)?.action).toMatchObject({ type: "cancel_order", mode: "manual" });
    expect(p.actions.all()).toHaveLength(0);
    expect(p.orderActions.calls).toHaveLength(0);
  });

  it("never changes a marketplace order: a person gets the prepared action", async () => {
    await shopperWith([order({ name: "#2001", id: "shopee:2001", buyerKey: "buyer:api:buyer-1" })], "ID");
    const asked = await say("Tolong batalkan pesanan #2001 saya");
    expect(asked.status).toBe("pending_human");
    expect(p.escalationQueue.sent.at(-1)?.action).toMatchObject({ mode: "manual", order: { name: "#2001" } });
    expect(p.orderActions.calls).toHaveLength(0);
  });

  describe("resending the tracking details of a fulfilled order", () => {
    const shipped = () =>
      order({
        name: "#2005",
        fulfillmentStatus: "FULFILLED",
        tracking: [{ company: "Kerry", number: "KE123", url: "https://track.example/KE123" }],
      });
    const cases = [
      {
        market: "SG" as const,
        ask: "Can you resend the tracking number for order #2005 to me?",
        done: "again",
      },
      { market: "ID" as const, ask: "Kak, tolong kirim ulang nomor resi pesanan #2005", done: "sekali lagi" },
      { market: "TH" as const, ask: "ขอเลขพัสดุของคำสั่งซื้อ #2005 อีกครั้งค่ะ", done: "อีกครั้ง" },
      { market: "VN" as const, ask: "Gửi lại giúp mình mã vận đơn của đơn hàng #2005 nhé", done: "gửi lại" },
      { market: "JP" as const, ask: "注文 #2005 の追跡番号を再送してください", done: "もう一度お送りします" },
      { market: "KR" as const, ask: "주문 #2005 송장 번호 다시 보내 주세요", done: "다시 보내 드려요" },
    ];
    for (const c of cases)
      it(`resends at once, without a proposal, and gives the tracking again (${c.market})`, async () => {
        await shopperWith([shipped()], c.market);
        const sent = await say(c.ask);
        expect(sent.reply?.action).toMatchObject({ type: "resend_tracking", status: "done" });
        expect(sent.reply?.text).toContain(c.done);
        expect(sent.reply?.text).toContain("KE123");
        expect(sent.reply?.text).toContain("https://track.example/KE123");
        expect(p.orderActions.calls.map((a) => a.type)).toEqual(["resend_tracking"]);
        expect(p.actions.all()[0]?.history.map((h) => h.status)).toEqual(["confirmed", "done"]);
      });

    it("proposes it first when the seller wants to approve resends, and gives the tracking once approved", async () => {
      await shopperWith([shipped()], "SG", { modes: { resend_tracking: "approval" } });
      const proposed = await say("Please send the tracking link for #2005 again");
      expect(proposed.reply?.action).toMatchObject({ type: "resend_tracking", status: "proposed" });
      expect(proposed.reply?.text).toContain("send you the tracking details of order #2005 again");
      const yes = await say("yes");
      expect(yes.reply?.action?.status).toBe("awaiting_approval");
      expect(p.orderActions.calls).toHaveLength(0);
      const packet = p.escalationQueue.sent.at(-1);
      await p.inbox.record(packet as NonNullable<typeof packet>);
      const agent = { id: "agent-1", name: "Mai", regions: ["sea" as const], shops: [SHOP] };
      const deps = {
        inbox: p.inbox,
        conversations: p.conversations,
        channels: p.channels,
        clock: p.clock,
        actions: p.actions,
        orderActions: p.orderActions,
        translator: p.deps.translator,
      };
      const escalationId = EscalationId(packet?.escalationId ?? "");
      await decideOnAction(deps, agent, escalationId, packet?.action?.id ?? "", "approve");
      expect(p.channels.delivered.at(-1)?.message.text).toContain("KE123");
    });

    it("leaves a plain status question to the status answer: nothing is resent", async () => {
      await shopperWith([shipped()], "SG");
      const status = await say("Where is my order #2005?");
      expect(status.reply?.action ?? null).toBeNull();
      expect(status.reply?.text).toContain("KE123");
      expect(p.orderActions.calls).toHaveLength(0);
    });
  });

  describe("each step in the conversation's audit trail", () => {
    const steps = async (conversationId: ReturnType<typeof conversationIdFor>) =>
      ((await p.conversations.getConversation(SHOP, conversationId))?.events ?? [])
        .filter((e) => e.kind === "action")
        .map((e) => `${e.action?.type}:${e.action?.status}`);

    it("records the proposal, the shopper's yes and the outcome as events", async () => {
      const id = await shopperWith([order({ name: "#2001" })], "ID");
      await say("Tolong batalkan pesanan #2001 saya");
      await say("ya");
      expect(await steps(id)).toEqual([
        "cancel_order:proposed",
        "cancel_order:confirmed",
        "cancel_order:done",
      ]);
    });

    it("records a no as declined and a late yes as expired", async () => {
      const declined = await shopperWith([order({ name: "#2001" })], "ID");
      await say("Tolong batalkan pesanan #2001 saya");
      await say("tidak");
      expect(await steps(declined)).toEqual(["cancel_order:proposed", "cancel_order:declined"]);
      const expired = await shopperWith([order({ name: "#2002" })], "TH");
      await say("ขอยกเลิกคำสั่งซื้อ #2002 ค่ะ");
      p.clock.advance(31 * 60_000);
      await say("ใช่ค่ะ");
      expect(await steps(expired)).toEqual(["cancel_order:proposed", "cancel_order:expired"]);
    });

    it("records Shopify's refusal as failed, with its code", async () => {
      const id = await shopperWith([order({ name: "#2001" })], "ID");
      await say("Tolong batalkan pesanan #2001 saya");
      p.orderActions.failNext("shopify_invalid", "Cannot cancel");
      await say("ya");
      const events = (await p.conversations.getConversation(SHOP, id))?.events ?? [];
      expect(events.filter((e) => e.kind === "action").at(-1)).toMatchObject({
        action: { type: "cancel_order", status: "failed", order: "#2001" },
        note: "shopify_invalid",
      });
    });

    it("records a resend as confirmed and done", async () => {
      const shipped = order({
        name: "#2005",
        fulfillmentStatus: "FULFILLED",
        tracking: [{ company: "Kerry", number: "KE123", url: null }],
      });
      const id = await shopperWith([shipped], "SG");
      await say("Can you resend the tracking number for order #2005?");
      expect(await steps(id)).toEqual(["resend_tracking:confirmed", "resend_tracking:done"]);
    });
  });

  it("counts proposals, confirmations and outcomes per market", async () => {
    await shopperWith([order({ name: "#2001" })], "TH");
    await say("ขอยกเลิกคำสั่งซื้อ #2001 ค่ะ");
    await say("ใช่ค่ะ");
    expect(p.metrics.total("ActionsProposed", { market: "TH" })).toBe(1);
    expect(p.metrics.total("ActionsConfirmed", { market: "TH" })).toBe(1);
    expect(p.metrics.total("ActionsDone", { market: "TH", type: "cancel_order" })).toBe(1);
  });
});
