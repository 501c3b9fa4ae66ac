/** The OpenAI SDK calls the engine makes (chat, embeddings), and a client that loads the SDK on its first call rather than at init. */
import type OpenAI from "openai";
import type { ClientOptions } from "openai";

type RequestOptions = NonNullable<Parameters<OpenAI["chat"]["completions"]["create"]>[1]>;

/** A chat-completions client: the SDK's `OpenAI` satisfies it, and so does `lazyChatClient`. */
export interface ChatClient {
  readonly chat: {
    readonly completions: {
      create(
        body: OpenAI.ChatCompletionCreateParamsNonStreaming,
        options?: RequestOptions,
      ): PromiseLike<OpenAI.ChatCompletion>;
    };
  };
}

type EmbeddingRequestOptions = NonNullable<Parameters<OpenAI["embeddings"]["create"]>[1]>;

/** An embeddings client: the SDK's `OpenAI` satisfies it, and so does `lazyChatClient`. */
export interface EmbeddingClient {
  readonly embeddings: {
    create(
      body: OpenAI.EmbeddingCreateParams,
      options?: EmbeddingRequestOptions,
    ): PromiseLike<OpenAI.CreateEmbeddingResponse>;
  };
}

/**
 * The SDK is a seventh of the API bundle and only needed when a model is configured and a message reaches it, so it
 * is imported then (a chunk beside the handler); a failed import rejects the call like any model failure.
 */
export function lazyChatClient(options: ClientOptions): ChatClient & EmbeddingClient {
  let client: Promise<OpenAI> | undefined;
  const load = () => {
    client ??= import("openai").then(({ default: SDK }) => new SDK(options));
    // A failed load is tried again on the next call rather than remembered.
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
  return {
    chat: {
      completions: {
        create: async (body, requestOptions) => (await load()).chat.completions.create(body, requestOptions),
      },
    },
    embeddings: {
      create: async (body, requestOptions) => (await load()).embeddings.create(body, requestOptions),
    },
  };
}
