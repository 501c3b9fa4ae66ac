/** A local HTTP endpoint standing in for a seller's own tool: it records every notification it receives. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export async function startWebhookReceiver(status = 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/support`,
    received,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
