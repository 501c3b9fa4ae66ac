/** The inbox page over HTTP as an agent works through the day: times, claiming before resolving, queue cards, orders. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { pageText } from "../../functions/http/web/page-locale";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

const words = createTranslator();
const say = (key: string, values?: Record<string, unknown>) => words.t("en", `inbox:${key}`, values);
/** What the page writes for a sentence, as HTML escapes it. */
const html = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("'", "&#39;");

describe("the agent's day in the web inbox", () => {
  const stack = useLocalStack();
  const url = (path: string) => `${stack().url}${path}`;

  /** A signed-in agent of region sea: the session cookie, plus any other cookie given (the browser's time zone). */
  async function signIn(sub: string, extra: string[] = []) {
    const token = await signAgentToken(stack().deps.agentJwtSecret, {
      sub,
      name: sub,
      regions: ["sea"],
      shops: [DEMO_SHOP_ID],
      languages: ["en"],
    });
    const response = await fetch(url("/inbox/sign-in"), {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack().url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "agent", credential: token }),
    });
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .filter((c) => c.startsWith("inbox_session="));
    const cookie = [...session, ...extra].join("; ");
    return {
      token,
      page: async (path: string) => (await fetch(url(path), { headers: { cookie } })).text(),
      post: (path: string, form: Record<string, string> = {}) =>
        fetch(url(path), {
          method: "POST",
          redirect: "manual",
          headers: { origin: stack().url, cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form),
        }),
    };
  }

  /** One conversation, message after message; the last must hand it to a person. */
  async function conversation(texts: string[], overrides: Record<string, unknown> = {}) {
    const thread = shopperMessage("", overrides);
    let body: { conversationId: string; escalation: { id: string } | null } | undefined;
    for (const [i, text] of texts.entries()) {
      body = (
        await http<{ conversationId: string; escalation: { id: string } | null }>(url("/v1/messages"), {
          token: stack().apiKey,
          body: { ...thread, messageId: `${thread.conversationId}-${i}`, text },
        })
      ).body;
    }
    const id = body?.escalation?.id;
    if (!id) throw new Error(`"${texts.at(-1)}" was not escalated`);
    await eventually(
      async () => (await http(url(`/v1/inbox/${id}`), { token: stack().agentTokens.sea })).status === 200,
    );
    return { id, conversationId: body?.conversationId as string };
  }

  /** Every <time> the page shows, with its machine-readable moment and its text. */
  const times = (page: string) =>
    [...page.matchAll(/<time datetime="([^"]+)"[^>]*>([^<]*)<\/time>/g)].map(([, at, shown]) => ({
      at: at as string,
      shown: shown as string,
    }));

  it("shows every time in the zone the agent's browser reported, each marked up with <time datetime>", async () => {
    const { id } = await conversation(["Where is my order #1001?", "I want to talk to a human"]);
    const agent = await signIn("agent-tz", ["inbox_tz=Asia%2FKolkata"]);
    await agent.post(`/inbox/e/${id}/notes`, { text: "Called the courier", clientNoteId: "note-tz-0001" });
    const page = await agent.page(`/inbox/e/${id}`);
    expect(page).toContain('data-time-zone="Asia/Kolkata"');
    const india = pageText(words, "en", "Asia/Kolkata");
    const local = [...page.matchAll(/<time datetime="([^"]+)" data-local="">([^<]*)<\/time>/g)];
    // Two messages each way, the note, the order's date and the history's "escalated".
    expect(local.length).toBeGreaterThanOrEqual(6);
    for (const [, at, shown] of local) expect(shown).toBe(india.dateTime(at as string));
    // The note's time too, inside its sentence, and the order's placing date.
    expect(page).toMatch(/agent-tz, <time datetime="[^"]+" data-local="">/);
    expect(page).toMatch(/<dd><time datetime="[^"]+" data-local="">/);
    expect(page).toContain(india.zoneName(new Date()));
  });

  it("shows times in the region's zone until the browser has reported its own", async () => {
    const { id } = await conversation(["I want to talk to a human"]);
    const page = await (await signIn("agent-region")).page(`/inbox/e/${id}`);
    expect(page).toContain('data-time-zone="Asia/Singapore"');
    const singapore = pageText(words, "en", "Asia/Singapore");
    const shown = times(page).filter((t) => !t.shown.includes(" due ") && /\d{4}/.test(t.shown));
    expect(shown.length).toBeGreaterThan(0);
    for (const t of shown) expect(t.shown).toBe(singapore.dateTime(t.at));
  });

  it("does not resolve an escalation nobody claimed: it says to claim first and the escalation keeps waiting", async () => {
    const { id } = await conversation(["I will sue your shop, my lawyer will contact you"]);
    const agent = await signIn("agent-legal");
    const before = await agent.page(`/inbox/e/${id}`);
    expect(before).toContain(say("actions.claim_first"));
    expect(before).not.toContain(`action="/inbox/e/${id}/resolve"`);

    const response = await agent.post(`/inbox/e/${id}/resolve`, { note: "closing" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/inbox/e/${id}?error=not_claimed`);
    expect(await agent.page(`/inbox/e/${id}?error=not_claimed`)).toContain(html(say("errors.not_claimed")));
    const detail = await http<{ status: string }>(url(`/v1/inbox/${id}`), { token: agent.token });
    expect(detail.body.status).toBe("pending");
  });

  it("puts the reply box right after the summary once claimed, and stops asking to claim once resolved", async () => {
    const { id } = await conversation(["I want to talk to a human"]);
    const agent = await signIn("agent-flow");
    await agent.post(`/inbox/e/${id}/claim`);
    const claimed = await agent.page(`/inbox/e/${id}`);
    expect(claimed).toMatch(
      /<section aria-labelledby="summary-heading"[^>]*>(?:(?!<section)[\s\S])*?<\/section><form id="reply-form"/,
    );

    expect((await agent.post(`/inbox/e/${id}/resolve`, { note: "answered" })).status).toBe(303);
    const resolved = await agent.page(`/inbox/e/${id}`);
    expect(resolved).toContain(say("actions.resolved_already"));
    expect(resolved).not.toContain(say("actions.claim_first"));
    expect(resolved).not.toContain('id="reply-form"');
  });

  it("shows each queue card's channel and the shopper's last message, escaped and cut short", async () => {
    const web = await conversation(["I want to talk to a human about <b>my parcel</b>"], { channel: "web" });
    const long = `I want to talk to a human. ${"The box arrived crushed and wet. ".repeat(12)}`;
    const api = await conversation([long]);
    const queue = await (await signIn("agent-queue")).page("/inbox");
    const card = (id: string) =>
      /<li[^>]*data-id="[^"]+"[\s\S]*?<\/li>/g.exec(
        queue.slice(queue.indexOf(`data-id="${id}"`) - 60),
      )?.[0] ?? "";

    const webCard = card(web.id);
    expect(webCard).toContain(say("channel.web"));
    expect(webCard).toContain("about &lt;b&gt;my parcel&lt;/b&gt;");
    expect(webCard).not.toContain("<b>");

    const apiCard = card(api.id);
    expect(apiCard).toContain(say("channel.api"));
    expect(apiCard).toContain("The box arrived crushed and wet.");
    expect(apiCard).toContain("…");
    expect(apiCard).not.toContain(long.trim());
  });

  it("shows the orders the AI already described in the order panel, and the summary's topic from the whole conversation", async () => {
    // The AI lists the shopper's open orders, then she asks for a person: no single order is linked.
    const { id } = await conversation(["Where is my order?", "I want to talk to a human"]);
    const detail = await http<{ order: unknown; transcript: { role: string; text: string }[] }>(
      url(`/v1/inbox/${id}`),
      { token: stack().agentTokens.sea },
    );
    expect(detail.body.order).toBeNull();
    const listed = ["#1001", "#1002"].filter((name) => detail.body.transcript[1]?.text.includes(name));
    expect(listed.length).toBe(2);

    const page = await (await signIn("agent-orders")).page(`/inbox/e/${id}`);
    const panel = page.slice(
      page.indexOf('id="order-heading"'),
      page.indexOf("</section>", page.indexOf('id="order-heading"')),
    );
    expect(panel).not.toContain(say("packet.no_order"));
    expect(panel).toContain(say("packet.quoted_orders"));
    for (const name of listed) expect(panel).toContain(`<dd>${name}</dd>`);
    expect(page).toContain(`about: ${words.t("en", "agent:intent.order_status")}`);
  });
});
