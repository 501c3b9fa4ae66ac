/** The structured output we ask the model for, validated with zod before anything reaches a shopper. */
import { z } from "zod";
import { INTENTS } from "../../domain/intent";

const ANSWER_FIELDS = {
  reply: z.string().min(1).max(2000),
  intent: z.enum([...INTENTS, "unknown"]),
  confidence: z.number().min(0).max(1),
  escalate: z.boolean(),
  reason: z.enum(["human_requested", "frustration", "sensitive", "action_required"]).nullable(),
  /** The ids of the PASSAGES the reply rests on; empty when none were given or used. */
  citations: z.array(z.string().max(300)).max(10),
  /** Whether the given PASSAGES answer the question; null when none were given. */
  answeredFromPassages: z.boolean().nullable(),
};

let jsonSchema: Record<string, unknown> | undefined;
/** JSON Schema for the provider's structured-output mode (strict: every field required); made on the first model call. */
export const modelAnswerJsonSchema = (): Record<string, unknown> =>
  (jsonSchema ??= z.toJSONSchema(z.object(ANSWER_FIELDS), { target: "draft-7" }) as Record<string, unknown>);

/**
 * What we accept: the same, except that a server which ignores strict mode may leave the passage fields out; such an
 * answer cites nothing, so it is never taken as a store answer.
 */
export const ModelAnswerSchema = z.object({
  ...ANSWER_FIELDS,
  citations: ANSWER_FIELDS.citations.default([]),
  answeredFromPassages: ANSWER_FIELDS.answeredFromPassages.default(null),
});
