/** A reply model (LLM) that gives scripted answers in order, so the policy around a model can be tested exactly. */
import type { ModelAnswer, ModelRequest, ReplyModel } from "../model";

/** One scripted turn: an answer, a failure (null: timeout, rate limit, invalid output), or an answer built from the request. */
export type ScriptedAnswer = ModelAnswer | null | ((request: ModelRequest) => ModelAnswer | null);

export interface ScriptedReplyModel extends ReplyModel {
  /** Every request the model received, in order. */
  readonly requests: readonly ModelRequest[];
  /** Adds answers to the end of the script. */
  script(...answers: ScriptedAnswer[]): void;
}

/** A ReplyModel that answers from `answers` in order and fails (null) once the script runs out. */
export function createScriptedReplyModel(...answers: ScriptedAnswer[]): ScriptedReplyModel {
  const queue = [...answers];
  const requests: ModelRequest[] = [];
  return {
    requests,
    async write(request) {
      requests.push(request);
      const next = queue.shift();
      if (next === undefined) return null;
      return typeof next === "function" ? next(request) : next;
    },
    script(...more) {
      queue.push(...more);
    },
  };
}
