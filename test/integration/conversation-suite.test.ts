import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "../../functions/adapters/i18n/resources";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { localeFor } from "../../functions/domain/language";
import { MARKETS, type MarketCode } from "../../functions/domain/markets";
import { http, shopperMessage, useLocalStack } from "../support/local-stack";

type Scenario =
  | "order_status"
  | "delivery_delay"
  | "cancel_order"
  | "refund_return"
  | "change_address"
  | "human_request"
  | "complaint"
  | "sensitive"
  | "unclear";
type Suite = Record<MarketCode, { language: string; messages: Record<Scenario, string> }>;
type Response = {
  status: string;
  reply: { text: string; language: string; intent: string; aiGenerated: boolean } | null;
  escalation: { region: string; reason: string } | null;
};

const suite = JSON.parse(
  readFileSync(join(import.meta.dirname, "../fixtures/conversation-suite.json"), "utf8"),
) as Suite;

const translator = createTranslator();

/** How many times a reply offers a person: the hybrid markets' offer line and the disclosure's offer (R1, R8). */
function personOffers(text: string, locale: string): number {
  const keyword = translator.t(locale, "handoff_keyword");
  const assistant = translator.t(locale, "assistant");
  const offers = [
    translator.t(locale, "offer_person", { keyword }),
    translator.t(locale, "disclosure", { assistant, keyword }),
  ];
  return offers.reduce((n, offer) => n + text.split(offer).length - 1, 0);
}

/**
 * What the policy must decide for each scenario (the demo shopper's #1001 has shipped, #1002 has not: cancelling and
 * changing the address are about #1002, a return about #1001).
 */
const EXPECTED: Record<Scenario, { intent: string | RegExp; escalation: string | null; contains?: string }> =
  {
    order_status: { intent: "order_status", escalation: null, contains: "JT0001234567" },
    delivery_delay: { intent: /delivery_delay|order_status/, escalation: null, contains: "JT0001234567" },
    cancel_order: { intent: "cancel_order", escalation: "action_required" },
    refund_return: { intent: "refund_return", escalation: "action_required" },
    change_address: { intent: "change_address", escalation: "action_required" },
    human_request: { intent: "human_request", escalation: "human_requested" },
    complaint: { intent: "complaint", escalation: "frustration" },
    sensitive: { intent: /^sensitive_/, escalation: "sensitive" },
    unclear: { intent: "unknown", escalation: null },
  };

describe("conversation suite: every market through every kind of message", () => {
  const stack = useLocalStack({ autoPoll: false });

  for (const [market, { language, messages }] of Object.entries(suite) as [MarketCode, Suite[MarketCode]][]) {
    describe(`${market} (${language}, ${MARKETS[market].posture})`, () => {
      for (const [scenario, text] of Object.entries(messages) as [Scenario, string][]) {
        it(`${scenario}: ${text}`, async () => {
          const { status, body } = await http<Response>(`${stack().url}/v1/messages`, {
            token: stack().apiKey,
            body: shopperMessage(text, { market }),
          });
          expect(status).toBe(200);
          const expected = EXPECTED[scenario];
          expect(body.reply?.language).toBe(language);
          expect(body.reply?.intent).toMatch(expected.intent);
          if (expected.contains) expect(body.reply?.text).toContain(expected.contains);
          // R1: the disclosure in the shopper's language, naming the word that reaches a person.
          const shopperStrings = resources[localeFor(language as never, market)]?.shopper as
            | { handoff_keyword: string }
            | undefined;
          const keyword = shopperStrings?.handoff_keyword ?? "(missing locale)";
          expect(body.reply?.text).toContain(keyword);
          // A person is offered exactly once per reply, however the market's posture adds its own offer.
          expect(personOffers(body.reply?.text ?? "", localeFor(language as never, market))).toBe(1);
          if (expected.escalation) {
            expect(body.status).toBe("pending_human");
            expect(body.escalation).toMatchObject({
              reason: expected.escalation,
              region: MARKETS[market].region,
            });
          } else {
            expect(body.status).toBe("ai");
            expect(body.escalation).toBeNull();
          }
        });
      }
    });
  }
});
