/** The Embedder port over an OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure OpenAI, vLLM, Ollama…). */
import { z } from "zod";
import type { Embedder, Logger } from "../../domain/ports";
import type { EmbeddingClient } from "./chat-client";

export interface OpenAiEmbedderOptions {
  readonly client: EmbeddingClient;
  /** The embedding model (OPENAI_EMBEDDING_MODEL), e.g. text-embedding-3-small. */
  readonly model: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export interface EmbeddingStats {
  requests: number;
  failures: number;
  inputs: number;
  promptTokens: number;
}

/** What we accept back: one finite vector per input, by index, all of one length. */
const EmbeddingsSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()).min(1) })),
});

/** An Embedder that sends every text of a call in one request (the caller batches), never logging the texts. */
export function createOpenAiEmbedder(
  options: OpenAiEmbedderOptions,
): Embedder & { readonly stats: EmbeddingStats } {
  const stats: EmbeddingStats = { requests: 0, failures: 0, inputs: 0, promptTokens: 0 };
  const fail = (why: string): null => {
    stats.failures++;
    options.logger.warn("embeddings failed; searching by words", { why, model: options.model });
    return null;
  };
  return {
    model: options.model,
    stats,
    async embed(texts) {
      if (texts.length === 0) return [];
      stats.requests++;
      stats.inputs += texts.length;
      let response: unknown;
      try {
        const answer = await options.client.embeddings.create(
          // Floats, not the SDK's default base64: every OpenAI-compatible server speaks them.
          { model: options.model, input: [...texts], encoding_format: "float" },
          { timeout: options.timeoutMs, maxRetries: 0 },
        );
        stats.promptTokens += answer.usage?.prompt_tokens ?? 0;
        response = answer;
      } catch (error) {
        const status = (error as { status?: number }).status;
        return fail(status ? `http_${status}` : error instanceof Error ? error.name : "error");
      }
      const parsed = EmbeddingsSchema.safeParse(response);
      if (!parsed.success) return fail("invalid_answer");
      const vectors: number[][] = new Array(texts.length);
      for (const item of parsed.data.data)
        if (item.index < texts.length) vectors[item.index] = item.embedding;
      const length = vectors[0]?.length;
      const complete =
        vectors.length === texts.length &&
        [...vectors].every((v) => v !== undefined && v.length === length && v.every(Number.isFinite));
      return complete ? vectors : fail("incomplete_answer");
    },
  };
}
