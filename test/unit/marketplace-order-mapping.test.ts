import { describe, expect, it } from "vitest";
import { lazadaOrderEvent, lazadaStage, lazadaTime } from "../../functions/channels/lazada/orders";
import { fromShopeeOrder, shopeeOrderEvent, shopeeStage } from "../../functions/channels/shopee/orders";
import { fromTikTokOrder, tiktokOrderEvent, tiktokStage } from "../../functions/channels/tiktok/orders";
import { stageFields } from "../../functions/channels/shared/orders";
import { extractEntities } from "../../functions/domain/extract";
import { type OrderSnapshot, orderStage } from "../../functions/domain/order";

const stageOf = (fields: ReturnType<typeof stageFields>) =>
  orderStage({ ...fields, tracking: [] } as unknown as OrderSnapshot);

describe("marketplace orders as our snapshots", () => {
  it("maps every documented Shopee, Lazada and TikTok status to the stage the shopper is told", () => {
    const at = "2026-03-02T00:00:00.000Z";
    const shopee = {
      UNPAID: "awaiting_payment",
      READY_TO_SHIP: "preparing",
      PROCESSED: "preparing",
      SHIPPED: "shipped",
      TO_CONFIRM_RECEIVE: "delivered",
      COMPLETED: "delivered",
      CANCELLED: "cancelled",
      IN_CANCEL: "preparing",
      TO_RETURN: "delivered",
    };
    for (const [status, stage] of Object.entries(shopee))
      expect(stageOf(stageFields(shopeeStage(status), at))).toBe(stage);
    const lazada = {
      unpaid: "awaiting_payment",
      pending: "preparing",
      ready_to_ship: "preparing",
      shipped: "shipped",
      delivered: "delivered",
      canceled: "cancelled",
      returned: "refunded",
    };
    for (const [status, stage] of Object.entries(lazada))
      expect(stageOf(stageFields(lazadaStage([status]), at))).toBe(stage);
    const tiktok = {
      UNPAID: "awaiting_payment",
      AWAITING_SHIPMENT: "preparing",
      AWAITING_COLLECTION: "preparing",
      IN_TRANSIT: "shipped",
      DELIVERED: "delivered",
      COMPLETED: "delivered",
      CANCELLED: "cancelled",
      CANCEL: "cancelled",
    };
    for (const [status, stage] of Object.entries(tiktok))
      expect(stageOf(stageFields(tiktokStage(status), at))).toBe(stage);
  });

  it("names the marketplace's buyer on the snapshot, with carrier and tracking number", () => {
    const shopee = fromShopeeOrder(
      {
        order_sn: "250101SPX00001",
        order_status: "SHIPPED",
        create_time: 1_770_000_000,
        update_time: 1_770_000_600,
        currency: "IDR",
        buyer_user_id: "880022",
        shipping_carrier: "SPX Express",
        total_amount: 150000,
        item_list: [{ item_name: "Batik", model_quantity_purchased: 2 }],
        region: "ID",
      },
      "SPXID0123456789",
    );
    expect(shopee).toMatchObject({
      name: "250101SPX00001",
      buyerKey: "buyer:shopee:880022",
      total: { amount: "150000", currency: "IDR" },
      tracking: [{ company: "SPX Express", number: "SPXID0123456789", url: null }],
      lineItems: [{ title: "Batik", quantity: 2 }],
    });
    const tiktok = fromTikTokOrder({
      id: "576461413038785752",
      status: "IN_TRANSIT",
      user_id: "7494012345",
      create_time: 1,
      update_time: 2,
      line_items: [{ product_name: "Scarf", tracking_number: "TH1", shipping_provider_name: "Flash" }],
    });
    expect(tiktok.buyerKey).toBe("buyer:tiktok:7494012345");
    expect(tiktok.tracking).toEqual([{ company: "Flash", number: "TH1", url: null }]);
    expect(lazadaTime("2026-03-02 09:30:00 +0800")).toBe("2026-03-02T01:30:00.000Z");
  });

  it("reads order pushes as order events carrying the vendor's update time, and nothing else as one", () => {
    expect(
      shopeeOrderEvent({
        code: 3,
        shop_id: 1,
        timestamp: 5,
        data: { ordersn: "250101SPX00001", status: "SHIPPED", update_time: 1_770_000_000 },
      }),
    ).toMatchObject({
      kind: "order_event",
      orderId: "250101SPX00001",
      updatedAt: "2026-02-02T02:40:00.000Z",
    });
    expect(shopeeOrderEvent({ code: 10, shop_id: 1, data: {} })).toBeNull();
    expect(
      lazadaOrderEvent({
        seller_id: "1",
        message_type: 0,
        data: {
          trade_order_id: "402145556603456",
          order_status: "shipped",
          status_update_time: 1_770_000_000,
        },
      })?.orderId,
    ).toBe("402145556603456");
    expect(lazadaOrderEvent({ seller_id: "1", message_type: 2, data: {} })).toBeNull();
    expect(
      tiktokOrderEvent({
        type: 1,
        shop_id: "7",
        data: { order_id: "576461413038785752", order_status: "CANCEL", update_time: 1_770_000_000 },
      })?.status,
    ).toBe("CANCEL");
  });

  it("recognises an order card's marketplace order number in the message", () => {
    expect(extractEntities("#250101SPX00001").orderNames).toEqual(["#250101SPX00001"]);
    expect(extractEntities("#576461413038785752").orderNames).toEqual(["#576461413038785752"]);
    expect(extractEntities("#402145556603456").orderNames).toEqual(["#402145556603456"]);
  });
});
