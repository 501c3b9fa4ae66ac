/**
 * The inbox pages and the API as the two Lambda functions API Gateway splits them into (infra/support-stack.ts):
 * each app serves its own routes alone, over the same table, so a seller signs in on one and the API works on.
 */
import { describe, expect, it } from "vitest";
import { createApiApp } from "../../functions/http/create-api-app";
import { createInboxApp } from "../../functions/http/create-inbox-app";
import { useLocalStack } from "../support/local-stack";

const ORIGIN = "https://api.example";

describe("the inbox function and the API function", () => {
  const stack = useLocalStack();

  it("signs a seller in to the inbox pages and shows their home page with the session cookie it set", async () => {
    const inbox = createInboxApp(stack().deps);
    const signIn = await inbox.request(`${ORIGIN}/inbox/sign-in`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "seller", credential: stack().apiKey }),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^inbox_session=./);
    // A seller's home is their own page, not the agents' queue.
    const home = await inbox.request(`${ORIGIN}/inbox`, { headers: { cookie } });
    expect(home.status).toBe(303);
    const page = await inbox.request(`${ORIGIN}${home.headers.get("location")}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("answers no API route from the inbox function, with the API's JSON not-found error", async () => {
    const response = await createInboxApp(stack().deps).request(`${ORIGIN}/v1/settings`, {
      headers: { authorization: `Bearer ${stack().apiKey}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers no inbox page from the API function, whose bundle carries none of them", async () => {
    const api = createApiApp(stack().deps);
    expect((await api.request(`${ORIGIN}/inbox/sign-in`)).status).toBe(404);
    expect((await api.request(`${ORIGIN}/health`)).status).toBe(200);
  });
});
