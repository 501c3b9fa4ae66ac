/**
 * The deployed bundles: what each cold start loads (esbuild's metafile, by package), and cold initialisation — a fresh
 * Node process importing the bundle and handling one event — of the shopper-message function and the API (one API
 * Gateway request, POST /v1/messages), a bare handler making the same DynamoDB requests, and the marketplace
 * inbound worker (one SQS record), each next to a bare handler with the same AWS clients, built and measured in the
 * same run.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { build } from "esbuild";
import { startLocalStack } from "../functions/local/stack";
import {
  connectShopee,
  pushes,
  shopeeChatPush,
  startFakeMarketplaces,
} from "../test/support/fake-marketplaces";
import { takeRecord } from "../test/support/local-stack";
import {
  breakdown,
  type BuiltBundle,
  buildBundles,
  bundleOptions,
  DIST,
  initOutputs,
} from "../scripts/build";
import type { GoalRow } from "./goals";
import { fmt, percentile } from "./stats";

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
/** The issue's goals: the API's cold-start code, and cold start against the bare baseline. */
const API_BUDGET_KIB = 1024;
const COLD_RATIO = 1.5;
/** `BENCH_CPU_PROF=dir` writes a V8 CPU profile of each bundle's first cold start there (`node --cpu-prof`). */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;

/** Imports the bundle, hands it one event, prints the time and whether it succeeded. */
const probe = (bundle: string, event: unknown) => `
const t0 = performance.now();
const { handler } = await import(${JSON.stringify(bundle)});
const t1 = performance.now();
const res = await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 30000 });
const ms = performance.now() - t0;
// CPU time since the process started (Node's own start-up included, the same for both): steadier than wall time on a
// busy machine, where another process's work lands in the wall time of either.
const cpu = process.cpuUsage();
const ok = res && ("statusCode" in res ? res.statusCode === 200 : (res.batchItemFailures ?? []).length === 0);
// Written and flushed before exiting: open SDK sockets would otherwise keep the process alive.
await new Promise((r) => process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, importMs: t1 - t0, ok, detail: ok ? "" : JSON.stringify(res).slice(0, 300) }) + "\\n", r));
process.exit(0);`;

const apiEvent = (apiKey: string, i: number) => ({
  version: "2.0",
  routeKey: "$default",
  rawPath: "/v1/messages",
  rawQueryString: "",
  headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, host: "api.local" },
  requestContext: {
    accountId: "1",
    apiId: "a",
    domainName: "api.local",
    domainPrefix: "api",
    http: {
      method: "POST",
      path: "/v1/messages",
      protocol: "HTTP/1.1",
      sourceIp: "127.0.0.1",
      userAgent: "bench",
    },
    requestId: "r",
    routeKey: "$default",
    stage: "$default",
    time: "",
    timeEpoch: Date.now(),
  },
  body: JSON.stringify({
    channel: "api",
    conversationId: `cold-${i}-${Date.now()}`,
    messageId: "1",
    market: "ID",
    shopper: { id: "buyer-1" },
    text: "Kak, pesanan #1001 sudah sampai mana?",
  }),
  isBase64Encoded: false,
});

const SHOPEE = { partnerId: "2006566", partnerKey: "bench-partner-key", shopId: "947042923" };
const APPS = {
  shopee: SHOPEE,
  lazada: { appKey: "1", appSecret: "s", sellerId: "1" },
  tiktok: { appKey: "1", appSecret: "s", shopId: "1", shopCipher: "c" },
};

