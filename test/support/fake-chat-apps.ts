/**
 * Local fakes of Meta's Graph API (WhatsApp Cloud API messages and media, Messenger's Send API) and LINE's Messaging
 * API (reply, push, bot info), speaking their request and response shapes (docs/protocols.md#meta, #line): each
 * checks the bearer token and the body's shape, answers as the vendor does (errors included), and records what we sent.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeChatAccounts {
  whatsapp: { phoneNumberId: string; accessToken: string; appSecret: string };
  messenger: { pageId: string; pageAccessToken: string; appSecret: string };
  line: { botUserId: string; channelAccessToken: string; channelSecret: string };
}

/** One request a channel's send endpoint accepted. */
export interface ChatRequest {
  readonly channel: "whatsapp" | "messenger" | "line";
  /** The endpoint: `messages` (WhatsApp), `me/messages` (Messenger), `reply` or `push` (LINE). */
  readonly endpoint: string;
  readonly body: Record<string, unknown>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let d = "";
    req.on("data", (c) => (d += c));
    req.on("end", () => resolve(d));
  });

/** What the Graph API says about a bad request: `{error: {message, type, code, fbtrace_id}}`. */
const graphError = (code: number, message: string) => ({
  error: {
    message,
    type: code === 190 ? "OAuthException" : "GraphMethodException",
    code,
    fbtrace_id: "Afake",
  },
});

