/**
 * The deployed bundles: size, and cold initialisation (a fresh Node process importing the bundle and serving one
 * API Gateway event) next to a bare Hono handler with the same AWS clients, built and measured in the same run.
 */
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { startLocalStack } from "../functions/local/stack";
import { buildBundles, DIST } from "../scripts/build";
import { fmt, percentile } from "./stats";

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);

const probe = (bundle: string, body: string, auth: string) => `
const t0 = performance.now();
const { handler } = await import(${JSON.stringify(bundle)});
const event = { version: "2.0", routeKey: "$default", rawPath: "/v1/messages", rawQueryString: "", headers: { "content-type": "application/json", authorization: ${JSON.stringify(auth)}, host: "api.local" },
  requestContext: { accountId: "1", apiId: "a", domainName: "api.local", domainPrefix: "api", http: { method: "POST", path: "/v1/messages", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" }, requestId: "r", routeKey: "$default", stage: "$default", time: "", timeEpoch: Date.now() },
  body: ${JSON.stringify(body)}, isBase64Encoded: false };
const res = await handler(event, {});
const ms = performance.now() - t0;
// Written and flushed before exiting: open SDK sockets would otherwise keep the process alive.
await new Promise((r) => process.stdout.write(JSON.stringify({ ms, status: res.statusCode, body: res.statusCode === 200 ? "" : res.body }) + "\\n", r));
process.exit(0);`;

export async function benchBundles(): Promise<string> {
  const built = await buildBundles();
  const baselineFile = join(DIST, "baseline", "index.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "fixtures/baseline-handler.ts")],
    outfile: baselineFile,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node22",
    format: "esm",
    legalComments: "none",
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const stack = await startLocalStack({ logLevel: "SILENT", autoPoll: false });
  const env = {
    ...process.env,
    TABLE_NAME: stack.env.TABLE_NAME,
    AWS_REGION: "ap-southeast-1",
    DYNAMODB_ENDPOINT: stack.env.DYNAMODB_ENDPOINT,
    SQS_ENDPOINT: stack.env.SQS_ENDPOINT,
    ESCALATION_QUEUE_URLS: JSON.stringify(stack.env.ESCALATION_QUEUE_URLS),
    AGENT_JWT_SECRET: stack.env.AGENT_JWT_SECRET,
    LOG_LEVEL: "ERROR",
    NODE_NO_WARNINGS: "1",
  };
  // Asynchronous: the emulators the child process talks to live in this process and must keep serving.
  const cold = (bundle: string, i: number) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({
        channel: "api",
        conversationId: `cold-${bundle.length}-${i}-${Date.now()}`,
        messageId: "1",
        market: "ID",
        shopper: { id: "buyer-1" },
        text: "Kak, pesanan #1001 sudah sampai mana?",
      });
      const child = spawn(
        process.execPath,
        ["--input-type=module", "-e", probe(bundle, body, `Bearer ${stack.apiKey}`)],
        { env },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", () => {
        const last = out.trim().split("\n").at(-1) ?? "";
        const result = last.startsWith("{")
          ? (JSON.parse(last) as { ms: number; status: number; body: string })
          : null;
        if (result?.status !== 200)
          reject(
            new Error(
              `cold start of ${bundle} failed: ${
                result?.body ??
                err
                  .split("\n")
                  .filter((l) => l.length < 300)
                  .slice(-4)
                  .join(" ")
              }`,
            ),
          );
        else resolve(result.ms);
      });
    });
  const measure = async (bundle: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await cold(bundle, i));
    return times.sort((a, b) => a - b);
  };
  const api = await measure(join(DIST, "api", "index.mjs"));
  const base = await measure(baselineFile);
  await stack.stop();
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  return [
    ...built.map(
      (b) =>
        `${b.name.padEnd(22)} ${kib(b.bytes).padStart(9)}${b.name === "api" ? "   (goal ≤ 1024 KiB)" : ""}`,
    ),
    `${"baseline (bare Hono)".padEnd(22)} ${kib(statSync(baselineFile).size).padStart(9)}`,
    `cold init + first request, median of ${RUNS} fresh processes: api ${fmt(percentile(api, 50), 0)} ms, baseline ${fmt(percentile(base, 50), 0)} ms, ratio ${fmt(percentile(api, 50) / percentile(base, 50), 2)}x (goal ≤ 1.5x)`,
  ].join("\n");
}