/** Bundle figures and cold starts; the goal rows go to the table run.ts prints last. */
export async function benchBundles(goals: GoalRow[] = []): Promise<string> {
  const built = await buildBundles();
  const baselines: Record<string, BuiltBundle["metafile"]> = {};
  for (const [name, entry] of [
    ["baseline", "baseline-handler.ts"],
    ["baseline-worker", "baseline-worker.ts"],
    ["io-floor", "io-floor-handler.ts"],
  ] as const) {
    const { metafile } = await build(
      bundleOptions(join(import.meta.dirname, "fixtures", entry), join(DIST, name)),
    );
    baselines[name] = metafile;
  }
  const initKib = (metafile: BuiltBundle["metafile"]) =>
    [...initOutputs(metafile)].reduce((n, o) => n + (metafile.outputs[o]?.bytes ?? 0), 0) / 1024;

  const fake = await startFakeMarketplaces(APPS);
  const stack = await startLocalStack({ logLevel: "SILENT", autoPoll: false });
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_NO_WARNINGS: "1" };
  for (const [k, v] of Object.entries(stack.env))
    if (v !== undefined) env[k] = typeof v === "string" ? v : JSON.stringify(v);
  env.LOG_LEVEL = "ERROR";

  // Inbound jobs as the webhook queues them: a connected Shopee shop, one push per cold start.
  const callbackUrl = await connectShopee(stack, fake.shopeeBase, SHOPEE);
  const inboundEvent = async (i: number) => {
    const p = pushes.shopee(
      SHOPEE.partnerKey,
      callbackUrl,
      shopeeChatPush(SHOPEE.shopId, {
        messageId: `cold-${i}-${Date.now()}`,
        conversationId: `cold-conv-${i}-${Date.now()}`,
        fromId: 9000 + i,
        text: "Kak, paket saya sudah sampai mana?",
      }),
    );
    const res = await fetch(callbackUrl, { method: "POST", headers: p.headers, body: p.body });
    if (res.status !== 200) throw new Error(`push refused: ${res.status}`);
    return takeRecord(stack.sqs, stack.queues.marketplaceInbound.url);
  };

  // Asynchronous: the emulators the child process talks to live in this process and must keep serving.
  const cold = (bundle: string, event: unknown, profile: boolean, extraEnv: Record<string, string> = {}) =>
    new Promise<{ ms: number; cpuMs: number; importMs: number }>((resolve, reject) => {
      const flags = profile && PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
      const child = spawn(process.execPath, [...flags, "--input-type=module", "-e", probe(bundle, event)], {
        env: { ...env, ...extraEnv },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", () => {
        const last = out.trim().split("\n").at(-1) ?? "";
        const result = last.startsWith("{")
          ? (JSON.parse(last) as { ms: number; cpuMs: number; importMs: number; ok: boolean; detail: string })
          : null;
        if (!result?.ok)
          reject(
            new Error(
              `cold start of ${bundle} failed: ${
                result?.detail ??
                err
                  .split("\n")
                  .filter((l) => l.length < 300)
                  .slice(-4)
                  .join(" ")
              }`,
            ),
          );
        else resolve(result);
      });
    });
  // Runs alternate between the bundle and its baseline, so a busy moment on the machine falls on both.
  const pair = async (
    bundle: string,
    baseline: string,
    event: (i: number) => unknown | Promise<unknown>,
    extraEnv: Record<string, string> = {},
  ) => {
    const times = { bundle: [] as number[], baseline: [] as number[] };
    const cpu = { bundle: [] as number[], baseline: [] as number[] };
    const first = { bundle: [] as number[], baseline: [] as number[] };
    const profile = (i: number) => i === 0 && Object.keys(extraEnv).length === 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await cold(join(DIST, bundle, "index.mjs"), await event(i), profile(i), extraEnv);
      const bare = await cold(join(DIST, baseline, "index.mjs"), await event(RUNS + i), profile(i), extraEnv);
      times.bundle.push(run.ms);
      times.baseline.push(bare.ms);
      cpu.bundle.push(run.cpuMs);
      cpu.baseline.push(bare.cpuMs);
      first.bundle.push(run.ms - run.importMs);
      first.baseline.push(bare.ms - bare.importMs);
    }
    const median = (t: number[]) =>
      percentile(
        t.sort((a, b) => a - b),
        50,
      );
    return {
      bundle: median(times.bundle),
      baseline: median(times.baseline),
      cpu: { bundle: median(cpu.bundle), baseline: median(cpu.baseline) },
      /** The first event alone, after initialisation. */
      first: { bundle: median(first.bundle), baseline: median(first.baseline) },
    };
  };
  // POST /v1/messages reaches the shopper-message function on AWS (infra routes it there); the API function, which
  // still carries the route for the local stack, is measured on the same event for comparison.
  const messages = await pair("messages", "baseline", (i) => apiEvent(stack.apiKey, i));
  const api = await pair("api", "baseline", (i) => apiEvent(stack.apiKey, RUNS + i));
  // What the first message's four DynamoDB requests cost a bare handler: the part of the gap no code of ours causes.
  const floor = await pair("io-floor", "baseline", (i) => apiEvent(stack.apiKey, 2 * RUNS + i));
  const inbound = await pair("marketplace-inbound", "baseline-worker", inboundEvent);
  // A provisioned (warm) instance, as infra's warmInstances makes: initialised before any shopper waits, so what a
  // shopper waits for is the first message alone (config/warm-up.ts does its one-time work during initialisation).
  const warm = await pair("messages", "baseline", (i) => apiEvent(stack.apiKey, 3 * RUNS + i), {
    AWS_LAMBDA_INITIALIZATION_TYPE: "provisioned-concurrency",
  });
  await stack.stop();
  await fake.stop();

  const kib = (n: number) => `${fmt(n, 0)} KiB`;
  const apiBundle = built.find((b) => b.name === "api");
  const apiInit = apiBundle ? apiBundle.initBytes / 1024 : Number.NaN;
  goals.push(
    {
      what: "API bundle loaded at cold start",
      goal: `≤ ${API_BUDGET_KIB} KiB`,
      figure: kib(apiInit),
      baseline: `${kib(initKib(baselines.baseline as BuiltBundle["metafile"]))} (bare Hono)`,
      met: apiInit <= API_BUDGET_KIB,
    },
    {
      what: "shopper message cold init + first request (messages function)",
      goal: `≤ ${COLD_RATIO}× baseline`,
      figure: `${fmt(messages.bundle, 0)} ms`,
      baseline: `${fmt(messages.baseline, 0)} ms`,
      ratio: messages.bundle / messages.baseline,
      met: messages.bundle / messages.baseline <= COLD_RATIO,
    },
    {
      what: "the same on the API function (every route)",
      goal: `≤ ${COLD_RATIO}× baseline`,
      figure: `${fmt(api.bundle, 0)} ms`,
      baseline: `${fmt(api.baseline, 0)} ms`,
      ratio: api.bundle / api.baseline,
      met: api.bundle / api.baseline <= COLD_RATIO,
    },
    {
      what: "inbound worker cold init + first record",
      goal: `≤ ${COLD_RATIO}× baseline`,
      figure: `${fmt(inbound.bundle, 0)} ms`,
      baseline: `${fmt(inbound.baseline, 0)} ms`,
      ratio: inbound.bundle / inbound.baseline,
      met: inbound.bundle / inbound.baseline <= COLD_RATIO,
    },
  );
  const top = (b: BuiltBundle) =>
    breakdown(b.metafile)
      .slice(0, 8)
      .map((x) => `${x.input} ${kib(x.bytes / 1024)}`)
      .join(", ");
  const lazy = (b: BuiltBundle) =>
    breakdown(b.metafile, "lazy")
      .slice(0, 4)
      .map((x) => `${x.input} ${kib(x.bytes / 1024)}`)
      .join(", ");
  return [
    "bundle                  at cold start   in all  data files (chunks and data files are read on first use)",
    ...built.map(
      (b) =>
        `${b.name.padEnd(22)} ${kib(b.initBytes / 1024).padStart(9)} ${kib(b.totalBytes / 1024).padStart(9)} ${kib(b.dataBytes / 1024).padStart(9)}${b.name === "api" ? `   (goal ≤ ${API_BUDGET_KIB} KiB at cold start)` : ""}`,
    ),
    ...Object.entries(baselines).map(
      ([name, m]) => `${`${name} (bare)`.padEnd(22)} ${kib(initKib(m)).padStart(9)}`,
    ),
    "largest inputs loaded at cold start (esbuild metafile):",
    ...built.map((b) => `  ${b.name}: ${top(b)}`),
    "largest inputs loaded on first use:",
    ...built.filter((b) => b.totalBytes > b.initBytes).map((b) => `  ${b.name}: ${lazy(b)}`),
    `cold init + first event, median of ${RUNS} fresh processes (alternating with the baseline):`,
    `  messages ${fmt(messages.bundle, 0)} ms, bare Hono ${fmt(messages.baseline, 0)} ms: ${fmt(messages.bundle / messages.baseline, 2)}x (goal ≤ ${COLD_RATIO}x; POST /v1/messages on AWS)`,
    `  api ${fmt(api.bundle, 0)} ms, bare Hono ${fmt(api.baseline, 0)} ms: ${fmt(api.bundle / api.baseline, 2)}x (the same event on the function with every route)`,
    `  I/O floor: a bare handler making the first message's four DynamoDB requests ${fmt(floor.bundle, 0)} ms, bare Hono ${fmt(floor.baseline, 0)} ms: ${fmt(floor.bundle / floor.baseline, 2)}x`,
    `  marketplace-inbound ${fmt(inbound.bundle, 0)} ms, bare SQS handler ${fmt(inbound.baseline, 0)} ms: ${fmt(inbound.bundle / inbound.baseline, 2)}x (goal ≤ ${COLD_RATIO}x)`,
    `  of which the first event after import: messages ${fmt(messages.first.bundle, 0)} ms, api ${fmt(api.first.bundle, 0)} ms, bare Hono ${fmt(api.first.baseline, 0)} ms; marketplace-inbound ${fmt(inbound.first.bundle, 0)} ms, bare ${fmt(inbound.first.baseline, 0)} ms`,
    `  CPU time of the same processes (Node's start-up included): messages ${fmt(messages.cpu.bundle, 0)} ms, bare Hono ${fmt(messages.cpu.baseline, 0)} ms: ${fmt(messages.cpu.bundle / messages.cpu.baseline, 2)}x; api ${fmt(api.cpu.bundle, 0)} ms, bare Hono ${fmt(api.cpu.baseline, 0)} ms: ${fmt(api.cpu.bundle / api.cpu.baseline, 2)}x; marketplace-inbound ${fmt(inbound.cpu.bundle, 0)} ms, bare ${fmt(inbound.cpu.baseline, 0)} ms: ${fmt(inbound.cpu.bundle / inbound.cpu.baseline, 2)}x`,
    `  first message on a provisioned (warm) instance, initialisation not waited for: messages ${fmt(warm.first.bundle, 0)} ms, bare Hono ${fmt(warm.first.baseline, 0)} ms: ${fmt(warm.first.bundle / warm.first.baseline, 2)}x`,
    ...(PROFILE_DIR ? [`  CPU profiles of the first cold start of each: ${PROFILE_DIR}`] : []),
  ].join("\n");
}
