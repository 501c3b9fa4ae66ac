import { describe, expect, it } from "vitest";
import type { Logger } from "../../functions/domain/ports";
import { createApp } from "../../functions/http/create-app";
import { eventually, http, shopperMessage, useLocalStack } from "../support/local-stack";

const lines: string[] = [];
const record =
  (level: string) =>
  (...args: unknown[]) =>
    void lines.push(`${level} ${JSON.stringify(args)}`);
const capturing: Logger = {
  debug: record("debug"),
  info: record("info"),
  warn: record("warn"),
  error: record("error"),
} as unknown as Logger;

describe("logs keep personal data out", () => {
  const stack = useLocalStack({ overrides: { logger: capturing } });

  it("logs requests, escalations and agent replies without message text, names, emails or phone numbers", async () => {
    const secretText = "my allergy reaction to the lotion is serious";
    const shopper = {
      id: "buyer-1",
      name: "Siti Rahayu",
      email: "siti.private@example.com",
      phone: "+6281299998888",
    };
    const { body } = await http<{ escalation: { id: string } }>(`${stack().url}/v1/messages`, {
      token: stack().apiKey,
      body: shopperMessage(secretText, { market: "ID", shopper }),
    });
    await http(`${stack().url}/v1/messages`, {
      token: stack().apiKey,
      body: shopperMessage("{broken", { market: "XX", shopper }),
    });
    await eventually(
      async () =>
        (await http(`${stack().url}/v1/inbox/${body.escalation.id}`, { token: stack().agentTokens.sea }))
          .status === 200,
    );
    await http(`${stack().url}/v1/inbox/${body.escalation.id}/claim`, {
      token: stack().agentTokens.sea,
      body: {},
    });
    await http(`${stack().url}/v1/inbox/${body.escalation.id}/messages`, {
      token: stack().agentTokens.sea,
      body: { text: "Hi Siti Rahayu, call us at +6281299998888" },
    });

    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(3);
    expect(all).toContain("escalation recorded");
    for (const personal of [
      secretText,
      "allergy",
      "Siti",
      "Rahayu",
      "siti.private@example.com",
      "6281299998888",
      stack().apiKey,
    ]) {
      expect(all).not.toContain(personal);
    }
  });

  it("logs a failure by its type and place, never by a message that quotes the request", async () => {
    const quoted = "card 4111 1111 1111 1111 exp 09/29";
    const failing = createApp({
      ...stack().deps,
      understanding: {
        ...stack().deps.understanding,
        // A parser's message quotes its input: the kind of error that must not carry payload into logs.
        detectLanguage: (text: string) => {
          throw new SyntaxError(`Unexpected token in "${text}"`);
        },
      },
    });
    const before = lines.length;
    const res = await failing.request("/v1/messages", {
      method: "POST",
      headers: { authorization: `Bearer ${stack().apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(shopperMessage(quoted, { market: "ID" })),
    });
    expect(res.status).toBe(500);
    const logged = lines.slice(before).join("\n");
    expect(logged).toContain("request failed");
    expect(logged).toContain("SyntaxError");
    expect(logged).not.toContain("4111");
    expect(await res.text()).not.toContain("4111");
  });
});
