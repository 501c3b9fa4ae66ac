import { afterAll, beforeAll, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../functions/local/stack";
import { http, shopperMessage } from "../support/local-stack";
let stack: LocalStack;
beforeAll(async () => { stack = await startLocalStack({ logLevel: "ERROR" }); });
afterAll(() => stack.stop());
it("x", async () => {
  const thread = shopperMessage("Magandang araw po, itatanong ko lang po kung nasaan na yung order ko na #1001", { market: "PH" });
  const first = await http(`${stack.url}/v1/messages`, { token: stack.apiKey, body: thread });
  const second = await http(`${stack.url}/v1/messages`, { token: stack.apiKey, body: { ...thread, messageId: "second", text: "ok" } });
  console.log(JSON.stringify(first.body), second.status, JSON.stringify(second.body));
});
