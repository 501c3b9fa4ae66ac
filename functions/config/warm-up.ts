/**
 * The one-time work of a first message — the intent model, the phrasebook's phrase index, the locales, the first
 * connections to the table and the queues — done while a provisioned instance initialises (infra's `warmInstances`),
 * before any shopper waits for it. On-demand instances skip it: there a shopper is already waiting.
 */
import { readMessage } from "../domain/dialogue";
import { extractEntities } from "../domain/extract";
import type { MessageDeps } from "../domain/handle-message";
import { LOCALE_CODES } from "../domain/languages";
import { MARKETS } from "../domain/markets";
import type { Logger } from "../domain/ports";
import { detectSignals } from "../domain/signals";

/** A first message touching every reader: a question, an order number, a local phone number and an email. */
const SAMPLE = "Hi, where is my order #1001? My phone is 0812-3456-7890, email buyer@example.com";

export interface WarmUpDeps extends Pick<MessageDeps, "understanding" | "translator"> {
  readonly logger: Logger;
  /** Reaches the table and every queue: opens the connections and builds the AWS SDK's request pipeline once. */
  readonly checkDependencies: () => Promise<Record<string, "ok" | "down">>;
  /** One request through the HTTP app, where there is one: its routing and the fetch API's Request and Response. */
  readonly request?: (() => unknown) | undefined;
}

/** Whether Lambda is initialising a provisioned (warm) instance, as it says in AWS_LAMBDA_INITIALIZATION_TYPE. */
export const isProvisioned = (initializationType: string | undefined) =>
  initializationType === "provisioned-concurrency";

/** Does a first message's one-time work now; never throws, since a failed warm-up only leaves it to the first message. */
export async function warmUp(deps: WarmUpDeps): Promise<void> {
  try {
    // One market is enough: every market's detection reads the same n-gram data, loaded on the first call.
    deps.understanding.detectLanguage(SAMPLE, MARKETS.ID, undefined);
    deps.understanding.classify(SAMPLE);
    detectSignals(SAMPLE);
    readMessage(SAMPLE, extractEntities(SAMPLE, "ID"), { misunderstandings: 0 });
    for (const locale of LOCALE_CODES) deps.translator.t(locale, "shopper:handoff_keyword");
    await deps.request?.();
    const reached = await deps.checkDependencies();
    deps.logger.info("warmed up", { reached });
  } catch (error) {
    deps.logger.warn("warm-up incomplete", { error: String(error) });
  }
}
