/** The OpenAI-compatible reply model (chat completions: OpenAI, Azure OpenAI, vLLM, Ollama, Qwen, SEA-LION…). */
import type { ChatClient } from "./chat-client";
import type { Logger } from "../../domain/ports";
import type { ModelAnswer, ReplyModel } from "../../domain/model";
import { ModelAnswerSchema, modelAnswerJsonSchema } from "./answer-schema";
import { buildPrompt, PROMPT_VERSION } from "./prompt";

export interface OpenAiModelOptions {
  readonly client: ChatClient;
  readonly model: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Prompts and outputs stay out of logs unless explicitly asked for. */
  readonly logContent?: boolean;
}

export interface ModelCallStats {
  calls: number;
  failures: number;
  promptTokens: number;
}

export function createOpenAiModel(
  options: OpenAiModelOptions,
): ReplyModel & { readonly stats: ModelCallStats; readonly name: string; readonly promptVersion: string } {
  const stats: ModelCallStats = { calls: 0, failures: 0, promptTokens: 0 };
  const fail = (why: string, extra: Record<string, unknown> = {}): null => {
    stats.failures++;
    options.logger.warn("model call failed; falling back", {
      why,
      model: options.model,
      promptVersion: PROMPT_VERSION,
      ...extra,
    });
    return null;
  };
  return {
    name: options.model,
    promptVersion: PROMPT_VERSION,
    stats,
    async write(request): Promise<ModelAnswer | null> {
      const messages = buildPrompt(request);
      stats.calls++;
      let content: string | null | undefined;
      try {
        const completion = await options.client.chat.completions.create(
          {
            model: options.model,
            messages,
            temperature: 0.2,
            response_format: {
              type: "json_schema",
              json_schema: { name: "support_reply", strict: true, schema: modelAnswerJsonSchema() },
            },
          },
          { timeout: options.timeoutMs, maxRetries: 0 },
        );
        stats.promptTokens += completion.usage?.prompt_tokens ?? 0;
        content = completion.choices[0]?.message?.content;
      } catch (error) {
        const status = (error as { status?: number }).status;
        return fail(status ? `http_${status}` : error instanceof Error ? error.name : "error");
      }
      if (options.logContent) options.logger.debug("model exchange", { messages, content });
      if (!content) return fail("empty_answer");
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        return fail("invalid_json");
      }
      const answer = ModelAnswerSchema.safeParse(parsed);
      if (!answer.success) return fail("schema_mismatch", { issues: answer.error.issues.length });
      return answer.data;
    },
  };
}
