/** The structured output we ask the model for, validated with zod before anything reaches a shopper. */
import { z } from "zod";
import { INTENTS } from "../../domain/intent";

export const ModelAnswerSchema = z.object({
  reply: z.string().min(1).max(2000),
  intent: z.enum([...INTENTS, "unknown"]),
  confidence: z.number().min(0).max(1),
  escalate: z.boolean(),
  reason: z.enum(["human_requested", "frustration", "sensitive", "action_required"]).nullable(),
});

/** JSON Schema for the provider's structured-output mode (strict: every field required). */
export const MODEL_ANSWER_JSON_SCHEMA = z.toJSONSchema(ModelAnswerSchema, { target: "draft-7" }) as Record<
  string,
  unknown
>;