export async function startFakeChatApps(
  accounts: FakeChatAccounts,
  options: { port?: number; onRequest?: (request: ChatRequest) => void } = {},
) {
  const requests: ChatRequest[] = [];
  const record = (request: ChatRequest) => {
    requests.push(request);
    options.onRequest?.(request);
  };
  /** LINE reply tokens issued with a push and not used yet, with when they stop working. */
  const replyTokens = new Map<string, number>();
  let counter = 0;
  let failures = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await read(req);
    const json = (status: number, data: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
    const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return json(400, graphError(100, "Invalid JSON"));
    }

    // Graph API: /{version}/…
    const graph = /^\/graph\/(v\d+\.\d+)\/(.+)$/.exec(url.pathname);
    if (graph) {
      const path = graph[2] ?? "";
      const wa = accounts.whatsapp;
      const page = accounts.messenger;
      if (path === `${wa.phoneNumberId}/messages` && req.method === "POST") {
        if (bearer !== wa.accessToken) return json(401, graphError(190, "Invalid OAuth access token."));
        if (failures > 0 && failures--) return json(500, graphError(2, "Service temporarily unavailable"));
        const problem = whatsappProblem(body);
        if (problem) return json(400, graphError(100, problem));
        record({ channel: "whatsapp", endpoint: "messages", body });
        const to = String(body.to);
        return json(200, {
          messaging_product: "whatsapp",
          contacts: [{ input: to, wa_id: to }],
          messages: [{ id: `wamid.fake${++counter}` }],
        });
      }
      if (path === wa.phoneNumberId && req.method === "GET") {
        if (bearer !== wa.accessToken) return json(401, graphError(190, "Invalid OAuth access token."));
        return json(200, {
          id: wa.phoneNumberId,
          display_phone_number: "+62 21 5555 0100",
          verified_name: "Demo Shop",
        });
      }
      // WhatsApp media: the id from a webhook gives a short-lived download URL.
      const media = /^(\d+)$/.exec(path);
      if (media && req.method === "GET" && bearer === wa.accessToken) {
        return json(200, {
          messaging_product: "whatsapp",
          url: `http://fake/media/${media[1]}`,
          mime_type: "image/jpeg",
          sha256: "0".repeat(64),
          file_size: 1024,
          id: media[1],
        });
      }
      if (path === "me/messages" && req.method === "POST") {
        if (bearer !== page.pageAccessToken) return json(401, graphError(190, "Invalid OAuth access token."));
        const problem = messengerProblem(body);
        if (problem) return json(400, graphError(100, problem));
        record({ channel: "messenger", endpoint: "me/messages", body });
        const recipient = (body.recipient as { id: string }).id;
        return json(200, { recipient_id: recipient, message_id: `m_fake${++counter}` });
      }
      if (path === "me" && req.method === "GET") {
        if (bearer !== page.pageAccessToken) return json(401, graphError(190, "Invalid OAuth access token."));
        return json(200, { id: page.pageId, name: "Demo Shop" });
      }
      return json(404, graphError(803, "Some of the aliases you requested do not exist"));
    }

    // LINE Messaging API.
    if (url.pathname.startsWith("/line/")) {
      const path = url.pathname.replace("/line", "");
      if (bearer !== accounts.line.channelAccessToken)
        return json(401, {
          message:
            "Authentication failed. Confirm that the access token in the authorization header is valid.",
        });
      if (path === "/v2/bot/info" && req.method === "GET")
        return json(200, {
          userId: accounts.line.botUserId,
          basicId: "@demo",
          displayName: "Demo Shop",
          chatMode: "bot",
          markAsReadMode: "auto",
        });
      const problem = lineProblem(body);
      if (path === "/v2/bot/message/reply" && req.method === "POST") {
        if (problem) return json(400, { message: problem });
        const token = String(body.replyToken);
        const until = replyTokens.get(token);
        // Single use, and only briefly valid.
        replyTokens.delete(token);
        if (until === undefined || until < Date.now()) return json(400, { message: "Invalid reply token" });
        record({ channel: "line", endpoint: "reply", body });
        return json(200, { sentMessages: sent(body) });
      }
      if (path === "/v2/bot/message/push" && req.method === "POST") {
        if (problem) return json(400, { message: problem });
        if (typeof body.to !== "string" || !body.to)
          return json(400, { message: "The request body has 1 error(s)" });
        record({ channel: "line", endpoint: "push", body });
        return json(200, { sentMessages: sent(body) });
      }
      return json(404, { message: "Not found" });
    }
    return json(404, { error: "not_found" });
  });
  const sent = (body: Record<string, unknown>) =>
    (body.messages as unknown[]).map(() => ({ id: String(4e17 + ++counter), quoteToken: randomUUID() }));

  await new Promise<void>((r) => server.listen(options.port ?? 0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    graphBase: `${origin}/graph`,
    lineBase: `${origin}/line`,
    requests,
    /** A reply token as LINE puts in a push: valid for `ms` (about a minute on LINE), once. */
    issueReplyToken(ms = 60_000) {
      const token = randomUUID().replace(/-/g, "");
      replyTokens.set(token, Date.now() + ms);
      return token;
    },
    /** The next `count` WhatsApp sends fail with a 5xx. */
    failNext(count: number) {
      failures = count;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Why the Cloud API would refuse this message body, or null. */
function whatsappProblem(b: Record<string, unknown>): string | null {
  if (b.messaging_product !== "whatsapp") return "messaging_product must be whatsapp";
  if (typeof b.to !== "string" || !/^\d+$/.test(b.to)) return "to must be a phone number";
  if (b.type === "text") {
    const text = b.text as { body?: unknown } | undefined;
    return typeof text?.body === "string" && [...text.body].length <= 4096
      ? null
      : "text.body too long or missing";
  }
  if (b.type === "interactive") {
    const i = b.interactive as { type?: string; body?: { text?: string }; action?: { buttons?: unknown[] } };
    if (i?.type !== "button" || !i.body?.text || !i.action?.buttons?.length || i.action.buttons.length > 3)
      return "interactive button message malformed";
    return null;
  }
  if (b.type === "template") {
    const t = b.template as { name?: string; language?: { code?: string } };
    return t?.name && t.language?.code ? null : "template name and language required";
  }
  return `type ${String(b.type)} not supported here`;
}

/** Why the Send API would refuse this body, or null. */
function messengerProblem(b: Record<string, unknown>): string | null {
  const recipient = b.recipient as { id?: unknown } | undefined;
  if (typeof recipient?.id !== "string") return "recipient.id required";
  if (!["RESPONSE", "UPDATE", "MESSAGE_TAG"].includes(String(b.messaging_type)))
    return "messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG";
  if (b.messaging_type === "MESSAGE_TAG" && b.tag !== "HUMAN_AGENT") return "a supported tag is required";
  const message = b.message as { text?: unknown; quick_replies?: unknown[] } | undefined;
  if (typeof message?.text !== "string" || [...message.text].length > 2000)
    return "message.text too long or missing";
  if (message.quick_replies && message.quick_replies.length > 13) return "at most 13 quick replies";
  return null;
}

/** Why LINE would refuse these messages, or null. */
function lineProblem(b: Record<string, unknown>): string | null {
  const messages = b.messages as { type?: string; text?: string }[] | undefined;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > 5) return "1 to 5 messages";
  for (const m of messages)
    if (m.type !== "text" || typeof m.text !== "string" || [...m.text].length > 5000) return "text too long";
  return null;
}

/** Webhook deliveries as Meta and LINE sign them. */
export const chatPushes = {
  /** Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`. */
  meta(appSecret: string, body: string) {
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`,
      },
    };
  },
  /** LINE: `X-Line-Signature: <base64 HMAC-SHA256(channel secret, body)>`. */
  line(channelSecret: string, body: string) {
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-line-signature": createHmac("sha256", channelSecret).update(body).digest("base64"),
      },
    };
  },
};

/** A WhatsApp Cloud API `messages` webhook body with one message from `waId`. */
export function whatsappWebhook(
  phoneNumberId: string,
  waId: string,
  message: Record<string, unknown>,
  options: { name?: string; timestamp?: number } = {},
) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "622155550100", phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: options.name ?? "Siti" }, wa_id: waId }],
              messages: [
                {
                  from: waId,
                  id: `wamid.${randomUUID().replace(/-/g, "")}`,
                  timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
                  ...message,
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

/** A Messenger webhook body with one messaging event from `psid` to the Page. */
export function messengerWebhook(pageId: string, psid: string, message: Record<string, unknown>) {
  const now = Date.now();
  return JSON.stringify({
    object: "page",
    entry: [
      {
        id: pageId,
        time: now,
        messaging: [
          {
            sender: { id: psid },
            recipient: { id: pageId },
            timestamp: now,
            message: { mid: `m_${randomUUID().replace(/-/g, "")}`, ...message },
          },
        ],
      },
    ],
  });
}

/** A LINE webhook body with one message event from `userId`, carrying `replyToken`. */
export function lineWebhook(
  botUserId: string,
  userId: string,
  message: Record<string, unknown>,
  replyToken?: string,
) {
  return JSON.stringify({
    destination: botUserId,
    events: [
      {
        type: "message",
        mode: "active",
        timestamp: Date.now(),
        source: { type: "user", userId },
        webhookEventId: randomUUID(),
        deliveryContext: { isRedelivery: false },
        ...(replyToken ? { replyToken } : {}),
        message: { id: String(Math.floor(Math.random() * 1e17)), quoteToken: randomUUID(), ...message },
      },
    ],
  });
}
