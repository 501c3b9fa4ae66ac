/**
 * Local Shopee, Lazada and TikTok Shop APIs: each checks our request signatures with its own implementation of the
 * documented algorithm (docs/protocols.md), records the messages we send, refreshes tokens, and fails on request.
 * Their shop authorization pages redirect straight back with a code (as if the seller had signed in and agreed), and
 * their token endpoints exchange it in the documented request and answer shapes.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeApps {
  /** `otherShops`: more shops of the same partner (one per country), each with a token of its own. */
  shopee: {
    partnerId: string;
    partnerKey: string;
    shopId: string;
    otherShops?: readonly { shopId: string; region: string }[];
  };
  lazada: { appKey: string; appSecret: string; sellerId: string };
  tiktok: { appKey: string; appSecret: string; shopId: string; shopCipher: string };
}

export interface SentMessage {
  readonly marketplace: "shopee" | "lazada" | "tiktok";
  readonly thread: string;
  readonly to: string | null;
  readonly text: string;
  readonly token: string;
  readonly messageId: string;
  /** Shopee: the partner and shop the send was signed for. */
  readonly partnerId?: string;
  readonly shopId?: string;
}

/** Who the fake authorization pages say signed in: the shop (Shopee), the seller's countries (Lazada). */
export interface FakeAuthorizations {
  shopee: { shopId: string };
  lazada: { sellerId: string; country: string };
  /** TikTok's page returns to the redirect registered with the app (Partner Center), not one it is given. */
  tiktok: { redirectUrl: string };
}

const hmac = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");
const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let d = "";
    req.on("data", (c) => (d += c));
    req.on("end", () => resolve(d));
  });

