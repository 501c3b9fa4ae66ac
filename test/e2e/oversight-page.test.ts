/** Oversight of the AI in the web inbox, driven in headless Chromium: live conversations, why-panels, takeover, flags, insights. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { accessibilityViolations, type Browser, launchBrowser, screenshot } from "../support/browser";
import { signInAsAgent as agentSignIn, say, signInAsSeller } from "../support/inbox-page";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

const words = createTranslator();

type Answer = { conversationId: string; reply: { text: string } | null; status: string };

describe("oversight in the web inbox", () => {
  const stack = useLocalStack();
  const url = (path: string) => `${stack().url}${path}`;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const send = async (text: string, thread: string, overrides: Record<string, unknown> = {}) =>
    (
      await http<Answer>(url("/v1/messages"), {
        token: stack().apiKey,
        body: shopperMessage(text, { conversationId: thread, ...overrides }),
      })
    ).body;
  const thai = (text: string, thread: string, messageId: string) =>
    send(text, thread, { market: "TH", messageId, shopper: { id: `buyer-${thread}`, name: "Ploy" } });
  const signInAsAgent = (page: Page, token: string) => agentSignIn(page, stack(), token);

  it("lists the AI's live conversations for the agent's region, and shows nothing of them to another", async () => {
    const { conversationId } = await thai("สวัสดีค่ะ", "e2e-live", "m-live-1");
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.getByRole("link", { name: say("en", "nav.live") }).click();
    await page.getByRole("heading", { name: say("en", "live.heading") }).waitFor();
    const item = page.locator(`[data-conversation-id="${conversationId}"]`);
    await item.waitFor();
    const row = await item.innerText();
    expect(row).toContain("Ploy");
    expect(row).toContain("Thailand");
    expect(row).toContain("สวัสดีค่ะ");
    expect(row).toContain(say("en", "live.decision"));
    await screenshot(page, "oversight-01-live-list");
    expect(await accessibilityViolations(page)).toEqual([]);

    // Filtered to another market, it is not there.
    await page.getByLabel(say("en", "analytics.market")).selectOption("ID");
    await page.getByRole("button", { name: say("en", "queue.show") }).click();
    await page.getByRole("heading", { name: say("en", "live.heading") }).waitFor();
    expect(await page.locator(`[data-conversation-id="${conversationId}"]`).count()).toBe(0);

    const other = await browser.newPage();
    await signInAsAgent(other, stack().agentTokens["greater-china"]);
    await other.goto(url("/inbox/live"));
    expect(await other.locator(`[data-conversation-id="${conversationId}"]`).count()).toBe(0);
    const response = await other.goto(url(`/inbox/c/${conversationId}`));
    expect(response?.status()).toBe(404);
    expect(await other.locator("main").innerText()).not.toContain("Ploy");
  });

  it("shows why the AI answered (intent, confidence, engine, sources), takes a flag, and takes the conversation over", async () => {
    const { conversationId } = await send("Kak, pesanan #1001 saya sudah sampai mana?", "e2e-why");
    const page = await browser.newPage();
    await signInAsAgent(page, stack().agentTokens.sea);
    await page.goto(url(`/inbox/c/${conversationId}`));
    await page.getByRole("heading", { name: say("en", "packet.transcript") }).waitFor();
    const ai = page.locator(".message.ai").first();
    await ai.getByText(say("en", "why.summary")).click();
    const why = await ai.locator(".why").innerText();
    expect(why).toContain(words.t("en", "agent:intent.order_status"));
    expect(why).toContain(say("en", "why.engine_embedded"));
    expect(why).toContain(say("en", "why.source_order", { id: "#1001" }));
    expect(why).toMatch(/\d+%/);
    await screenshot(page, "oversight-02-why-panel");
    expect(await accessibilityViolations(page)).toEqual([]);

    await ai.getByText(say("en", "flag.summary")).click();
    await ai.getByLabel(say("en", "flag.note_label")).fill("The parcel was returned to sender yesterday.");
    await ai.getByRole("button", { name: say("en", "flag.submit") }).click();
    await page.getByText(say("en", "done.flagged")).waitFor();

    await page.getByRole("button", { name: say("en", "takeover.button") }).click();
    await page.getByText(say("en", "done.taken_over")).waitFor();
    expect(page.url()).toContain("/inbox/e/");
    expect(await page.locator(".history").innerText()).toContain(
      say("en", "event.taken_over", { agent: "Nadia (SEA)" }),
    );
    await screenshot(page, "oversight-03-taken-over");
    expect(await accessibilityViolations(page)).toEqual([]);

    // The shopper was told in their language, and the AI stays silent while the agent holds the conversation.
    const after = await send("Halo?", "e2e-why");
    expect(after.reply).toBeNull();
    const shown = await http<{ messages: { role: string; text: string }[] }>(
      url(`/v1/conversations/${conversationId}`),
      {
        token: stack().apiKey,
      },
    );
    expect(shown.body.messages.map((m) => m.text)).toContain(words.t("id", "shopper:person_joined"));
  });

  it("shows the seller what the AI could not answer in three languages, with a link to write an article, and the flags", async () => {
    await send("Do you ship to Bali and how much is the shipping fee?", "e2e-miss-en", { market: "SG" });
    await send("Berapa ongkos kirim ke Bali?", "e2e-miss-id", { market: "ID" });
    await send("ส่งไปเชียงใหม่ค่าส่งเท่าไหร่คะ", "e2e-miss-th", { market: "TH" });
    const seller = await browser.newPage();
    await signInAsSeller(seller, stack());
    await seller.getByRole("link", { name: say("en", "nav.unanswered") }).click();
    await seller.getByRole("heading", { name: say("en", "unanswered.title") }).waitFor();
    for (const language of ["en", "id", "th"]) {
      const row = seller.locator(`tr[data-topic="shipping_info"][data-language="${language}"]`);
      await row.waitFor();
      const link = row.getByRole("link", { name: new RegExp(say("en", "unanswered.write_article")) });
      const href = (await link.getAttribute("href")) ?? "";
      expect(href).toMatch(/^\/inbox\/knowledge\/new\?title=/);
      expect(new URL(href, stack().url).searchParams.get("language")).toBe(language);
    }
    expect(await seller.locator('tr[data-language="th"]').innerText()).toContain("ส่งไปเชียงใหม่ค่าส่งเท่าไหร่คะ");
    await screenshot(seller, "oversight-04-unanswered");
    expect(await accessibilityViolations(seller)).toEqual([]);

    await seller.getByRole("link", { name: say("en", "nav.flags") }).click();
    await seller.getByRole("heading", { name: say("en", "flags.title") }).waitFor();
    expect(await seller.locator("main").innerText()).toContain(
      "The parcel was returned to sender yesterday.",
    );
    await screenshot(seller, "oversight-05-flags");
    expect(await accessibilityViolations(seller)).toEqual([]);
  });

  it("shows shoppers' ratings next to containment in the seller's analytics", async () => {
    await thai("ขอบคุณมากค่ะ", "e2e-rating", "m-rating-1");
    await thai("5", "e2e-rating", "m-rating-2");
    const seller = await browser.newPage();
    await signInAsSeller(seller, stack());
    await seller.goto(url("/inbox/analytics"));
    const card = seller.locator(".card", { hasText: say("en", "analytics.rating_ai") });
    expect(await card.innerText()).toContain(say("en", "analytics.rating_value", { mean: 5, count: 1 }));
    await screenshot(seller, "oversight-06-analytics-ratings");
    expect(await accessibilityViolations(seller)).toEqual([]);
  });
});
