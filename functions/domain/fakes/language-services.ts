/** Machine translation and summaries (LLM ports) as scripted fakes: deterministic, and able to fail on demand. */
import type { TranscriptEntry } from "../conversation";
import type { ConversationSummarizer, MessageTranslator } from "../ports";

export interface FakeMessageTranslator extends MessageTranslator {
  readonly calls: readonly {
    readonly texts: readonly string[];
    readonly to: string;
    readonly from?: string;
  }[];
  /** Makes every translation fail (null, so callers show the original) until called with false. */
  fail(failing?: boolean): void;
}

/** A MessageTranslator that marks each text with its target language ("[ja] text") unless `translate` is given. */
export function createFakeMessageTranslator(
  translate: (text: string, to: string, from?: string) => string = (text, to) => `[${to}] ${text}`,
): FakeMessageTranslator {
  const calls: { texts: readonly string[]; to: string; from?: string }[] = [];
  let failing = false;
  return {
    calls,
    async translate(texts, to, from) {
      calls.push({ texts: [...texts], to, ...(from !== undefined ? { from } : {}) });
      return failing ? null : texts.map((text) => translate(text, to, from));
    },
    fail(value = true) {
      failing = value;
    },
  };
}

export interface FakeSummarizer extends ConversationSummarizer {
  readonly calls: readonly { readonly transcript: readonly TranscriptEntry[]; readonly locale: string }[];
  /** Makes every summary fail (null) until called with false. */
  fail(failing?: boolean): void;
}

/** A ConversationSummarizer that answers "[locale] N messages" unless `summarise` is given. */
export function createFakeSummarizer(
  summarise: (transcript: readonly TranscriptEntry[], locale: string) => string = (transcript, locale) =>
    `[${locale}] ${transcript.length} messages`,
): FakeSummarizer {
  const calls: { transcript: readonly TranscriptEntry[]; locale: string }[] = [];
  let failing = false;
  return {
    calls,
    async summarise(transcript, locale) {
      calls.push({ transcript: [...transcript], locale });
      return failing ? null : summarise(transcript, locale);
    },
    fail(value = true) {
      failing = value;
    },
  };
}