export async function startFakeMarketplaces(apps: FakeApps) {
  const sent: SentMessage[] = [];
  const rejectedSignatures: string[] = [];
  const refreshes: string[] = [];
  const tokens = { shopee: "shopee-token-1", lazada: "lazada-token-1", tiktok: "tiktok-token-1" };
  /** The other Shopee shops' current tokens, by shop id (the first shop's is `tokens.shopee`). */
  const shopeeTokens = new Map(
    (apps.shopee.otherShops ?? []).map((s) => [s.shopId, `shopee-token-${s.shopId}`]),
  );
  const shopeeTokenOf = (shopId: string | undefined) =>
    shopId === apps.shopee.shopId ? tokens.shopee : shopId ? shopeeTokens.get(shopId) : undefined;
  const authorizeAs: FakeAuthorizations = {
    shopee: { shopId: apps.shopee.shopId },
    lazada: { sellerId: apps.lazada.sellerId, country: "sg" },
    tiktok: { redirectUrl: "" },
  };
  /** Codes the authorization pages handed out, each good once, with what it was issued for. */
  const codes = new Map<string, { marketplace: string; subject: string }>();
  const issue = (marketplace: string, subject: string) => {
    const code = `${marketplace}-code-${++counter}`;
    codes.set(code, { marketplace, subject });
    return code;
  };
  const redeem = (marketplace: string, code: string | undefined) => {
    const issued = code ? codes.get(code) : undefined;
    if (!issued || issued.marketplace !== marketplace) return null;
    codes.delete(code as string);
    return issued.subject;
  };
  /** Every authorization page visit and token exchange, as "<marketplace>:<what>". */
  const authorizationCalls: string[] = [];
  const failures = { shopee: 0, lazada: 0, tiktok: 0 };
  let counter = 0;
  /**
   * Each marketplace's orders in its documented answer shapes (docs/protocols.md#marketplace-orders): Shopee's
   * get_order_detail entries and tracking numbers, Lazada's /order/get data with its /order/items/get rows, TikTok's
   * 202309 order detail entries. Tests put orders here; `orderCalls` records every order API call.
   */
  const orders = {
    shopee: new Map<string, Record<string, unknown>>(),
    shopeeTracking: new Map<string, string>(),
    lazada: new Map<string, { order: Record<string, unknown>; items: Record<string, unknown>[] }>(),
    tiktok: new Map<string, Record<string, unknown>>(),
  };
  const orderCalls: string[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const q = Object.fromEntries(url.searchParams.entries());
    const body = await read(req);
    const json = (status: number, data: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
    const reject = (who: string) => {
      rejectedSignatures.push(who);
      return json(403, { error: "error_sign", message: "wrong sign" });
    };

    // Shopee: sign = hex(HMAC(partner_key, partner_id + path + timestamp [+ access_token + shop_id])).
    if (url.pathname.startsWith("/shopee/api/v2/")) {
      const path = url.pathname.replace("/shopee", "");
      // The authorization page: signed like a public call; the seller "agrees" and is sent to the redirect with
      // code and shop_id added to it.
      if (path === "/api/v2/shop/auth_partner") {
        authorizationCalls.push("shopee:authorize");
        if (q.partner_id !== apps.shopee.partnerId) return json(400, { error: "error_param" });
        if (q.sign !== hmac(apps.shopee.partnerKey, `${q.partner_id}${path}${q.timestamp}`))
          return reject("shopee");
        const back = new URL(q.redirect ?? "");
        back.searchParams.set("code", issue("shopee", authorizeAs.shopee.shopId));
        back.searchParams.set("shop_id", authorizeAs.shopee.shopId);
        return res.writeHead(302, { location: back.toString() }).end();
      }
      const shopPart = q.access_token ? `${q.access_token}${q.shop_id}` : "";
      if (q.sign !== hmac(apps.shopee.partnerKey, `${q.partner_id}${path}${q.timestamp}${shopPart}`))
        return reject("shopee");
      // v2.public.get_access_token: a code for a shop's first token pair (JSON body {code, shop_id, partner_id}).
      if (path === "/api/v2/auth/token/get") {
        authorizationCalls.push("shopee:token");
        const b = JSON.parse(body || "{}") as { code?: string; shop_id?: number; partner_id?: number };
        const shop = redeem("shopee", b.code);
        if (!shop || String(b.shop_id) !== shop || String(b.partner_id) !== apps.shopee.partnerId)
          return json(200, { error: "error_auth", message: "Invalid code", request_id: `req-${++counter}` });
        const token = `shopee-token-${shop}-${++counter}`;
        if (shop === apps.shopee.shopId) tokens.shopee = token;
        else shopeeTokens.set(shop, token);
        return json(200, {
          request_id: `req-${++counter}`,
          error: "",
          message: "",
          access_token: token,
          refresh_token: `shopee-refresh-${counter}`,
          expire_in: 14_400,
          shop_id_list: [Number(shop)],
          merchant_id_list: [],
        });
      }
      if (path === "/api/v2/auth/access_token/get") {
        refreshes.push("shopee");
        const shop = String((JSON.parse(body || "{}") as { shop_id?: number }).shop_id ?? apps.shopee.shopId);
        const token = `shopee-token-${++counter}`;
        if (shopeeTokens.has(shop)) shopeeTokens.set(shop, token);
        else tokens.shopee = token;
        return json(200, {
          error: "",
          access_token: token,
          refresh_token: `shopee-refresh-${counter}`,
          expire_in: 14_400,
        });
      }
      // v2.shop.get_shop_info: answered only for the partner's own shop with that shop's current token.
      if (path === "/api/v2/shop/get_shop_info") {
        if (
          q.partner_id !== apps.shopee.partnerId ||
          !q.access_token ||
          q.access_token !== shopeeTokenOf(q.shop_id)
        )
          return json(403, { error: "error_auth", message: "Invalid partner_id or shopid." });
        return json(200, {
          error: "",
          message: "",
          request_id: `req-${++counter}`,
          shop_name: "Toko Demo",
          region: "ID",
          status: "NORMAL",
          is_cb: false,
          is_sip: false,
          auth_time: Math.floor(Date.now() / 1000) - 3600,
          expire_time: Math.floor(Date.now() / 1000) + 365 * 86_400,
        });
      }
      // v2.order.get_order_detail: only the fields asked for in response_optional_fields beyond the defaults.
      if (path === "/api/v2/order/get_order_detail") {
        orderCalls.push(`shopee:${q.order_sn_list}`);
        if (q.access_token !== tokens.shopee || q.shop_id !== apps.shopee.shopId)
          return json(200, { error: "error_auth", message: "Invalid access_token." });
        const optional = new Set((q.response_optional_fields ?? "").split(","));
        const found = (q.order_sn_list ?? "")
          .split(",")
          .flatMap((sn) => (orders.shopee.has(sn) ? [orders.shopee.get(sn) as Record<string, unknown>] : []))
          .map((o) =>
            Object.fromEntries(
              Object.entries(o).filter(
                ([k]) =>
                  [
                    "order_sn",
                    "region",
                    "currency",
                    "cod",
                    "order_status",
                    "create_time",
                    "update_time",
                  ].includes(k) || optional.has(k),
              ),
            ),
          );
        if (found.length === 0)
          return json(200, {
            request_id: `req-${++counter}`,
            error: "error_param",
            message: "Wrong parameters, detail: the order is not found.",
          });
        return json(200, {
          request_id: `req-${++counter}`,
          error: "",
          message: "",
          response: { order_list: found },
        });
      }
      if (path === "/api/v2/logistics/get_tracking_number") {
        orderCalls.push(`shopee-tracking:${q.order_sn}`);
        if (q.access_token !== tokens.shopee)
          return json(200, { error: "error_auth", message: "Invalid access_token." });
        return json(200, {
          request_id: `req-${++counter}`,
          error: "",
          message: "",
          response: { tracking_number: orders.shopeeTracking.get(q.order_sn ?? "") ?? "", hint: "" },
        });
      }
      if (path === "/api/v2/sellerchat/send_message") {
        if (!q.access_token || q.access_token !== shopeeTokenOf(q.shop_id))
          return json(200, { error: "error_auth", message: "invalid access_token" });
        if (failures.shopee > 0 && failures.shopee--) return json(500, { error: "error_server" });
        const b = JSON.parse(body) as { to_id: number; content: { text: string } };
        const messageId = `shopee-sent-${++counter}`;
        sent.push({
          marketplace: "shopee",
          thread: String(b.to_id),
          to: String(b.to_id),
          text: b.content.text,
          token: q.access_token,
          messageId,
          partnerId: q.partner_id,
          shopId: q.shop_id,
        });
        return json(200, { error: "", message: "", response: { message_id: messageId } });
      }
    }

    // Lazada: sign = UPPER(hex(HMAC(app_secret, path + sorted k+v))).
    // Its authorization page (auth.lazada.com/oauth/authorize) is not signed: it checks the app and redirects back.
    if (url.pathname === "/lazada/oauth/authorize") {
      authorizationCalls.push("lazada:authorize");
      if (q.client_id !== apps.lazada.appKey || q.response_type !== "code" || !q.redirect_uri)
        return json(400, { code: "InvalidParameter" });
      const back = new URL(q.redirect_uri);
      back.searchParams.set("code", issue("lazada", authorizeAs.lazada.sellerId));
      if (q.state) back.searchParams.set("state", q.state);
      return res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname.startsWith("/lazada/")) {
      const path = url.pathname.replace("/lazada", "");
      const concat = Object.keys(q)
        .filter((k) => k !== "sign")
        .sort()
        .map((k) => `${k}${q[k]}`)
        .join("");
      if (q.sign !== hmac(apps.lazada.appSecret, `${path}${concat}`).toUpperCase()) return reject("lazada");
      // /auth/token/create: the code for a token pair and the seller in each country the account sells in.
      if (path === "/auth/token/create") {
        authorizationCalls.push("lazada:token");
        const seller = redeem("lazada", q.code);
        if (!seller || q.app_key !== apps.lazada.appKey)
          return json(200, { code: "InvalidCode", type: "ISP", message: "Invalid authorization code" });
        if (seller === apps.lazada.sellerId) tokens.lazada = `lazada-token-${++counter}`;
        const { country } = authorizeAs.lazada;
        return json(200, {
          access_token: seller === apps.lazada.sellerId ? tokens.lazada : `lazada-token-${seller}`,
          country,
          refresh_token: `lazada-refresh-${counter}`,
          account_platform: "seller_center",
          refresh_expires_in: 2_592_000,
          country_user_info: [{ country, user_id: `u${seller}`, seller_id: seller, short_code: "SG10ABC" }],
          expires_in: 604_800,
          account: "seller@example.com",
          code: "0",
          request_id: `req-${++counter}`,
        });
      }
      if (path === "/auth/token/refresh") {
        refreshes.push("lazada");
        tokens.lazada = `lazada-token-${++counter}`;
        return json(200, {
          code: "0",
          access_token: tokens.lazada,
          refresh_token: `lazada-refresh-${counter}`,
          expires_in: 604_800,
        });
      }
      // /seller/get: the seller whose access token signed the call.
      if (path === "/seller/get") {
        if (q.app_key !== apps.lazada.appKey || q.access_token !== tokens.lazada)
          return json(200, {
            code: "IllegalAccessToken",
            type: "ISV",
            message: "The specified access token is invalid or expired",
            request_id: `req-${++counter}`,
          });
        return json(200, {
          code: "0",
          request_id: `req-${++counter}`,
          data: {
            seller_id: Number(apps.lazada.sellerId),
            name: "Demo Lazada Shop",
            name_company: "Demo Pte Ltd",
            short_code: "SG10ABC",
            email: "seller@example.com",
            cb: false,
            status: "ACTIVE",
            logo_url: "",
          },
        });
      }
      if (path === "/order/get" || path === "/order/items/get") {
        orderCalls.push(`lazada${path}:${q.order_id}`);
        if (q.access_token !== tokens.lazada) return json(200, { code: "IllegalAccessToken" });
        const entry = orders.lazada.get(q.order_id ?? "");
        if (!entry)
          return json(200, {
            code: "16",
            type: "ISV",
            message: "E016: Invalid Order ID",
            request_id: `req-${++counter}`,
          });
        return json(200, {
          code: "0",
          request_id: `req-${++counter}`,
          data: path === "/order/get" ? entry.order : entry.items,
        });
      }
      if (path === "/im/message/send") {
        if (q.access_token !== tokens.lazada) return json(200, { code: "IllegalAccessToken" });
        if (failures.lazada > 0 && failures.lazada--) return json(503, { code: "ServiceUnavailable" });
        const messageId = `lazada-sent-${++counter}`;
        sent.push({
          marketplace: "lazada",
          thread: q.session_id ?? "",
          to: null,
          text: q.txt ?? "",
          token: q.access_token,
          messageId,
        });
        return json(200, { code: "0", data: { message_id: messageId } });
      }
    }

    // TikTok: sign = hex(HMAC(secret, secret + path + sorted k+v (no sign, access_token) + body + secret)).
    if (url.pathname.startsWith("/tiktok/")) {
      const path = url.pathname.replace("/tiktok", "");
      // services.tiktokshop.com/open/authorize?service_id=…: back to the app's registered redirect with a code.
      if (path === "/open/authorize") {
        authorizationCalls.push("tiktok:authorize");
        if (!q.service_id || !authorizeAs.tiktok.redirectUrl) return json(400, { code: 36004004 });
        const back = new URL(authorizeAs.tiktok.redirectUrl);
        back.searchParams.set("code", issue("tiktok", apps.tiktok.shopId));
        if (q.state) back.searchParams.set("state", q.state);
        return res.writeHead(302, { location: back.toString() }).end();
      }
      // GET /api/v2/token/get?app_key&app_secret&auth_code&grant_type=authorized_code.
      if (path === "/api/v2/token/get") {
        authorizationCalls.push("tiktok:token");
        if (q.app_key !== apps.tiktok.appKey || q.app_secret !== apps.tiktok.appSecret)
          return reject("tiktok");
        if (q.grant_type !== "authorized_code" || !redeem("tiktok", q.auth_code))
          return json(200, { code: 36004004, message: "invalid auth code", data: null });
        tokens.tiktok = `tiktok-token-${++counter}`;
        return json(200, {
          code: 0,
          message: "success",
          request_id: `req-${++counter}`,
          data: {
            access_token: tokens.tiktok,
            access_token_expire_in: Math.floor(Date.now() / 1000) + 7 * 86_400,
            refresh_token: `tiktok-refresh-${counter}`,
            refresh_token_expire_in: Math.floor(Date.now() / 1000) + 365 * 86_400,
            open_id: "open-demo",
            seller_name: "Demo TikTok Shop",
            seller_base_region: "TH",
            user_type: 0,
          },
        });
      }
      if (path === "/api/v2/token/refresh") {
        if (q.app_secret !== apps.tiktok.appSecret) return reject("tiktok");
        refreshes.push("tiktok");
        tokens.tiktok = `tiktok-token-${++counter}`;
        return json(200, {
          code: 0,
          data: {
            access_token: tokens.tiktok,
            refresh_token: `tiktok-refresh-${counter}`,
            access_token_expire_in: Math.floor(Date.now() / 1000) + 86_400,
          },
        });
      }
      const concat = Object.keys(q)
        .filter((k) => k !== "sign" && k !== "access_token")
        .sort()
        .map((k) => `${k}${q[k]}`)
        .join("");
      const s = apps.tiktok.appSecret;
      if (q.sign !== hmac(s, `${s}${path}${concat}${body}${s}`)) return reject("tiktok");
      // 202309 Get Authorized Shops: the shops the token's seller authorized, each with its cipher.
      if (path === "/authorization/202309/shops") {
        if (q.app_key !== apps.tiktok.appKey || req.headers["x-tts-access-token"] !== tokens.tiktok)
          return json(200, { code: 105002, message: "expired token", request_id: `req-${++counter}` });
        return json(200, {
          code: 0,
          message: "Success",
          request_id: `req-${++counter}`,
          data: {
            shops: [
              {
                id: apps.tiktok.shopId,
                name: "Demo TikTok Shop",
                region: "TH",
                seller_type: "LOCAL",
                cipher: apps.tiktok.shopCipher,
                code: "THLCDEMO01",
              },
            ],
          },
        });
      }
      // 202309 Get Order Detail: the orders among `ids` this shop has; unknown ids are left out.
      if (path === "/order/202309/orders") {
        orderCalls.push(`tiktok:${q.ids}`);
        if (req.headers["x-tts-access-token"] !== tokens.tiktok || q.shop_cipher !== apps.tiktok.shopCipher)
          return json(200, { code: 105002, message: "expired token", request_id: `req-${++counter}` });
        const found = (q.ids ?? "")
          .split(",")
          .flatMap((i) => (orders.tiktok.has(i) ? [orders.tiktok.get(i)] : []));
        return json(200, {
          code: 0,
          message: "Success",
          request_id: `req-${++counter}`,
          data: { orders: found },
        });
      }
      const m = /^\/customer_service\/202309\/conversations\/([^/]+)\/messages$/.exec(path);
      if (m) {
        if (req.headers["x-tts-access-token"] !== tokens.tiktok)
          return json(200, { code: 105002, message: "expired token" });
        if (failures.tiktok > 0 && failures.tiktok--) return json(500, { code: 50000, message: "internal" });
        const b = JSON.parse(body) as { type: string; content: string };
        const messageId = `tiktok-sent-${++counter}`;
        sent.push({
          marketplace: "tiktok",
          thread: decodeURIComponent(m[1] ?? ""),
          to: null,
          text: (JSON.parse(b.content) as { content: string }).content,
          token: tokens.tiktok,
          messageId,
        });
        return json(200, { code: 0, data: { message_id: messageId } });
      }
    }
    return json(404, { error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    shopeeBase: `${origin}/shopee`,
    lazadaBase: `${origin}/lazada`,
    tiktokBase: `${origin}/tiktok`,
    sent,
    orders,
    orderCalls,
    rejectedSignatures,
    refreshes,
    tokens,
    /** The other Shopee shops' current tokens, by shop id. */
    shopeeTokens,
    /** Who the authorization pages say signed in; tests change it. */
    authorizeAs,
    authorizationCalls,
    /** The next `count` sends to a marketplace fail with a 5xx. */
    failNext: (marketplace: keyof typeof failures, count: number) => {
      failures[marketplace] = count;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Signed pushes, as each marketplace sends them. */
export const pushes = {
  shopee(partnerKey: string, callbackUrl: string, body: string) {
    return {
      body,
      headers: {
        "content-type": "application/json",
        authorization: hmac(partnerKey, `${callbackUrl}|${body}`),
      },
    };
  },
  appKey(appSecret: string, appKey: string, body: string) {
    return {
      body,
      headers: { "content-type": "application/json", authorization: hmac(appSecret, `${appKey}${body}`) },
    };
  },
};

/**
 * Connects the fake's Shopee shop to the stack's demo shop as a seller would (PUT /v1/connections/shopee, its API
 * pointed at the fake); returns the callback URL Shopee signs pushes for.
 */
export async function connectShopee(
  stack: { readonly url: string; readonly apiKey: string },
  shopeeBase: string,
  app: FakeApps["shopee"],
): Promise<string> {
  const callbackUrl = `${stack.url}/webhooks/shopee`;
  const res = await fetch(`${stack.url}/v1/connections/shopee`, {
    method: "PUT",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      marketplaceShopId: app.shopId,
      partnerId: app.partnerId,
      partnerKey: app.partnerKey,
      accessToken: "shopee-token-1",
      refreshToken: "r",
      callbackUrl,
      apiBaseUrl: shopeeBase,
      accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
    }),
  });
  if (res.status >= 300) throw new Error(`connecting Shopee failed: ${res.status} ${await res.text()}`);
  return callbackUrl;
}

/** The body of a Shopee chat push: a buyer's text message to `shopId` (code 10, the webhook's message event). */
export function shopeeChatPush(
  shopId: string,
  m: { messageId: string; conversationId: string; fromId: number; text: string; region?: string },
): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    data: {
      type: "message",
      content: {
        message_id: m.messageId,
        shop_id: Number(shopId),
        from_id: m.fromId,
        to_id: Number(shopId),
        message_type: "text",
        content: { text: m.text },
        conversation_id: m.conversationId,
        created_timestamp: now,
        region: m.region ?? "ID",
      },
    },
    shop_id: Number(shopId),
    code: 10,
    timestamp: now,
  });
}
