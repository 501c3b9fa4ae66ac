/** The OpenAI-compatible model, when one is configured: every composition root that answers shoppers or agents builds it here. */
import { createOpenAiModel } from "../ai/openai/openai-model";
import { createOpenAiTranslator } from "../ai/openai/openai-translator";
import { createOpenAiSummarizer } from "../ai/openai/openai-summarizer";
import { createOpenAiAddressReader } from "../ai/openai/openai-address-reader";
import { createOpenAiEmbedder } from "../ai/openai/openai-embedder";
import { lazyChatClient } from "../ai/openai/chat-client";
import type { AddressReader } from "../domain/actions";
import type { ReplyModel } from "../domain/model";
import type { ConversationSummarizer, Embedder, Logger, MessageTranslator } from "../domain/ports";
import { type Env, modelConfigured } from "./env";

/** The OpenAI-compatible model when configured (replies and the inbox's translation); none means the embedded
 * engine answers alone and the inbox shows messages as written. */
export function createModel(
  env: Env,
  logger: Logger,
):
  | {
      model: ReplyModel;
      messageTranslator: MessageTranslator;
      summarizer: ConversationSummarizer;
      addressReader: AddressReader;
      embedder: Embedder | undefined;
    }
  | undefined {
  if (!modelConfigured(env)) return undefined;
  const client = lazyChatClient({
    apiKey: env.OPENAI_API_KEY ?? "not-needed",
    baseURL: env.OPENAI_BASE_URL,
    maxRetries: 0,
  });
  const common = { client, model: env.OPENAI_MODEL, timeoutMs: env.OPENAI_TIMEOUT_MS, logger };
  return {
    model: createOpenAiModel({ ...common, logContent: env.LOG_MODEL_CONTENT === "true" }),
    messageTranslator: createOpenAiTranslator(common),
    summarizer: createOpenAiSummarizer(common),
    addressReader: createOpenAiAddressReader(common),
    embedder:
      env.OPENAI_EMBEDDING_MODEL.toLowerCase() === "none"
        ? undefined
        : createOpenAiEmbedder({ ...common, model: env.OPENAI_EMBEDDING_MODEL }),
  };
}
