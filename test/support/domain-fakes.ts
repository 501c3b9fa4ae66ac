/** The reply pipeline's dependencies over the in-memory ports, with the real embedded understanding and locales. */
import { HANDOFF_KEYWORDS } from "../../functions/adapters/i18n/resources";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { createEmbeddedUnderstanding } from "../../functions/ai/understanding";
import type { MessageDeps, IncomingMessage } from "../../functions/domain/handle-message";
import { ShopId } from "../../functions/domain/ids";
import type { ReplyModel } from "../../functions/domain/model";
import { createFakeClock, createInMemoryPorts, type FakeClock } from "../../functions/domain/fakes";

export const SHOP = ShopId("demo-shop.myshopify.com");

// Built once per test file: training the embedded classifier takes a moment.
const understanding = createEmbeddedUnderstanding(HANDOFF_KEYWORDS);
export const translator = createTranslator();

/** Fresh in-memory ports for one test, the clock on a Monday morning in Jakarta, and the pipeline's deps over them. */
export function pipeline(options: { model?: ReplyModel; clock?: FakeClock } = {}) {
  const clock = options.clock ?? createFakeClock("2026-03-02T03:00:00.000Z");
  const ports = createInMemoryPorts(clock);
  const deps: MessageDeps = {
    conversations: ports.conversations,
    orders: ports.orders,
    escalations: ports.escalationQueue,
    understanding,
    translator,
    clock,
    metrics: ports.metrics,
    model: options.model,
  };
  return { ...ports, clock, deps };
}

let counter = 0;
/** A shopper message on the API channel in Indonesia from buyer-1 (Siti), with a fresh message id unless given. */
export function message(text: string, patch: Partial<IncomingMessage> = {}): IncomingMessage {
  counter++;
  return {
    shopId: SHOP,
    channel: "api",
    threadId: "thread-1",
    messageId: `m-${counter}`,
    market: "ID",
    shopper: { id: "buyer-1", name: "Siti" },
    text,
    ...patch,
  };
}
