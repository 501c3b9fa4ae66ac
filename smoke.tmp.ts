import { startLocalStack } from "./functions/local/stack";
const stack = await startLocalStack({ port: 8787 });
console.log(stack.url, JSON.stringify(stack.agentTokens));
