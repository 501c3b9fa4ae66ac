/**
 * Order actions end to end (issue #19) against the real stack: DynamoDB through the emulator (every operation
 * counted by a proxy), the escalation queue and its consumer, and the local Shopify speaking orderCancel, orderUpdate
 * and returnRequest. The shopper confirms over POST /v1/messages; agents approve or decline through the inbox API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS, type LocalStack } from "../../functions/local/stack";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { startFaultProxy } from "../support/fault-proxy";
import { fakeOrder } from "../support/fake-shopify";
import { http } from "../support/local-stack";
import { installShop } from "../support/shopify-signing";
import { startStackWithShopify } from "../support/shopify-stack";

const SHOP = "actions-silk.myshopify.com";
const SECRET = LOCAL_DEFAULTS.shopifyApiSecret;

type Reply = {
  conversationId: string;
  status: string;
  reply: { text: string; action?: { id: string; type: string; order: string; status: string } | null } | null;
  escalation: { id: string } | null;
};

describe("order actions against the local Shopify", () => {
  let fake: Awaited<ReturnType<typeof startStackWithShopify>>["fake"];
  let proxy: Awaited<ReturnType<typeof startFaultProxy>> | undefined;
  let stack: LocalStack;
  let apiKey = "";
  let thread = 0;
  const url = (path: string) => `${stack.url}${path}`;
  const agent = (regions: string[]) =>
    signAgentToken(stack.deps.agentJwtSecret, {
      sub: "agent-ken",
      name: "Ken",
      regions: regions as ("sea" | "north-asia")[],
      shops: [SHOP],
      languages: ["en"],
    });

  /** A conversation in `market`: `say(text, messageId?)` posts the shopper's message. */
  function conversation(market: string) {
    thread++;
    let n = 0;
    return (text: string, messageId?: string) =>
      http<Reply>(url("/v1/messages"), {
        token: apiKey,
        body: {
          channel: "api",
          conversationId: `actions-${thread}`,
          messageId: messageId ?? `m-${thread}-${++n}`,
          market,
          shopper: { id: `buyer-${thread}`, email: "somchai@example.com" },
          text,
        },
      });
  }

  beforeAll(async () => {
    ({ fake, stack } = await startStackWithShopify({
      dynamodbEndpoint: async (real) => {
        proxy = await startFaultProxy(real);
        return proxy.endpoint;
      },
    }));
    apiKey = await installShop(stack.url, SECRET, SHOP, fake.issueCode);
    await stack.poller.drain();
    const delivered = {
      status: "SUCCESS",
      displayStatus: "DELIVERED",
      trackingInfo: [{ company: "Kerry", number: "KE1", url: null }],
      fulfillmentLineItems: { nodes: [{ id: "gid://shopify/FulfillmentLineItem/77", quantity: 1 }] },
    };
    fake.setOrders(SHOP, [
      fakeOrder({ id: "gid://shopify/Order/3001", name: "#3001" }),
      fakeOrder({ id: "gid://shopify/Order/3002", name: "#3002" }),
      fakeOrder({ id: "gid://shopify/Order/3003", name: "#3003" }),
      fakeOrder({ id: "gid://shopify/Order/3004", name: "#3004" }),
      fakeOrder({
        id: "gid://shopify/Order/3005",
        name: "#3005",
        displayFulfillmentStatus: "FULFILLED",
        fulfillments: [delivered],
      }),
      fakeOrder({ id: "gid://shopify/Order/3006", name: "#3006" }),
      fakeOrder({ id: "gid://shopify/Order/3007", name: "#3007" }),
      fakeOrder({ id: "gid://shopify/Order/3008", name: "#3008" }),
      fakeOrder({
        id: "gid://shopify/Order/3009",
        name: "#3009",
        displayFulfillmentStatus: "FULFILLED",
        fulfillments: [
          {
            ...delivered,
            trackingInfo: [{ company: "Kerry", number: "KE9", url: "https://track.example/KE9" }],
          },
        ],
      }),
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
    await fake?.stop();
    await proxy?.stop();
  });

  /** DynamoDB operations and Shopify calls made by `run`. */
  async function measured<T>(run: () => Promise<T>) {
    const [db, shopify] = [proxy?.operations.length ?? 0, fake.graphqlCalls.length];
    const result = await run();
    return {
      result,
      dynamodb: proxy?.operations.slice(db) ?? [],
      shopify: fake.graphqlCalls.slice(shopify).map((c) => /(mutation|query) (\w+)/.exec(c.query)?.[2]),
    };
  }

  it("cancels through orderCancel with the seller's refund and restock choices, once, on the shopper's yes", async () => {
    const say = conversation("TH");
    const proposal = await measured(() => say("ขอยกเลิกคำสั่งซื้อ #3001 ค่ะ อีเมล somchai@example.com"));
    expect(proposal.result.body.reply?.action).toMatchObject({ type: "cancel_order", status: "proposed" });
    expect(proposal.result.body.reply?.text).toContain("฿1,290.00");
    const yes = await measured(() => say("ใช่ค่ะ", "yes-3001"));
    expect(yes.result.body.reply?.action?.status).toBe("done");
    expect(fake.mutations.filter((m) => m.name === "orderCancel")).toEqual([
      {
        shop: SHOP,
        name: "orderCancel",
        variables: expect.objectContaining({
          orderId: "gid://shopify/Order/3001",
          refundMethod: { originalPaymentMethodsRefund: true },
          restock: true,
          reason: "CUSTOMER",
          notifyCustomer: true,
        }),
      },
    ]);
    expect(fake.order(SHOP, "gid://shopify/Order/3001")?.cancelledAt).not.toBeNull();
    // The yes turn: the turn's reads (a second BatchGet for the keys linked to this shopper when the proposal named
    // the order with its checkout email), two conditional action updates each recorded as a conversation event (the
    // conversation's expiry read, the event put once), the conversation update, the turn put.
    expect(yes.dynamodb).toEqual([
      "BatchGetItem",
      "BatchGetItem",
      "UpdateItem",
      "GetItem",
      "PutItem",
      "UpdateItem",
      "GetItem",
      "PutItem",
      "UpdateItem",
      "PutItem",
    ]);
    // One re-read of the order, then the mutation.
    expect(yes.shopify).toEqual(["SupportActionOrder", "SupportOrderCancel"]);

    // A retried delivery of the same yes is answered with the stored turn and runs nothing.
    const retried = await measured(() => say("ใช่ค่ะ", "yes-3001"));
    expect(retried.result.body).toEqual(yes.result.body);
    expect(retried.shopify).toEqual([]);
    expect(fake.mutations.filter((m) => m.name === "orderCancel")).toHaveLength(1);

    // Each step is in the conversation's audit trail, once, as GET /v1/conversations/{id} shows it.
    const seen = await http<{
      events: { kind: string; action?: { type: string; order: string; status: string } }[];
    }>(url(`/v1/conversations/${yes.result.body.conversationId}`), { token: apiKey });
    expect(seen.body.events.filter((e) => e.kind === "action").map((e) => e.action)).toEqual(
      ["proposed", "confirmed", "done"].map((status) => ({
        id: expect.any(String),
        type: "cancel_order",
        order: "#3001",
        status,
      })),
    );
  });

  it("resends the tracking at once when the shopper asks for it again, read fresh from Shopify", async () => {
    const say = conversation("TH");
    const before = fake.mutations.length;
    const asked = await measured(() => say("ขอเลขพัสดุของคำสั่งซื้อ #3009 อีกครั้งค่ะ อีเมล somchai@example.com"));
    expect(asked.result.body.reply?.action).toMatchObject({ type: "resend_tracking", status: "done" });
    expect(asked.result.body.reply?.text).toContain("KE9");
    expect(asked.result.body.reply?.text).toContain("https://track.example/KE9");
    // The order re-read at Shopify, and no mutation: nothing changes at the shop.
    expect(asked.shopify).toContain("SupportActionOrder");
    expect(fake.mutations.length).toBe(before);
    const seen = await http<{ events: { kind: string; action?: { status: string } }[] }>(
      url(`/v1/conversations/${asked.result.body.conversationId}`),
      { token: apiKey },
    );
    expect(seen.body.events.filter((e) => e.kind === "action").map((e) => e.action?.status)).toEqual([
      "confirmed",
      "done",
    ]);
  });

  it("changes nothing and says so when the order was fulfilled between the proposal and the yes", async () => {
    const say = conversation("TH");
    await say("ขอยกเลิกคำสั่งซื้อ #3002 ค่ะ อีเมล somchai@example.com");
    fake.updateOrder(SHOP, "gid://shopify/Order/3002", { displayFulfillmentStatus: "FULFILLED" });
    const before = fake.mutations.length;
    const yes = await say("ใช่ค่ะ");
    expect(yes.body.reply?.text).toContain("เพิ่งจัดส่งออกไป");
    expect(yes.body.status).toBe("pending_human");
    expect(fake.mutations.length).toBe(before);
  });

  it("turns Shopify's userErrors into a clear message and a person", async () => {
    const say = conversation("TH");
    await say("ขอยกเลิกคำสั่งซื้อ #3003 ค่ะ อีเมล somchai@example.com");
    fake.rejectNext("orderCancel", {
      field: ["orderId"],
      message: "Cannot cancel an order with pending payment authorizations",
      code: "INVALID",
    });
    const yes = await say("ใช่ค่ะ");
    expect(yes.body.status).toBe("pending_human");
    expect(yes.body.reply?.action?.status).toBe("failed");
    expect(yes.body.reply?.text).toContain("ไม่สามารถดำเนินการ");
    await stack.poller.drain();
    const packet = await http<{ action: { outcome: string; detail: string } }>(
      url(`/v1/inbox/${yes.body.escalation?.id}`),
      { token: await agent(["sea"]) },
    );
    expect(packet.body.action).toMatchObject({ outcome: "shopify_invalid" });
    expect(packet.body.action.detail).toContain("pending payment authorizations");
  });

  it("requests a return for a delivered order with returnRequest over its fulfilled line items", async () => {
    const say = conversation("TH");
    const proposal = await say("ขอคืนสินค้าคำสั่งซื้อ #3005 ค่ะ ของเสียหาย อีเมล somchai@example.com");
    expect(proposal.body.reply?.action?.type).toBe("return_request");
    const yes = await measured(() => say("ใช่"));
    expect(yes.result.body.reply?.action?.status).toBe("done");
    expect(fake.mutations.at(-1)).toMatchObject({
      name: "returnRequest",
      variables: {
        input: {
          orderId: "gid://shopify/Order/3005",
          returnLineItems: [{ fulfillmentLineItemId: "gid://shopify/FulfillmentLineItem/77", quantity: 1 }],
        },
      },
    });
    expect(yes.shopify).toEqual(["SupportActionOrder", "SupportReturnRequest"]);
  });

  describe("with approval (Japan's cautious posture)", () => {
    async function awaitingApproval(order: string) {
      const say = conversation("JP");
      await say(`注文 ${order} をキャンセルしてください。メールは somchai@example.com です`);
      const yes = await say("はい");
      expect(yes.body.reply?.action?.status).toBe("awaiting_approval");
      await stack.poller.drain();
      return { escalationId: yes.body.escalation?.id ?? "", actionId: yes.body.reply?.action?.id ?? "" };
    }

    it("runs the action once when an agent of the region approves, and the shopper is told", async () => {
      const { escalationId, actionId } = await awaitingApproval("#3006");
      const token = await agent(["north-asia"]);
      const packet = await http<{ action: { status: string; effect: { items: unknown[] } } }>(
        url(`/v1/inbox/${escalationId}`),
        { token },
      );
      expect(packet.body.action).toMatchObject({ status: "awaiting_approval" });
      const before = fake.mutations.length;
      const approve = () =>
        http<{ status: string }>(url(`/v1/inbox/${escalationId}/actions/${actionId}/approve`), {
          method: "POST",
          token,
        });
      const approved = await measured(approve);
      expect(approved.result.status).toBe(200);
      expect(approved.result.body.status).toBe("done");
      expect(fake.mutations.length).toBe(before + 1);
      expect((await approve()).body.status).toBe("done");
      expect(fake.mutations.length).toBe(before + 1);
      const seen = await http<{ messages: { role: string; text: string }[] }>(
        url(
          `/v1/conversations/${(await http<{ conversationId: string }>(url(`/v1/inbox/${escalationId}`), { token })).body.conversationId}`,
        ),
        { token: apiKey },
      );
      expect(seen.body.messages.filter((m) => m.text.includes("#3006 をキャンセルしました"))).toHaveLength(1);
    });

    it("approves with one click on the packet page (a same-origin form post), and refuses another site's post", async () => {
      const { escalationId, actionId } = await awaitingApproval("#3004");
      const form = (path: string, body: Record<string, string>, origin: string, cookie = "") =>
        fetch(url(path), {
          method: "POST",
          redirect: "manual",
          headers: { origin, cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(body),
        });
      const signIn = await form(
        "/inbox/sign-in",
        { kind: "agent", credential: await agent(["north-asia"]) },
        stack.url,
      );
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0] ?? "")
        .join("; ");
      const page = await (await fetch(url(`/inbox/e/${escalationId}`), { headers: { cookie } })).text();
      expect(page).toContain("Prepared action");
      expect(page).toContain(`action="/inbox/e/${escalationId}/actions/${actionId}/approve"`);
      const before = fake.mutations.length;
      const forged = await form(
        `/inbox/e/${escalationId}/actions/${actionId}/approve`,
        {},
        "https://evil.example",
        cookie,
      );
      expect(forged.status).toBe(403);
      expect(fake.mutations.length).toBe(before);
      const clicked = await form(
        `/inbox/e/${escalationId}/actions/${actionId}/approve`,
        {},
        stack.url,
        cookie,
      );
      expect(clicked.status).toBe(303);
      expect(clicked.headers.get("location")).toContain("done=action_approved");
      expect(fake.mutations.length).toBe(before + 1);
      const after = await (await fetch(url(`/inbox/e/${escalationId}`), { headers: { cookie } })).text();
      expect(after).toContain('data-action-status="done"');
    });

    it("declines without touching Shopify; another region's agent finds nothing", async () => {
      const { escalationId, actionId } = await awaitingApproval("#3007");
      const elsewhere = await http(url(`/v1/inbox/${escalationId}/actions/${actionId}/approve`), {
        method: "POST",
        token: await agent(["sea"]),
      });
      expect(elsewhere.status).toBe(404);
      const before = fake.mutations.length;
      const declined = await http<{ status: string }>(
        url(`/v1/inbox/${escalationId}/actions/${actionId}/decline`),
        { method: "POST", token: await agent(["north-asia"]) },
      );
      expect(declined.body.status).toBe("declined");
      const late = await http<{ error: { code: string } }>(
        url(`/v1/inbox/${escalationId}/actions/${actionId}/approve`),
        { method: "POST", token: await agent(["north-asia"]) },
      );
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe("action_not_pending");
      expect(fake.mutations.length).toBe(before);
    });
  });

  it("keeps the actions' settings through GET → PUT, and a PATCH turns an action off in one market", async () => {
    const got = await http<Record<string, unknown>>(url("/v1/settings"), { token: apiKey });
    expect(got.body.actions).toMatchObject({
      cancel_order: null,
      refundMethod: "original_payment_method",
      markets: { JP: { cancel_order: "approval" }, TH: { cancel_order: "auto", resend_tracking: "auto" } },
    });
    const put = await http(url("/v1/settings"), { method: "PUT", token: apiKey, body: got.body });
    expect(put.body).toEqual(got.body);
    const patched = await http<{ actions: { markets: Record<string, Record<string, string>> } }>(
      url("/v1/settings"),
      { method: "PATCH", token: apiKey, body: { actions: { markets: { TH: { cancel_order: "off" } } } } },
    );
    expect(patched.body.actions.markets.TH?.cancel_order).toBe("off");
    expect(patched.body.actions.markets.ID?.cancel_order).toBe("auto");

    // Off: the request goes to a person with the prepared action; nothing is proposed or run.
    const say = conversation("TH");
    const asked = await say("ขอยกเลิกคำสั่งซื้อ #3008 ค่ะ อีเมล somchai@example.com");
    expect(asked.body.status).toBe("pending_human");
    await stack.poller.drain();
    const packet = await http<{ action: { mode: string; type: string } }>(
      url(`/v1/inbox/${asked.body.escalation?.id}`),
      { token: await agent(["sea"]) },
    );
    expect(packet.body.action).toMatchObject({ mode: "manual", type: "cancel_order" });
  });

  it("counts actions per market in analytics", async () => {
    const figures = await http<{
      actions: { markets: Record<string, { proposed: number; done: number; failed: number }> };
    }>(url("/v1/analytics"), { token: apiKey });
    // Done: the cancel, the return and the tracking resent.
    expect(figures.body.actions.markets.TH).toMatchObject({ done: 3, failed: 2 });
    expect(figures.body.actions.markets.JP).toMatchObject({
      proposed: 3,
      confirmed: 3,
      done: 2,
      declined: 1,
    });
  });
});
