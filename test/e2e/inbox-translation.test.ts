/** Translation both ways in the web inbox when an LLM is configured (a local chat-completions server stands in). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationId, ShopId } from "../../functions/domain/ids";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { type Browser, launchBrowser, screenshot } from "../support/browser";
import { modelAnswer, startFakeOpenAi } from "../support/fake-openai";
import { say as sayIn, signInAsAgent, thaiEscalation } from "../support/inbox-page";
import { http } from "../support/local-stack";

const say = (key: string, values?: Record<string, unknown>) => sayIn("en", key, values);

const SHOPPER_TH = "ขอคุยกับพนักงานตัวจริงได้ไหมคะ ไม่อยากคุยกับบอท";
const SHOPPER_EN = "Can I talk to a real staff member? I don't want to talk to a bot.";
const AGENT_EN = "Hello Ploy, your parcel leaves our warehouse today.";
const AGENT_TH = "สวัสดีค่ะคุณพลอย พัสดุของคุณจะออกจากคลังสินค้าวันนี้ค่ะ";

const SUMMARY_EN = "Ploy wants a real person, not a bot; no order named yet.";

/** A "model" that translates the sentences this test uses, in either direction, and reads like one otherwise. */
const DICTIONARY: Record<string, string> = { [SHOPPER_TH]: SHOPPER_EN, [AGENT_EN]: AGENT_TH };

describe("translation in the web inbox", () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
  let stack: LocalStack;
  let browser: Browser;
  const url = (path: string) => `${stack.url}${path}`;

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      answerFor: (body) => {
        const format = body.response_format as { json_schema?: { name?: string } } | undefined;
        if (format?.json_schema?.name === "handoff_summary") return { summary: SUMMARY_EN };
        if (format?.json_schema?.name !== "translations") return modelAnswer("สวัสดีค่ะ");
        const { texts } = JSON.parse(body.messages.at(-1)?.content ?? "{}") as { texts: string[] };
        return { translations: texts.map((t) => DICTIONARY[t] ?? `[${t}]`) };
      },
    });
    stack = await startLocalStack({
      logLevel: "SILENT",
      openai: { apiKey: "test-key", baseUrl: fake.baseUrl, model: "fake-model" },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await fake?.stop();
  });

  it("shows the Thai shopper's message in the agent's English with the original one click away, and sends the English reply in Thai", async () => {
    const { id, conversationId } = await thaiEscalation(stack, "Ploy", SHOPPER_TH);
    const page = await browser.newPage();
    await signInAsAgent(page, stack, stack.agentTokens.sea);
    await page.locator(`[data-id="${id}"] a`).click();

    // The model's gist of the conversation, in the agent's language, above the facts.
    expect(await page.locator(".ai-summary").innerText()).toContain(SUMMARY_EN);
    const summaryRequest = fake.requests.find(
      (r) =>
        (r.body.response_format as { json_schema?: { name?: string } })?.json_schema?.name ===
        "handoff_summary",
    );
    expect(summaryRequest?.body.messages[0]?.content).toContain("English (en)");

    const shopperLine = page.locator("#live .message.shopper").first();
    expect(await shopperLine.locator(".text").innerText()).toBe(SHOPPER_EN);
    const original = shopperLine.locator("details.original");
    expect(await original.locator("p").isVisible()).toBe(false);
    await original.getByText(say("translation.show_original")).click();
    expect(await original.locator("p").innerText()).toBe(SHOPPER_TH);
    // Kept with the conversation: another agent, or another Lambda instance, reads it without a model call.
    const kept = await stack.deps.conversations.getConversation(
      ShopId(DEMO_SHOP_ID),
      ConversationId(conversationId),
    );
    expect(Object.values(kept?.translations.en ?? {})).toContain(SHOPPER_EN);
    await screenshot(page, "08-translated-packet");

    await page.getByRole("button", { name: say("actions.claim") }).click();
    await page.getByText(say("done.claimed")).waitFor();
    await page.getByLabel(say("actions.reply_label")).fill(AGENT_EN);
    expect(await page.getByLabel(say("translation.translate_reply", { language: "Thai" })).isChecked()).toBe(
      true,
    );
    await page.getByRole("button", { name: say("actions.send") }).click();
    await page.getByText(say("done.sent")).waitFor();
    await screenshot(page, "09-translated-reply");

    const conversation = await http<{ messages: { role: string; text: string }[] }>(
      url(`/v1/conversations/${conversationId}`),
      { token: stack.apiKey },
    );
    expect(conversation.body.messages.filter((m) => m.role === "agent").map((m) => m.text)).toEqual([
      AGENT_TH,
    ]);
    // The agent reads their own words; what the shopper got is one click away.
    const sent = page.locator("#live .message.agent").last();
    expect(await sent.locator(".text").innerText()).toBe(AGENT_EN);
    await sent.locator("summary").click();
    expect(await sent.locator("details p").innerText()).toBe(AGENT_TH);
  });

  it("does not send a reply it could not translate, and keeps what the agent wrote", async () => {
    const { id, conversationId } = await thaiEscalation(stack, "Ann", SHOPPER_TH);
    await http(url(`/v1/inbox/${id}/claim`), { token: stack.agentTokens.sea, body: {} });
    const page = await browser.newPage();
    await signInAsAgent(page, stack, stack.agentTokens.sea);
    await page.goto(url(`/inbox/e/${id}`));
    const draft = "A reply the model will fail to translate";
    await page.getByLabel(say("actions.reply_label")).fill(draft);
    fake.script({ status: 503 });
    await page.getByRole("button", { name: say("actions.send") }).click();
    await page.getByText(say("errors.translation_failed")).waitFor();
    expect(await page.getByLabel(say("actions.reply_label")).inputValue()).toBe(draft);
    const conversation = await http<{ messages: { role: string }[] }>(
      url(`/v1/conversations/${conversationId}`),
      {
        token: stack.apiKey,
      },
    );
    expect(conversation.body.messages.some((m) => m.role === "agent")).toBe(false);
  });
});
