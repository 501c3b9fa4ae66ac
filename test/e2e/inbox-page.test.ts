/** The agents' inbox as a web page, driven in headless Chromium against the local stack. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { signAgentToken } from "../../functions/local/agent-tokens";
import { SHORTCUTS } from "../../functions/http/web/assets";
import { pageText } from "../../functions/http/web/page-locale";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { ShopId } from "../../functions/domain/ids";
import { accessibilityViolations, type Browser, launchBrowser, screenshot } from "../support/browser";
import {
  signInAsAgent as agentSignIn,
  thaiEscalation as escalate,
  say,
  signInAsSeller,
} from "../support/inbox-page";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

const words = createTranslator();

type Conversation = { messages: { role: string; text: string }[] };

describe("the web inbox", () => {
  const stack = useLocalStack();
  const url = (path: string) => `${stack().url}${path}`;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const thaiEscalation = (name: string) => escalate(stack(), name, "ขอคุยกับพนักงานตัวจริงได้ไหมคะ ไม่อยากคุยกับบอท");
  const signInAsAgent = (page: Page, token: string, locale = "en") =>
    agentSignIn(page, stack(), token, locale);

  const conversation = async (id: string) =>
    (await http<Conversation>(url(`/v1/conversations/${id}`), { token: stack().apiKey })).body;

  it("lets an agent sign in, claim a Thai escalation and reply, and the shopper's conversation shows the reply", async () => {
    const { id, conversationId } = await thaiEscalation("Ploy");
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.getByRole("heading", { name: say("en", "queue.heading") }).waitFor();

    const item = page.locator(`[data-id="${id}"]`);
    await item.waitFor();
    const row = await item.innerText();
    expect(row).toContain("Ploy");
    expect(row).toContain("Thailand");
    expect(row).toContain(words.t("en", "agent:reason.human_requested"));
    expect(row).toContain(say("en", "sla.due", { when: "" }).trim());
    await screenshot(page, "01-queue");

    await item.getByRole("link").click();
    await page.getByRole("heading", { name: say("en", "packet.summary") }).waitFor();
    expect(await page.locator("#live .transcript").innerText()).toContain("ขอคุยกับพนักงาน");
    // No LLM configured: the page says translation is off and shows the shopper's own words.
    await page.getByText(say("en", "translation.off")).waitFor();
    await page.getByRole("button", { name: say("en", "actions.claim") }).click();
    await page.getByText(say("en", "done.claimed")).waitFor();
    await screenshot(page, "02-packet-claimed");

    const reply = "สวัสดีค่ะคุณพลอย ดิฉันชื่อนาเดีย ยินดีช่วยเหลือค่ะ";
    await page.getByLabel(say("en", "actions.reply_label")).fill(reply);
    await page.getByRole("button", { name: say("en", "actions.send") }).click();
    await page.getByText(say("en", "done.sent")).waitFor();
    expect(await page.locator("#live .transcript").innerText()).toContain(reply);
    await screenshot(page, "03-packet-replied");

    const shown = await conversation(conversationId);
    expect(shown.messages.filter((m) => m.role === "agent").map((m) => m.text)).toEqual([reply]);
  });

  it("does not show an escalation to an agent of another region, not even by its address", async () => {
    const { id } = await thaiEscalation("Mali");
    const page = await browser.newPage();
    // Greater China's demo agent reads Simplified Chinese first, so the page speaks it.
    await signInAsAgent(page, stack().agentTokens["greater-china"], "en");
    await page.getByRole("heading", { name: say("zh-Hans", "queue.heading") }).waitFor();
    expect(await page.locator(`[data-id="${id}"]`).count()).toBe(0);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hans");
    await screenshot(page, "04-other-region-queue-zh-Hans");

    const response = await page.goto(url(`/inbox/e/${id}`));
    expect(response?.status()).toBe(404);
    expect(await page.locator("main").innerText()).toContain(say("zh-Hans", "packet.not_found"));
    expect(await page.locator("main").innerText()).not.toContain("Mali");
  });

  it("can be worked from the keyboard alone: move to an escalation, open, claim and reply", async () => {
    const { id, conversationId } = await thaiEscalation("Kanya");
    const page = await browser.newPage();
    await page.goto(url("/inbox"));
    await page.getByLabel(say("en", "sign_in.agent_token_label")).focus();
    await page.keyboard.insertText(stack().agentTokens.sea);
    await page.keyboard.press("Tab"); // the help text is not focusable: next is the sign-in button
    await page.keyboard.press("Enter");
    await page.locator(`[data-id="${id}"]`).waitFor();

    for (let i = 0; i < 50; i++) {
      await page.keyboard.press("j");
      const focused = await page.evaluate(
        'document.activeElement?.closest("[data-id]")?.getAttribute("data-id")',
      );
      if (focused === id) break;
    }
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/inbox/e/${id}`);
    await page.keyboard.press("c");
    await page.getByText(say("en", "done.claimed")).waitFor();
    await page.keyboard.press("r");
    await page.keyboard.insertText("ขอบคุณที่รอค่ะ");
    await page.keyboard.press("Control+Enter");
    await page.getByText(say("en", "done.sent")).waitFor();
    expect((await conversation(conversationId)).messages.at(-1)?.text).toBe("ขอบคุณที่รอค่ะ");
  });

  it("speaks the agent's language, and lets the agent pick another", async () => {
    const token = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "agent-th",
      name: "Somchai",
      regions: ["sea"],
      shops: [DEMO_SHOP_ID],
      languages: ["th", "en"],
    });
    const { id } = await thaiEscalation("Nok");
    const page = await browser.newPage();
    await signInAsAgent(page, token);
    await page.getByRole("heading", { name: say("th", "queue.heading") }).waitFor();
    expect(await page.locator(`[data-id="${id}"]`).innerText()).toContain(
      words.t("th", "agent:reason.human_requested"),
    );
    await screenshot(page, "05-queue-th");

    await page.getByLabel(say("th", "nav.language")).selectOption("ja");
    await page.getByRole("button", { name: say("th", "nav.apply") }).click();
    await page.getByRole("heading", { name: say("ja", "queue.heading") }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
  });

  it("resolves with a note, or hands the conversation back to the AI, and says so in the history", async () => {
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);

    const resolved = await thaiEscalation("Pim");
    await page.goto(url(`/inbox/e/${resolved.id}`));
    await page.getByRole("button", { name: say("en", "actions.claim") }).click();
    await page.getByLabel(say("en", "actions.resolve_note")).fill("Refund sent by the team");
    await page.getByRole("button", { name: say("en", "actions.resolve") }).click();
    await page.getByText(say("en", "done.resolved")).waitFor();
    const history = await page.locator("#live .history").innerText();
    expect(history).toContain(say("en", "event.resolved", { agent: "Nadia (SEA)" }));
    expect(history).toContain("Refund sent by the team");

    const released = await thaiEscalation("Arun");
    await page.goto(url(`/inbox/e/${released.id}`));
    await page.getByRole("button", { name: say("en", "actions.claim") }).click();
    await page.getByRole("button", { name: say("en", "actions.release") }).click();
    await page.getByText(say("en", "done.released")).waitFor();
    const status = await http<{ status: string }>(url(`/v1/conversations/${released.conversationId}`), {
      token: stack().apiKey,
    });
    expect(status.body.status).toBe("ai");
  });

  it("tells an agent who lost the race that another agent claimed it first", async () => {
    const { id } = await thaiEscalation("Tida");
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.goto(url(`/inbox/e/${id}`));
    const rival = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "agent-rival",
      name: "Rival",
      regions: ["sea"],
      shops: [DEMO_SHOP_ID],
      languages: ["en"],
    });
    expect((await http(url(`/v1/inbox/${id}/claim`), { token: rival, body: {} })).status).toBe(200);
    await page.getByRole("button", { name: say("en", "actions.claim") }).click();
    await page.getByText(say("en", "errors.conflict")).waitFor();
    expect(await page.getByRole("button", { name: say("en", "actions.send") }).count()).toBe(0);
    expect(await page.locator("main").innerText()).toContain(say("en", "actions.held_by_other"));
  });

  it("meets WCAG 2.1 AA on the sign-in page, the queue, the packet, the analytics, the canned replies and the connections (axe-core)", async () => {
    const { id } = await thaiEscalation("Wan");
    const page = await browser.newPage();
    await page.goto(url("/inbox/sign-in"));
    expect(await accessibilityViolations(page)).toEqual([]);
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.locator(`[data-id="${id}"]`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(url(`/inbox/e/${id}`));
    await page.getByRole("button", { name: say("en", "actions.claim") }).click();
    await page.getByText(say("en", "done.claimed")).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const seller = await browser.newPage();
    await signInAsSeller(seller, stack());
    await seller.getByRole("heading", { name: say("en", "analytics.title") }).waitFor();
    expect(await accessibilityViolations(seller)).toEqual([]);
    await seller.goto(url("/inbox/canned"));
    expect(await accessibilityViolations(seller)).toEqual([]);
    // The connections page with an account on it, its authorization about to end (the table, the alert, the forms).
    const connection = {
      shopId: ShopId(DEMO_SHOP_ID),
      marketplace: "shopee" as const,
      marketplaceShopId: "947042923",
      appId: "2006566",
      vendor: { callbackUrl: url("/webhooks/shopee") },
      apiBaseUrl: "https://partner.shopeemobile.com",
      authBaseUrl: "https://partner.shopeemobile.com",
      market: "ID" as const,
      accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
      connectedAt: new Date().toISOString(),
    };
    await stack().deps.connections.save(connection, { signingKey: "k", accessToken: "a", refreshToken: "r" });
    await stack().deps.connections.recordAlert(ShopId(DEMO_SHOP_ID), "shopee", "947042923", {
      kind: "token_expiring",
      expiresAt: new Date(Date.now() + 48 * 3600_000).toISOString(),
      at: new Date().toISOString(),
    });
    await seller.goto(url("/inbox/connections"));
    await seller.getByRole("heading", { name: say("en", "connections.heading") }).waitFor();
    expect(await seller.getByRole("button", { name: say("en", "connections.disconnect") }).count()).toBe(1);
    expect(await accessibilityViolations(seller)).toEqual([]);
  });

  it("offers the shop's canned replies in the shopper's language, with the shopper's name filled in", async () => {
    const seller = await browser.newPage();
    await signInAsSeller(seller, stack());
    await seller.getByRole("link", { name: say("en", "nav.canned") }).click();
    await seller.locator("#canned-title").fill("รอตรวจ");
    await seller.locator("#canned-language").selectOption("th");
    await seller.locator("#canned-text").fill("รอสักครู่");
    await seller.getByRole("button", { name: say("en", "canned.add") }).click();
    await seller.getByText(say("en", "canned.saved")).waitFor();
    // Edited in place: the title and the text the agent will get.
    await seller.getByText(say("en", "canned.edit")).last().click();
    const edit = seller.locator(".canned-list li").last();
    await edit.getByLabel(say("en", "canned.title_label")).fill("รอตรวจสอบ");
    await edit.getByLabel(say("en", "canned.text_label")).fill("คุณ{{shopper}} รอสักครู่นะคะ กำลังตรวจสอบให้ค่ะ");
    await edit.getByRole("button", { name: say("en", "canned.save") }).click();
    await seller.getByText(say("en", "canned.saved")).waitFor();
    await screenshot(seller, "06-seller-canned-replies");

    const { id } = await thaiEscalation("Fah");
    const agent = await browser.newPage();
    await signInAsAgent(agent, stack().agentTokens.sea);
    await agent.goto(url(`/inbox/e/${id}`));
    await agent.getByRole("button", { name: say("en", "actions.claim") }).click();
    await agent.getByLabel(say("en", "canned.pick")).selectOption({ label: "รอตรวจสอบ" });
    await agent.getByRole("button", { name: say("en", "canned.insert") }).click();
    expect(await agent.getByLabel(say("en", "actions.reply_label")).inputValue()).toBe(
      "คุณFah รอสักครู่นะคะ กำลังตรวจสอบให้ค่ะ",
    );
    // The built-in ones are there too, in Thai.
    await agent
      .getByLabel(say("en", "canned.pick"))
      .selectOption({ label: say("en", "canned.titles.closing") });
    await agent.getByRole("button", { name: say("en", "canned.insert") }).click();
    expect(await agent.getByLabel(say("en", "actions.reply_label")).inputValue()).toContain(
      words.t("th", "shopper:canned.closing"),
    );
  });

  it("keeps internal notes among agents: the shopper's conversation never shows them", async () => {
    const { id, conversationId } = await thaiEscalation("Dao");
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.goto(url(`/inbox/e/${id}`));
    const note = "Checked with the warehouse: parcel leaves tomorrow";
    await page.getByRole("textbox", { name: say("en", "notes.label") }).fill(note);
    await page.getByRole("button", { name: say("en", "notes.add") }).click();
    await page.getByText(say("en", "done.noted")).waitFor();
    expect(await page.locator("#live .notes").innerText()).toContain(note);
    expect(JSON.stringify(await conversation(conversationId))).not.toContain("warehouse");
  });

  it("shows every time in the agent's own time zone, which the browser reports for the pages that follow", async () => {
    const { id } = await thaiEscalation("Rin");
    const page = await browser.newPage({ timezoneId: "Asia/Bangkok" });
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.goto(url(`/inbox/e/${id}`));
    await page.reload();
    expect(await page.locator("body").getAttribute("data-time-zone")).toBe("Asia/Bangkok");
    const bangkok = pageText(words, "en", "Asia/Bangkok");
    const times = await page
      .locator("time[data-local]")
      .evaluateAll((els) => els.map((el) => [el.getAttribute("datetime") ?? "", el.textContent ?? ""]));
    expect(times.length).toBeGreaterThan(2);
    for (const [at, shown] of times) expect(shown).toBe(bangkok.dateTime(at as string));
    expect(await page.locator("#time-zone").innerText()).toContain("Indochina Time");
  });

  it("lists every keyboard shortcut behind ?, keys and what they do in two aligned columns", async () => {
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.getByRole("heading", { name: say("en", "queue.heading") }).waitFor();
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: say("en", "shortcuts.title") });
    await dialog.waitFor();
    const keys = dialog.locator("dt");
    const what = dialog.locator("dd");
    expect(await keys.count()).toBe(SHORTCUTS.length);
    expect(await what.allInnerTexts()).toEqual(SHORTCUTS.map((s) => say("en", `shortcuts.${s.does}`)));
    const lefts = async (cells: typeof keys) =>
      new Set(await cells.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left))));
    expect((await lefts(keys)).size).toBe(1);
    expect((await lefts(what)).size).toBe(1);
    await screenshot(page, "10-shortcuts");
  });

  it("shows a Hindi-speaking agent the page in Devanagari", async () => {
    const token = await signAgentToken(stack().deps.agentJwtSecret, {
      sub: "agent-hi",
      name: "Priya",
      regions: ["sea"],
      shops: [DEMO_SHOP_ID],
      languages: ["hi"],
    });
    const { id } = await thaiEscalation("Mai");
    const page = await browser.newPage();
    await signInAsAgent(page, token);
    await page.getByRole("heading", { name: say("hi", "queue.heading") }).waitFor();
    await page.goto(url(`/inbox/e/${id}`));
    await page.getByRole("button", { name: say("hi", "actions.claim") }).click();
    await page.getByText(say("hi", "done.claimed")).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("hi");
    await screenshot(page, "11-packet-claimed-hi");
  });

  it("updates the queue by itself when a new escalation arrives", async () => {
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.getByRole("heading", { name: say("en", "queue.heading") }).waitFor();
    const before = Number(await page.locator("#queue").getAttribute("data-count"));
    const { id } = await thaiEscalation("Joy");
    await page.locator(`[data-id="${id}"]`).waitFor({ timeout: 10_000 });
    // Screen readers hear it (a polite live region), and the tab's title counts what waits.
    expect(await page.locator("#queue-status").textContent()).toBe(
      say("en", "queue.count", { count: before + 1 }),
    );
    expect(await page.title()).toMatch(new RegExp(`^\\(${before + 1}\\) `));
  });

  it("shows the seller containment, escalations by reason and market, and first-response times", async () => {
    await thaiEscalation("Lek");
    await http(url("/v1/messages"), {
      token: stack().apiKey,
      body: shopperMessage("Where is my order #1001?", {
        market: "SG",
        shopper: { id: "buyer-1", name: "Tan" },
      }),
    });
    const page = await browser.newPage();
    await signInAsSeller(page, stack());
    await page.getByRole("heading", { name: say("en", "analytics.title") }).waitFor();
    const main = await page.locator("main").innerText();
    for (const label of ["containment", "first_ai_reply", "first_human_reply", "by_reason", "by_market"])
      expect(main).toContain(say("en", `analytics.${label}`));
    expect(main).toContain(words.t("en", "agent:reason.human_requested"));
    expect(main).toContain("Thailand");
    expect(main).toContain("Singapore");
    await screenshot(page, "07-seller-analytics");

    // A seller's key opens the seller's pages only.
    const response = await page.goto(url("/inbox/e/e_0000000000000"));
    expect(response?.status()).toBe(403);
  });
});
