/**
 * Local Shopee, Lazada and TikTok Shop APIs: each checks our request signatures with its own implementation of the
 * documented algorithm (docs/protocols.md), records the messages we send, refreshes tokens, and fails on request.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeApps {
  shopee: { partnerId: string; partnerKey: string; shopId: string };
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
  const failures = { shopee: 0, lazada: 0, tiktok: 0 };
  let counter = 0;

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
      const shopPart = q.access_token ? `${q.access_token}${q.shop_id}` : "";
      if (q.sign !== hmac(apps.shopee.partnerKey, `${q.partner_id}${path}${q.timestamp}${shopPart}`))
        return reject("shopee");
      if (path === "/api/v2/auth/access_token/get") {
        refreshes.push("shopee");
        tokens.shopee = `shopee-token-${++counter}`;
        return json(200, {
          error: "",
          access_token: tokens.shopee,
          refresh_token: `shopee-refresh-${counter}`,
          expire_in: 14_400,
        });
      }
      // v2.shop.get_shop_info: answered only for the partner's own shop with that shop's current token.
      if (path === "/api/v2/shop/get_shop_info") {
        if (
          q.partner_id !== apps.shopee.partnerId ||
          q.shop_id !== apps.shopee.shopId ||
          q.access_token !== tokens.shopee
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
      if (path === "/api/v2/sellerchat/send_message") {
        if (q.access_token !== tokens.shopee)
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
        });
        return json(200, { error: "", message: "", response: { message_id: messageId } });
      }
    }

    // Lazada: sign = UPPER(hex(HMAC(app_secret, path + sorted k+v))).
    if (url.pathname.startsWith("/lazada/")) {
      const path = url.pathname.replace("/lazada", "");
      const concat = Object.keys(q)
        .filter((k) => k !== "sign")
        .sort()
        .map((k) => `${k}${q[k]}`)
        .join("");
      if (q.sign !== hmac(apps.lazada.appSecret, `${path}${concat}`).toUpperCase()) return reject("lazada");
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
    rejectedSignatures,
    refreshes,
    tokens,
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
