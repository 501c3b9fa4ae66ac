/** One chat completion in the provider's structured-output mode, checked with zod: the shape every helper call shares. */
import type { ChatClient } from "./chat-client";
import type { z } from "zod";
import type { Logger } from "../../domain/ports";

export interface ModelConnection {
  readonly client: ChatClient;
  readonly model: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export interface StructuredRequest<T> {
  /** Names the JSON schema for the provider, and the failure in logs ("translations failed"). */
  readonly name: string;
  readonly jsonSchema: Record<string, unknown>;
  readonly schema: z.ZodType<T>;
  readonly system: string;
  readonly user: string;
  readonly temperature: number;
}

/** The validated answer, or null after logging why (HTTP status, timeout, invalid JSON, wrong shape); never the content. */
export async function structuredCall<T>(
  model: ModelConnection,
  request: StructuredRequest<T>,
): Promise<T | null> {
  const fail = (why: string) => {
    model.logger.warn(`${request.name} failed`, { why, model: model.model });
    return null;
  };
  try {
    const completion = await model.client.chat.completions.create(
      {
        model: model.model,
        temperature: request.temperature,
        messages: [
          { role: "system", content: request.system },
          { role: "user", content: request.user },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: request.name, strict: true, schema: request.jsonSchema },
        },
      },
      { timeout: model.timeoutMs, maxRetries: 0 },
    );
    const parsed = request.schema.safeParse(JSON.parse(completion.choices[0]?.message?.content ?? "null"));
    return parsed.success ? parsed.data : fail("invalid_answer");
  } catch (error) {
    const status = (error as { status?: number }).status;
    return fail(status ? `http_${status}` : error instanceof Error ? error.name : "error");
  }
}
