import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resources } from "../../functions/adapters/i18n/resources";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { localeFor } from "../../functions/domain/language";
import { MARKETS, type MarketCode } from "../../functions/domain/markets";
import { ShopId } from "../../functions/domain/ids";
import type { OrderSnapshot } from "../../functions/domain/order";
import { DEMO_ORDERS, DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

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
/**
 * Conversations in each market (issue #16): the answer to "which order?", the checkout email or a local-format phone
 * given after we asked, an angry message about a late order, a safety question, a mixed-script message and a ping.
 */
interface Dialogues {
  /** "I want to cancel my order" from the demo shopper (two open orders), then the order number alone. */
  which_order: [string, string];
  /** A guest asks about #1001, then gives the checkout email alone. */
  email_answer: [string, string];
  /** A guest asks about the market's own order, then gives its checkout phone alone, in the local format. */
  phone_answer: { order: string; phone: string; messages: [string, string] };
  angry_delay: string;
  safety: string;
  mixed_script: { text: string; language: string };
  /** A ping, after `before` when the conversation already has a language, else as the first message. */
  ping: { before?: string; text: string; language: string };
}
type Suite = Record<
  MarketCode,
  { language: string; messages: Record<Scenario, string>; dialogues: Dialogues }
>;
type Response = {
  status: string;
  reply: {
    text: string;
    language: string;
    intent: string;
    aiGenerated: boolean;
    action?: { type: string; order: string; status: string } | null;
  } | null;
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
const EXPECTED: Record<
  Scenario,
  { intent: string | RegExp; escalation: string | null; contains?: string; action?: string }
> = {
  order_status: { intent: "order_status", escalation: null, contains: "JT0001234567" },
  delivery_delay: { intent: /delivery_delay|order_status/, escalation: null, contains: "JT0001234567" },
  // Order actions (docs/api.md "Actions"): the AI proposes the exact effect and waits for the shopper's yes; the
  // new address is asked for in full before anything is proposed.
  cancel_order: { intent: "cancel_order", escalation: null, action: "cancel_order", contains: "#1002" },
  refund_return: { intent: "refund_return", escalation: null, action: "return_request", contains: "#1001" },
  change_address: { intent: "change_address", escalation: null, contains: "#1002" },
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
          if (expected.action)
            expect(body.reply?.action).toMatchObject({ type: expected.action, status: "proposed" });
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

  describe("dialogue state, signals that win and the language by script", () => {
    type Detail = Response & {
      conversationId: string;
      escalation: { id: string; region: string; reason: string } | null;
    };
    const send = async (text: string, patch: Record<string, unknown>) => {
      const { status, body } = await http<Detail>(`${stack().url}/v1/messages`, {
        token: stack().apiKey,
        body: shopperMessage(text, patch),
      });
      expect(status).toBe(200);
      return body;
    };
    /** A conversation of several messages on one thread, each answered in turn. */
    const conversation = (market: MarketCode, shopper = { id: "buyer-1", name: "Siti" }) => {
      const conversationId = `dialogue-${market}-${Math.random().toString(36).slice(2)}`;
      let n = 0;
      return (text: string) => send(text, { market, shopper, conversationId, messageId: `d-${++n}` });
    };

    beforeAll(async () => {
      // Each market's guest order, whose checkout phone is a number of that market.
      const [template] = DEMO_ORDERS as [OrderSnapshot];
      for (const [market, { dialogues }] of Object.entries(suite) as [MarketCode, Suite[MarketCode]][]) {
        const { order, phone } = dialogues.phone_answer;
        await stack().deps.orders.putOrder(
          ShopId(DEMO_SHOP_ID),
          {
            ...template,
            id: `gid://shopify/Order/59${order.slice(1)}`,
            name: order,
            email: `guest-${market.toLowerCase()}@example.com`,
            phone,
            shippingCountry: market,
            tracking: [{ company: "J&T Express", number: `JT${order.slice(1)}0000`, url: null }],
          },
          [],
        );
      }
    });

    it('reads a number with a few words around it after "which order?" as that order', async () => {
      const say = conversation("SG");
      const asked = await say("I'd like to cancel my order please");
      expect(asked.reply?.text).toContain("#1002");
      const answered = await say("the one I placed last week, 1002");
      expect(answered.reply?.intent).toBe("cancel_order");
      expect(answered.reply?.action).toMatchObject({
        type: "cancel_order",
        order: "#1002",
        status: "proposed",
      });
    });

    for (const [market, { language, dialogues }] of Object.entries(suite) as [
      MarketCode,
      Suite[MarketCode],
    ][]) {
      describe(`${market} (${language})`, () => {
        it(`reads the order number after "which order?" as its answer: ${dialogues.which_order[1]}`, async () => {
          const say = conversation(market);
          const asked = await say(dialogues.which_order[0]);
          expect(asked.reply?.text).toContain("#1001");
          expect(asked.reply?.text).toContain("#1002");
          const answered = await say(dialogues.which_order[1]);
          expect(answered.reply?.intent).toBe("cancel_order");
          expect(answered.reply?.language).toBe(language);
          expect(answered.reply?.text).toContain("#1002");
          // The cancellation the shopper asked for before we asked which order: proposed for that order.
          expect(answered.reply?.action).toMatchObject({
            type: "cancel_order",
            order: "#1002",
            status: "proposed",
          });
        });

        it(`unlocks the order with the checkout email given as the answer: ${dialogues.email_answer[1]}`, async () => {
          const say = conversation(market, { id: `guest-${market}`, name: "Linh" });
          const asked = await say(dialogues.email_answer[0]);
          expect(asked.reply?.text).not.toContain("JT0001234567");
          const answered = await say(dialogues.email_answer[1]);
          expect(answered.reply?.intent).toBe("order_status");
          expect(answered.reply?.text).toContain("JT0001234567");
          expect(answered.escalation).toBeNull();
        });

        it(`unlocks the order with a local-format phone given as the answer: ${dialogues.phone_answer.messages[1]}`, async () => {
          const { order, messages } = dialogues.phone_answer;
          const say = conversation(market, { id: `guest-phone-${market}`, name: "Linh" });
          const tracking = `JT${order.slice(1)}0000`;
          expect((await say(messages[0])).reply?.text).not.toContain(tracking);
          const answered = await say(messages[1]);
          expect(answered.reply?.intent).toBe("order_status");
          expect(answered.reply?.text).toContain(tracking);
          expect(answered.escalation).toBeNull();
        });

        it(`hands an angry shopper with a late order to a person, the order in the packet: ${dialogues.angry_delay}`, async () => {
          const body = await send(dialogues.angry_delay, { market });
          expect(body.status).toBe("pending_human");
          expect(body.escalation?.reason).toBe("frustration");
          expect(body.reply?.language).toBe(language);
          const region = MARKETS[market].region;
          // The region's consumer records the packet; earlier escalations of the suite may be queued ahead of it.
          const packet = await eventually(async () => {
            await stack().poller.pollOnce();
            const found = await http<{ reason: string; order: { name: string } | null }>(
              `${stack().url}/v1/inbox/${body.escalation?.id}`,
              { token: stack().agentTokens[region] },
            );
            return found.status === 200 ? found : null;
          });
          expect(packet.body.reason).toBe("frustration");
          expect(packet.body.order?.name).toBe("#1001");
        });

        it(`hands a safety question to a person as a sensitive matter: ${dialogues.safety}`, async () => {
          const body = await send(dialogues.safety, { market });
          expect(body.escalation?.reason).toBe("sensitive");
          expect(body.reply?.intent).toBe("sensitive_health_safety");
          expect(body.reply?.language).toBe(language);
        });

        it(`answers a mixed-script message in its non-Latin language: ${dialogues.mixed_script.text}`, async () => {
          const body = await send(dialogues.mixed_script.text, { market });
          expect(body.reply?.language).toBe(dialogues.mixed_script.language);
        });

        it(`keeps the conversation's or the market's language for a ping: ${dialogues.ping.text}`, async () => {
          const say = conversation(market);
          if (dialogues.ping.before) await say(dialogues.ping.before);
          const body = await say(dialogues.ping.text);
          expect(body.reply?.language).toBe(dialogues.ping.language);
        });
      });
    }
  });
});
