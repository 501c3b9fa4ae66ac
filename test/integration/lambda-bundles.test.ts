/**
 * Every Lambda bundle as `npm run build` makes it (minified ESM, chunks, data files beside it) loads in a fresh Node
 * process and answers one event over the emulators: what esbuild's tree shaking (the package is free of side effects,
 * `"sideEffects": false`) and the data-file plugins leave out must be nothing a function needs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { bundleOptions, copyDataFiles } from "../../scripts/build";
import { useLocalStack } from "../support/local-stack";

const HANDLERS = join(import.meta.dirname, "../../functions/handlers");
const outdir = mkdtempSync(join(tmpdir(), "lambda-bundles-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** An API Gateway (HTTP API, payload 2.0) request. */
const httpEvent = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => ({
  version: "2.0",
  routeKey: "$default",
  rawPath: path,
  rawQueryString: "",
  headers: { host: "api.local", ...headers },
  requestContext: {
    accountId: "1",
    apiId: "a",
    domainName: "api.local",
    domainPrefix: "api",
    http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test" },
    requestId: "r",
    routeKey: "$default",
    stage: "$default",
    time: "",
    timeEpoch: Date.now(),
  },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  isBase64Encoded: false,
});

/** Each function's event and the part of its answer that says it worked; a new handler needs an entry here. */
const EVENTS: Record<string, (apiKey: string) => { event: unknown; expected: unknown }> = {
  api: () => ({ event: httpEvent("GET", "/health"), expected: { statusCode: 200 } }),
  messages: (apiKey) => ({
    event: httpEvent(
      "POST",
      "/v1/messages",
      { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      {
        channel: "api",
        conversationId: `bundle-${Date.now()}`,
        messageId: "1",
        market: "ID",
        shopper: { id: "buyer-1" },
        text: "Kak, pesanan #1001 sudah sampai mana?",
      },
    ),
    expected: { statusCode: 200 },
  }),
  inbox: () => ({ event: httpEvent("GET", "/inbox/sign-in"), expected: { statusCode: 200 } }),
  "escalation-consumer": () => ({ event: { Records: [] }, expected: { batchItemFailures: [] } }),
  "marketplace-inbound": () => ({ event: { Records: [] }, expected: { batchItemFailures: [] } }),
  "marketplace-outbound": () => ({ event: { Records: [] }, expected: { batchItemFailures: [] } }),
  "shopify-events": () => ({ event: { Records: [] }, expected: { batchItemFailures: [] } }),
  "sla-sweeper": () => ({ event: {}, expected: { overdue: 0 } }),
};

/** Imports the bundle in a fresh process, hands it the event, and returns what the handler returned. */
function invoke(bundle: string, event: unknown, env: Record<string, string>): Promise<unknown> {
  const script = `const { handler } = await import(${JSON.stringify(bundle)});
const result = await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 30000 });
await new Promise((r) => process.stdout.write("\\n" + JSON.stringify(result ?? null) + "\\n", r));
process.exit(0);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last) resolve(JSON.parse(last));
      else reject(new Error(`${basename(bundle)} exited ${code}: ${err.split("\n").slice(-6).join(" ")}`));
    });
  });
}

describe("every Lambda bundle", () => {
  const stack = useLocalStack({ autoPoll: false });
  const handlers = readdirSync(HANDLERS)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => basename(f, ".ts"));

  it("has an event to be tried with", () => {
    expect(handlers.filter((h) => !(h in EVENTS))).toEqual([]);
  });

  it.each(handlers)(
    "%s loads in a fresh process and answers its event",
    async (name) => {
      const dir = join(outdir, name);
      const { metafile } = await build({
        ...bundleOptions(join(HANDLERS, `${name}.ts`), dir),
        sourcemap: false,
      });
      await copyDataFiles(metafile, dir);
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        LOG_LEVEL: "ERROR",
        NODE_NO_WARNINGS: "1",
      };
      for (const [k, v] of Object.entries(stack().env))
        if (v !== undefined) env[k] = typeof v === "string" ? v : JSON.stringify(v);
      const { event, expected } = (EVENTS[name] as (typeof EVENTS)[string])(stack().apiKey);
      expect(await invoke(join(dir, "index.mjs"), event, env)).toMatchObject(expected as object);
    },
    60_000,
  );
});
