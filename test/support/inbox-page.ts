/** Steps the inbox's browser tests share: a Thai escalation in the sea inbox, and signing in as an agent or a seller. */
import type { Page } from "playwright-core";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import type { LocalStack } from "../../functions/local/stack";
import { eventually, http, shopperMessage } from "./local-stack";

const words = createTranslator();

/** The page's own words, from locales/: a test that finds them proves the page speaks that language. */
export const say = (locale: string, key: string, values?: Record<string, unknown>) =>
  words.t(locale, `inbox:${key}`, values);

/** A Thai shopper writes `text`; resolves once the escalation consumer has put it in the sea inbox. */
export async function thaiEscalation(stack: LocalStack, name: string, text: string) {
  const message = shopperMessage(text, { market: "TH", shopper: { id: `buyer-${name}`, name } });
  const { body } = await http<{ conversationId: string; escalation: { id: string } | null }>(
    `${stack.url}/v1/messages`,
    { token: stack.apiKey, body: message },
  );
  const id = body.escalation?.id;
  if (!id) throw new Error(`"${text}" was not escalated`);
  await eventually(
    async () => (await http(`${stack.url}/v1/inbox/${id}`, { token: stack.agentTokens.sea })).status === 200,
  );
  return { id, conversationId: body.conversationId };
}

export async function signInAsAgent(page: Page, stack: LocalStack, token: string, locale = "en") {
  await page.goto(`${stack.url}/inbox`);
  await page.getByLabel(say(locale, "sign_in.agent_token_label")).fill(token);
  await page
    .getByRole("button", { name: say(locale, "sign_in.submit") })
    .first()
    .click();
}

export async function signInAsSeller(page: Page, stack: LocalStack, locale = "en") {
  await page.goto(`${stack.url}/inbox/sign-in`);
  await page.getByLabel(say(locale, "sign_in.seller_key_label")).fill(stack.apiKey);
  await page
    .getByRole("button", { name: say(locale, "sign_in.submit") })
    .last()
    .click();
}
