import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_DEFAULTS } from "../../functions/local/stack";
import { signedQuery } from "../support/shopify-signing";

/** `npm start` as a person runs it, with the variables the README documents. */
describe("npm start", () => {
  const secret = "my-dev-store-app-secret";
  let child: ChildProcess;
  let output = "";
  let url = "";
  let dataDir = "";

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "start-"));
    child = spawn(process.execPath, ["--import", "tsx", "functions/local/start.ts", "--fresh"], {
      env: {
        ...process.env,
        PORT: "0",
        DYNAMODB_PORT: "0",
        SQS_PORT: "0",
        DATA_DIR: dataDir,
        SHOPIFY_API_KEY: "my-dev-app",
        SHOPIFY_API_SECRET: secret,
        SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:9/{shop}",
        LOG_LEVEL: "warn",
        OPENAI_API_KEY: "",
        OPENAI_BASE_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Support backend running at (http:\/\/\S+)/.exec(output);
        if (match && output.includes("Ctrl-C stops.")) resolve(match[1] as string);
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on("exit", (code) => reject(new Error(`npm start exited ${code}: ${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts with an empty OPENAI_API_KEY and a lower-case LOG_LEVEL", () => {
    expect(output).toContain("embedded engine");
    expect(output).toContain("log level WARN");
  });

  it("verifies Shopify's signatures with SHOPIFY_API_SECRET from the environment", async () => {
    const query = signedQuery(secret, { shop: "dev-store.myshopify.com" });
    const res = await fetch(`${url}/shopify/install?${query}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("client_id=my-dev-app");
  });

  it("no longer accepts the local default secret once another is set", async () => {
    const query = signedQuery(LOCAL_DEFAULTS.shopifyApiSecret, { shop: "dev-store.myshopify.com" });
    const res = await fetch(`${url}/shopify/install?${query}`, { redirect: "manual" });
    expect(res.status).toBe(401);
  });

  it("prints the local default of every secret it did not get", () => {
    expect(output).toContain(`AGENT_JWT_SECRET = ${LOCAL_DEFAULTS.agentJwtSecret}`);
    expect(output).toContain("SHOPIFY_API_SECRET from the environment");
  });
});
