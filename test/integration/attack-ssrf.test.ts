/**
 * Server-side request forgery: a tenant must not make our servers call loopback, the cloud metadata service or the
 * private network, neither through a marketplace connection's hosts nor through a notification URL.
 * The stack here runs as production does (ALLOW_LOOPBACK_TARGETS off), except where a test says otherwise.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SecretBox } from "../../functions/adapters/crypto/secret-box";
import type { Resolver } from "../../functions/adapters/notify/safe-target";
import { createWebhookNotifier } from "../../functions/adapters/notify/webhook-notifier";
import type { Logger } from "../../functions/domain/ports";
import type { Escalation } from "../../functions/domain/escalation";
import { ShopId } from "../../functions/domain/ids";
import type { ChannelConnection } from "../../functions/channels";
import type { ShopRecord } from "../../functions/domain/ports";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { sendReply } from "../../functions/workers/marketplace-outbound";
import { http, useLocalStack } from "../support/local-stack";

type ErrorBody = { error: { code: string; details?: { path: string; message?: string }[] } };

/** A loopback listener standing in for an internal service; it records whatever reaches it. */
async function startListener(answer: (path: string) => { status: number; headers?: Record<string, string> }) {
  const hits: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers, body });
      const { status, headers } = answer(req.url ?? "");
      res.writeHead(status, headers).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("SSRF through marketplace connections", () => {
  const stack = useLocalStack({ autoPoll: false, environment: { ALLOW_LOOPBACK_TARGETS: "false" } });
  let internal: Awaited<ReturnType<typeof startListener>>;
  beforeAll(async () => {
    internal = await startListener(() => ({ status: 200, headers: { "content-type": "application/json" } }));
  });
  afterAll(() => internal.stop());

  const shopee = (apiBaseUrl: string) => ({
    marketplaceShopId: "777777",
    partnerId: "2006566",
    partnerKey: "partner-key-000000",
    accessToken: "live-access-token-shopee",
    refreshToken: "refresh-token-shopee",
    callbackUrl: "https://support.example/webhooks/shopee",
    apiBaseUrl,
  });

  it("refuses an apiBaseUrl on loopback, the metadata address or a look-alike host, and calls none of them", async () => {
    for (const apiBaseUrl of [
      internal.url,
      `http://localhost:${internal.port}`,
      `http://[::1]:${internal.port}`,
      "http://169.254.169.254/latest/meta-data",
      "https://partner.shopeemobile.com.attacker.example",
      "https://partner.shopeemobile.com:8443",
      "https://user:pw@partner.shopeemobile.com",
      "http://partner.shopeemobile.com",
    ]) {
      const res = await http<ErrorBody>(`${stack().url}/v1/connections/shopee`, {
        method: "PUT",
        token: stack().apiKey,
        body: shopee(apiBaseUrl),
      });
      expect(res.status, apiBaseUrl).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details?.map((d) => d.path)).toEqual(["apiBaseUrl"]);
    }
    expect(internal.hits).toEqual([]);
    const list = await http<{ items: unknown[] }>(`${stack().url}/v1/connections`, { token: stack().apiKey });
    expect(list.body.items).toEqual([]);
  });

  it("refuses a token host off the marketplace's catalogue (Lazada's authBaseUrl on link-local)", async () => {
    const res = await http<ErrorBody>(`${stack().url}/v1/connections/lazada`, {
      method: "PUT",
      token: stack().apiKey,
      body: {
        sellerId: "1000012345",
        appKey: "105827",
        appSecret: "app-secret-000000",
        accessToken: "live-access-token-lazada",
        refreshToken: "refresh-token-lazada",
        market: "TH",
        authBaseUrl: "http://169.254.169.254/rest",
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.map((d) => d.path)).toEqual(["authBaseUrl"]);
  });

  it("never sends a stored connection's access token to a host off the catalogue, even one saved before the check", async () => {
    const planted: ChannelConnection<"shopee"> = {
      shopId: ShopId(DEMO_SHOP_ID),
      marketplace: "shopee",
      marketplaceShopId: "888888",
      appId: "2006566",
      vendor: { callbackUrl: "https://support.example/webhooks/shopee" },
      apiBaseUrl: internal.url,
      authBaseUrl: internal.url,
      market: "ID",
      accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
      connectedAt: new Date().toISOString(),
    };
    await stack().deps.connections.save(planted, {
      signingKey: "partner-key-000000",
      accessToken: "live-access-token-planted",
      refreshToken: "refresh-token-planted",
    });
    await expect(
      sendReply(
        { ...stack().deps, retryLater: async () => undefined, retryBaseSeconds: 1 },
        {
          shopId: planted.shopId,
          marketplace: "shopee",
          accountId: planted.marketplaceShopId,
          conversationId: "c-planted",
          threadId: "t-1",
          buyerId: "1",
          text: "hello",
          origin: { kind: "ai", replyTo: "m-1" },
        },
      ),
    ).rejects.toThrow(/host refused/);
    expect(internal.hits).toEqual([]);
  });
});

describe("SSRF through notification URLs", () => {
  const stack = useLocalStack({ autoPoll: false, environment: { ALLOW_LOOPBACK_TARGETS: "false" } });
  const logs: string[] = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => void logs.push(JSON.stringify(args)),
    error: (...args: unknown[]) => void logs.push(JSON.stringify(args)),
  } as unknown as Logger;
  // The secret box is not under test: it hands the secret back as it was given.
  const plain: SecretBox = { seal: async (s) => s, open: async (s) => s };
  const shopWith = (url: string): ShopRecord => ({
    id: ShopId("notified.myshopify.com"),
    name: "Notified",
    markets: ["SG"],
    notifications: { sea: { url, sealedSecret: "whsec_0123456789abcdef" } },
  });
  // Only the fields a notification carries; the rest of an escalation is not read by the notifier.
  const escalation = {
    escalationId: "esc-ssrf-1",
    shopId: ShopId("notified.myshopify.com"),
    conversationId: "c-1",
    region: "sea",
    market: "SG",
    language: "en",
    reason: "human_requested",
    priority: 1,
    status: "pending",
    dueAt: new Date(Date.now() + 3600_000).toISOString(),
    createdAt: new Date().toISOString(),
  } as unknown as Escalation;
  const resolverTo =
    (...addresses: string[]): Resolver =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  let receiver: Awaited<ReturnType<typeof startListener>>;
  let elsewhere: Awaited<ReturnType<typeof startListener>>;
  beforeAll(async () => {
    elsewhere = await startListener(() => ({ status: 200 }));
    receiver = await startListener((path) =>
      path.startsWith("/moved")
        ? { status: 307, headers: { location: `${elsewhere.url}/took-it` } }
        : { status: 200 },
    );
  });
  afterAll(async () => {
    await receiver.stop();
    await elsewhere.stop();
  });

  it("does not post to a literal loopback address outside the local stack", async () => {
    const notifier = createWebhookNotifier({ logger, secrets: plain, allowLoopback: false });
    await notifier.notify(shopWith(`${receiver.url}/hooks`), "escalation.created", escalation);
    await notifier.notify(shopWith(`http://[::1]:${receiver.port}/hooks`), "escalation.created", escalation);
    expect(receiver.hits).toEqual([]);
    expect(logs.filter((l) => l.includes("notification target refused"))).toHaveLength(2);
  });

  it("refuses a name that resolves to the metadata service, or to a private address among public ones", async () => {
    for (const resolve of [
      resolverTo("169.254.169.254"),
      resolverTo("93.184.216.34", "10.0.0.7"),
      resolverTo("::ffff:127.0.0.1"),
      resolverTo("fd00::1"),
    ]) {
      const before = logs.length;
      const notifier = createWebhookNotifier({ logger, secrets: plain, allowLoopback: false, resolve });
      await notifier.notify(
        shopWith("https://hooks.seller.example/support"),
        "escalation.created",
        escalation,
      );
      expect(logs.slice(before).join("\n")).toContain(
        "resolves to a loopback, private or link-local address",
      );
    }
  });

  it("connects to the address it vetted, with the seller's host name kept for Host and TLS", async () => {
    const notifier = createWebhookNotifier({
      logger,
      secrets: plain,
      allowLoopback: true,
      resolve: resolverTo("127.0.0.1"),
    });
    await notifier.notify(
      shopWith(`http://hooks.seller.test:${receiver.port}/pinned`),
      "escalation.created",
      escalation,
    );
    const hit = receiver.hits.find((h) => h.path === "/pinned");
    expect(hit?.headers.host).toBe(`hooks.seller.test:${receiver.port}`);
    expect(hit?.headers["x-support-signature"]).toMatch(/^sha256=/);
  });

  it("does not follow a redirect from the seller's endpoint", async () => {
    const notifier = createWebhookNotifier({ logger, secrets: plain, allowLoopback: true });
    await notifier.notify(shopWith(`${receiver.url}/moved`), "escalation.created", escalation);
    expect(receiver.hits.filter((h) => h.path === "/moved")).toHaveLength(1);
    expect(elsewhere.hits).toEqual([]);
  });

  it("refuses literal loopback, private and link-local notification hosts when settings are saved", async () => {
    const current = await http<Record<string, unknown>>(`${stack().url}/v1/settings`, {
      token: stack().apiKey,
    });
    for (const url of [
      "https://127.0.0.1/hooks",
      "https://[::1]/hooks",
      "https://169.254.169.254/latest",
      "https://10.1.2.3/hooks",
      "https://localhost/hooks",
      "https://[fd00::1]/hooks",
    ]) {
      const res = await http<ErrorBody>(`${stack().url}/v1/settings`, {
        method: "PUT",
        token: stack().apiKey,
        body: { ...current.body, notifications: { sea: { url, secret: "whsec_0123456789abcdef" } } },
      });
      expect(res.status, url).toBe(400);
      expect(res.body.error.details?.some((d) => d.path === "notifications.sea.url")).toBe(true);
    }
  });
});
