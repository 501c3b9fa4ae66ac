import { describe, expect, it } from "vitest";
import { baseUrlProblem, CHANNELS } from "../../functions/channels";
import {
  hasPublicLiteralHost,
  isPublicAddress,
  literalTargetProblem,
  vetTarget,
} from "../../functions/adapters/notify/safe-target";

describe("public addresses", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("notification URLs as written", () => {
  it.each([
    ["http://hooks.seller.example/x", "must be https"],
    ["https://127.0.0.1/x", "must be a public host"],
    ["https://2130706433/x", "must be a public host"],
    ["https://0x7f.1/x", "must be a public host"],
    ["https://[::1]/x", "must be a public host"],
    ["https://[::ffff:a9fe:a9fe]/x", "must be a public host"],
    ["https://localhost/x", "must be a public host"],
    ["https://api.localhost/x", "must be a public host"],
    ["https://user:pw@hooks.seller.example/x", "must not carry credentials"],
  ])("refuses %s", (url, problem) => {
    expect(literalTargetProblem(url)).toContain(problem);
    expect(literalTargetProblem(url, { allowLoopback: false })).not.toBeNull();
  });

  it("accepts a public https name, and loopback only under the local flag", () => {
    expect(literalTargetProblem("https://hooks.seller.example/x")).toBeNull();
    expect(literalTargetProblem("http://127.0.0.1:8080/x", { allowLoopback: true })).toBeNull();
    expect(literalTargetProblem("http://10.0.0.1/x", { allowLoopback: true })).not.toBeNull();
  });

  it("lets settings refuse a literal private host on save and keep names for the send-time check", () => {
    expect(hasPublicLiteralHost("https://10.1.2.3/x")).toBe(false);
    expect(hasPublicLiteralHost("https://[fe80::1]/x")).toBe(false);
    expect(hasPublicLiteralHost("https://hooks.seller.example/x")).toBe(true);
  });

  it("refuses a name whose resolver fails or answers nothing", async () => {
    const policy = { allowLoopback: false };
    await expect(
      vetTarget("https://hooks.seller.example/x", policy, async () => {
        throw new Error("ENOTFOUND");
      }),
    ).rejects.toThrow(/does not resolve/);
    await expect(vetTarget("https://hooks.seller.example/x", policy, async () => [])).rejects.toThrow(
      /does not resolve/,
    );
    const vetted = await vetTarget("https://hooks.seller.example/x", policy, async () => [
      { address: "93.184.216.34", family: 4 },
    ]);
    expect(vetted.address).toBe("93.184.216.34");
  });
});

describe("marketplace hosts", () => {
  it("accepts each marketplace's own hosts over https, and its default for the market", () => {
    expect(baseUrlProblem("shopee", "api", "https://partner.shopeemobile.com", false)).toBeNull();
    expect(baseUrlProblem("lazada", "api", "https://api.lazada.co.th/rest", false)).toBeNull();
    expect(baseUrlProblem("lazada", "auth", "https://auth.lazada.com/rest", false)).toBeNull();
    expect(baseUrlProblem("tiktok", "auth", "https://auth.tiktok-shops.com", false)).toBeNull();
    expect(CHANNELS.lazada.hosts.defaultApiBaseUrl("VN")).toBe("https://api.lazada.vn/rest");
  });

  it("refuses another marketplace's host, a look-alike, a port, http, and loopback outside the local stack", () => {
    for (const url of [
      "https://open-api.tiktokglobalshop.com",
      "https://partner.shopeemobile.com.evil.example",
      "https://partner.shopeemobile.com:8443",
      "http://partner.shopeemobile.com",
      "http://127.0.0.1:9000",
    ])
      expect(baseUrlProblem("shopee", "api", url, false)).not.toBeNull();
    expect(baseUrlProblem("shopee", "api", "http://127.0.0.1:9000", true)).toBeNull();
    expect(baseUrlProblem("lazada", "auth", "https://api.lazada.sg/rest", false)).not.toBeNull();
  });
});
