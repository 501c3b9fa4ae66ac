import { getCurrentSupportedApiVersions } from "@shopify/graphql-client";
import { describe, expect, it } from "vitest";
import { DEFAULT_SHOPIFY_API_VERSION, readEnv, readLocalEnv } from "../../functions/config/env";
import { REGIONS } from "../../functions/domain/markets";

const minimal = {
  TABLE_NAME: "support-test",
  ESCALATION_QUEUE_URLS: JSON.stringify(Object.fromEntries(REGIONS.map((r) => [r, `http://q/${r}`]))),
  AGENT_JWT_SECRET: "x".repeat(32),
};

describe("the environment", () => {
  it("treats a variable set to the empty string as unset", () => {
    const env = readEnv({ ...minimal, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", LOG_LEVEL: "" });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.LOG_LEVEL).toBe("INFO");
  });

  it("reads level names whatever their case", () => {
    expect(readEnv({ ...minimal, LOG_LEVEL: "warn" }).LOG_LEVEL).toBe("WARN");
    expect(readEnv({ ...minimal, LOG_LEVEL: "Debug" }).LOG_LEVEL).toBe("DEBUG");
  });

  it("names every invalid variable in one message", () => {
    expect(() => readEnv({ ...minimal, LOG_LEVEL: "loud", OPENAI_TIMEOUT_MS: "1" })).toThrow(
      /LOG_LEVEL.*OPENAI_TIMEOUT_MS|OPENAI_TIMEOUT_MS.*LOG_LEVEL/,
    );
  });

  it("defaults to a Shopify Admin API version inside Shopify's supported window", () => {
    // When this fails, a quarter has passed: move DEFAULT_SHOPIFY_API_VERSION as docs/shopify.md says.
    expect(getCurrentSupportedApiVersions()).toContain(DEFAULT_SHOPIFY_API_VERSION);
    expect(readEnv(minimal).SHOPIFY_API_VERSION).toBe(DEFAULT_SHOPIFY_API_VERSION);
  });

  it("takes the Shopify API version from SHOPIFY_API_VERSION and refuses a non-release month", () => {
    expect(readEnv({ ...minimal, SHOPIFY_API_VERSION: "2026-07" }).SHOPIFY_API_VERSION).toBe("2026-07");
    expect(() => readEnv({ ...minimal, SHOPIFY_API_VERSION: "2026-05" })).toThrow(/SHOPIFY_API_VERSION/);
  });
});

describe("npm start's environment", () => {
  it("passes the documented variables on to the stack and drops empty ones", () => {
    const { run, overrides } = readLocalEnv({
      PORT: "0",
      SHOPIFY_API_KEY: "my-app",
      SHOPIFY_API_SECRET: "my-app-secret",
      SHOPIFY_ADMIN_ORIGIN: "https://dev-tunnel.example",
      APP_URL: "https://tunnel.example",
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: "",
      PATH: "/usr/bin",
    });
    expect(run.PORT).toBe(0);
    expect(overrides).toEqual({
      SHOPIFY_API_KEY: "my-app",
      SHOPIFY_API_SECRET: "my-app-secret",
      SHOPIFY_ADMIN_ORIGIN: "https://dev-tunnel.example",
      APP_URL: "https://tunnel.example",
      LOG_LEVEL: "warn",
    });
  });

  it("refuses an invalid documented variable before starting anything", () => {
    expect(() => readLocalEnv({ APP_URL: "not a url" })).toThrow(/APP_URL/);
  });
});
