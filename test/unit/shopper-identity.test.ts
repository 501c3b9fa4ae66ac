import { describe, expect, it } from "vitest";
import { handleShopperMessage } from "../../functions/domain/handle-message";
import { shopperLookupKeys } from "../../functions/domain/privacy";
import { DEMO_ORDERS } from "../../functions/local/demo-data";
import { message, pipeline, SHOP } from "../support/domain-fakes";

/** The demo orders cached under their checkout email and phone, as Shopify's webhooks index them. */
async function withOrders() {
  const p = pipeline();
  for (const order of DEMO_ORDERS) await p.orders.putOrder(SHOP, order, shopperLookupKeys(order));
  return p;
}
const lineShopper = (thread: string) => ({
  channel: "line",
  threadId: thread,
  shopper: { id: "U0123", name: "Siti" },
});

describe("one shopper across messages and threads (R4)", () => {
  it("links a chat identity to the checkout email it confirmed with the order number, so later questions need no details", async () => {
    const { deps } = await withOrders();
    const first = await handleShopperMessage(
      deps,
      message("Where is my order #1001? My email is siti@example.com", lineShopper("t-1")),
    );
    expect(first.reply?.text).toContain("#1001");
    // Another thread of the same LINE user, nothing named: their orders are found from the link.
    const later = await handleShopperMessage(deps, message("Where is my order?", lineShopper("t-2")));
    expect(later.reply?.text).toMatch(/#1002/);
  });

  it("never links from an email typed without its order number", async () => {
    const { deps } = await withOrders();
    await handleShopperMessage(
      deps,
      message("Where is my order? My email is siti@example.com", lineShopper("t-1")),
    );
    const later = await handleShopperMessage(deps, message("Where is my order?", lineShopper("t-2")));
    expect(later.reply?.text).not.toMatch(/#1002|#1003/);
  });

  it("never links from an order number with someone else's email", async () => {
    const { deps } = await withOrders();
    await handleShopperMessage(
      deps,
      message("Where is my order #1001? My email is other@example.com", lineShopper("t-1")),
    );
    const later = await handleShopperMessage(deps, message("Where is my order?", lineShopper("t-2")));
    expect(later.reply?.text).not.toMatch(/#1002|#1003/);
  });
});
