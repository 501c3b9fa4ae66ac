/** `npm run bench:load`: the load run at a larger size, printing the throughput held and the latencies. */
import { startLocalStack } from "../functions/local/stack";
import { runLoad } from "../test/load/load-run";
import { fmt } from "./stats";

const CONVERSATIONS = Number(process.env.LOAD_CONVERSATIONS ?? 1000);
const PARALLEL = Number(process.env.LOAD_PARALLEL ?? 16);

const stack = await startLocalStack({ logLevel: "SILENT", pollIntervalMs: 10 });
const result = await runLoad(stack, CONVERSATIONS, PARALLEL);
await stack.stop();
console.log(
  `${CONVERSATIONS} conversations across 12 markets, ${PARALLEL} in parallel, ${result.messages} messages + ${result.duplicatesSent} repeated deliveries`,
);
console.log(
  `held ${fmt(result.perSecond, 0)} messages/s for ${fmt(result.seconds)} s; p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms`,
);
console.log(
  result.problems.length === 0
    ? "every message stored exactly once and in order; every escalation listed exactly once"
    : `PROBLEMS:\n${result.problems.join("\n")}`,
);
process.exit(result.problems.length === 0 ? 0 : 1);
