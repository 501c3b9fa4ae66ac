/**
 * An HTTP proxy in front of a local AWS emulator that injects the faults the real service produces: DynamoDB
 * throttling (ProvisionedThroughputExceededException), 500s, and dropped connections, for the next N requests.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

type Fault = "throttle" | "server_error" | "drop";

export async function startFaultProxy(target: string) {
  const faults: (Fault | "pass")[] = [];
  let forwarded = 0;
  let injected = 0;
  /** The DynamoDB operations asked for ("PutItem", "Query", …), from each request's X-Amz-Target. */
  const operations: string[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") operations.push(target.split(".").pop() ?? target);
    const fault = faults.shift();
    if (fault && fault !== "pass") {
      injected++;
      req.resume();
      if (fault === "drop") return req.socket.destroy();
      if (fault === "throttle") {
        res.writeHead(400, {
          "content-type": "application/x-amz-json-1.0",
          "x-amzn-errortype": "ProvisionedThroughputExceededException",
        });
        return res.end(
          JSON.stringify({
            __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            message: "The level of configured provisioned throughput for the table was exceeded.",
          }),
        );
      }
      res.writeHead(500, { "content-type": "application/x-amz-json-1.0" });
      return res.end(
        JSON.stringify({
          __type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
          message: "Internal server error",
        }),
      );
    }
    forwarded++;
    const proxied = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    proxied.on("error", () => res.destroy());
    req.pipe(proxied);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The next requests fail this way, in order. */
    inject: (...next: Fault[]) => faults.push(...next),
    /** Lets `count` requests through, then fails the following ones this way. */
    injectAfter: (count: number, ...next: Fault[]) =>
      faults.push(...Array.from({ length: count }, () => "pass" as const), ...next),
    stats: () => ({ forwarded, injected, pending: faults.length }),
    operations,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
