/** The web inbox over plain HTTP: Cognito hosted-UI sign-in, cookies, CSRF, headers and hostile form input. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../functions/local/stack";
import { createTranslator } from "../../functions/adapters/i18n/translator";
import { createApp } from "../../functions/http/create-app";
import { CLIENT_ID, startFakeUserPool } from "../support/fake-cognito";
import { eventually, http, shopperMessage } from "../support/local-stack";

type Pool = Awaited<ReturnType<typeof startFakeUserPool>>;

/** A cookie jar of one: what the app set, sent back the way a browser would. */
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => !c.endsWith("="));

describe("the web inbox over HTTP", () => {
  let pool: Pool;
  let stack: LocalStack;
  const url = (path: string) => `${stack.url}${path}`;
  const get = (path: string, cookies: string[] = []) =>
    fetch(path.startsWith("http") ? path : url(path), {
      redirect: "manual",
      headers: { cookie: cookies.join("; ") },
    });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(url(path), {
      method: "POST",
      redirect: "manual",
      headers: { origin: stack.url, "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form),
    });

  beforeAll(async () => {
    pool = await startFakeUserPool({
      name: "Nadia",
      "cognito:groups": ["region:sea", "all-shops"],
      "custom:languages": "id,en",
    });
    stack = await startLocalStack({
      logLevel: "SILENT",
      overrides: { agentTokens: pool.verifier, hostedUi: { domain: pool.issuer, clientId: CLIENT_ID } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await pool?.stop();
  });

  it("signs an agent in through Cognito's hosted UI with the code flow and PKCE", async () => {
    const page = await (await get("/inbox/sign-in")).text();
    expect(page).toContain('href="/inbox/sign-in/cognito"');
    expect(page).not.toContain('name="kind" value="agent"');

    const start = await get("/inbox/sign-in/cognito");
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${pool.issuer}/oauth2/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(authorize.searchParams.get("redirect_uri")).toBe(url("/inbox/auth/callback"));
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    const oauthCookie = cookiesOf(start);

    const hosted = await get(authorize.toString());
    const callback = await get(hosted.headers.get("location") ?? "", oauthCookie);
    expect(callback.status).toBe(200);
    const session = cookiesOf(callback).filter((c) => c.startsWith("inbox_session="));
    expect(session).toHaveLength(1);
    expect(pool.tokenRequests.at(-1)?.get("code_verifier")).toMatch(/^[\w-]{43,128}$/);

    const inbox = await get("/inbox", session);
    expect(inbox.status).toBe(200);
    // The agent's first language is Indonesian: so is the page.
    expect(await inbox.text()).toContain('<html lang="id">');
  });

  it("signs out of the hosted UI as well, so the next sign-in asks again", async () => {
    const response = await post("/inbox/sign-out", {});
    const logout = new URL(response.headers.get("location") ?? "");
    expect(`${logout.origin}${logout.pathname}`).toBe(`${pool.issuer}/logout`);
    expect(logout.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(logout.searchParams.get("logout_uri")).toBe(url("/inbox/sign-in"));
    expect(response.headers.getSetCookie().join()).toMatch(/inbox_session=;/);
  });

  it("refuses a callback whose state is not the one this browser started with", async () => {
    const start = await get("/inbox/sign-in/cognito");
    const hosted = await get(start.headers.get("location") ?? "");
    const forged = new URL(hosted.headers.get("location") ?? "");
    forged.searchParams.set("state", "someone-elses-state");
    const callback = await get(forged.toString(), cookiesOf(start));
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("/inbox/sign-in?why=failed");
    expect(cookiesOf(callback).some((c) => c.startsWith("inbox_session="))).toBe(false);
  });

  it("keeps the session in an HTTP-only, same-site cookie scoped to the inbox", async () => {
    const signIn = await post("/inbox/sign-in", { kind: "seller", credential: stack.apiKey });
    expect(signIn.status).toBe(303);
    const header = signIn.headers.getSetCookie().find((c) => c.startsWith("inbox_session=")) ?? "";
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\/inbox/);
  });

  it("answers a wrong key or token on the sign-in page with 401 and a message, setting no session", async () => {
    const response = await post("/inbox/sign-in", { kind: "seller", credential: "sk_not_a_key" });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("That token or key was not accepted");
    expect(cookiesOf(response).some((c) => c.startsWith("inbox_session="))).toBe(false);
  });

  it("ends the session on sign-out: the same cookie is refused afterwards, on this instance and any other", async () => {
    const session = cookiesOf(await post("/inbox/sign-in", { kind: "seller", credential: stack.apiKey }));
    expect((await get("/inbox/analytics", session)).status).toBe(200);
    const out = await post("/inbox/sign-out", {}, { cookie: session.join("; ") });
    expect(out.status).toBe(303);
    // A copy of the cookie (another tab, a stolen one) no longer opens anything.
    const again = await get("/inbox/analytics", session);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/inbox/sign-in?why=expired");
    // Another Lambda instance (its own memory, the same table) refuses it too.
    const other = createApp(stack.deps);
    const elsewhere = await other.fetch(
      new Request(url("/inbox/analytics"), { headers: { cookie: session.join("; ") } }),
    );
    expect(elsewhere.status).toBe(303);
    // Signing in again with the same key opens a new session.
    const fresh = cookiesOf(await post("/inbox/sign-in", { kind: "seller", credential: stack.apiKey }));
    expect((await get("/inbox/analytics", fresh)).status).toBe(200);
  });

  it("refuses a session id that was not opened with the credential beside it", async () => {
    const mine = cookiesOf(await post("/inbox/sign-in", { kind: "seller", credential: stack.apiKey }));
    const [, id] = /^inbox_session=seller\.([\w-]+)\./.exec(mine[0] ?? "") ?? [];
    const agent = await pool.sign({ name: "N", "cognito:groups": ["region:sea", "all-shops"] });
    // A live session id carried over to a token of one's choosing, and a made-up id beside the right key.
    for (const cookie of [
      `inbox_session=agent.${id}.${agent}`,
      `inbox_session=seller.${"x".repeat(43)}.${stack.apiKey}`,
    ]) {
      const response = await get("/inbox", [cookie]);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/inbox/sign-in?why=expired");
    }
  });

  it("refuses a state-changing post from another site whatever its content type, or with no origin at all", async () => {
    const { body } = await http<{ escalation: { id: string } }>(url("/v1/messages"), {
      token: stack.apiKey,
      body: shopperMessage("Saya mau bicara dengan admin", { market: "ID" }),
    });
    const id = body.escalation.id;
    const token = await pool.sign({ name: "N", "cognito:groups": ["region:sea", "all-shops"] });
    await eventually(async () => (await http(url(`/v1/inbox/${id}`), { token })).status === 200);
    const session = cookiesOf(await post("/inbox/sign-in", { kind: "agent", credential: token }));
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example", "content-type": "application/json" },
      { origin: "https://evil.example", "content-type": "application/octet-stream" },
      { origin: "https://evil.example" },
      { "content-type": "application/json" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of attempts) {
      const response = await fetch(url(`/inbox/e/${id}/claim`), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: session.join("; "), ...headers },
        body: headers["content-type"] === "application/json" ? "{}" : null,
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    const packet = await http<{ status: string }>(url(`/v1/inbox/${id}`), { token });
    expect(packet.body.status).toBe("pending");
    // Our own page's post (same origin) still works.
    const ours = await fetch(url(`/inbox/e/${id}/claim`), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: session.join("; "), "sec-fetch-site": "same-origin" },
    });
    expect(ours.headers.get("location")).toBe(`/inbox/e/${id}?done=claimed`);
  });

  it("refuses form posts from another site (CSRF)", async () => {
    const response = await post(
      "/inbox/sign-in",
      { kind: "seller", credential: stack.apiKey },
      { origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
  });

  it("sends a forged or stale session cookie to sign in again", async () => {
    const response = await get("/inbox", ["inbox_session=agent.not-a-jwt"]);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/inbox/sign-in?why=expired");
  });

  it("answers a polled fragment without a session with 401, so the page reloads to sign in", async () => {
    expect((await get("/inbox/queue.html")).status).toBe(401);
    expect((await get("/inbox/e/e_0123456789abc/live")).status).toBe(401);
  });

  it("answers a poll whose version is current with 204 and nothing to render", async () => {
    const signIn = await post("/inbox/sign-in", {
      kind: "agent",
      credential: await pool.sign({ name: "N", "cognito:groups": ["region:sea", "all-shops"] }),
    });
    const session = cookiesOf(signIn);
    const first = await get("/inbox/queue.html", session);
    expect(first.status).toBe(200);
    const version = /data-version="([^"]+)"/.exec(await first.text())?.[1] ?? "";
    const again = await fetch(url("/inbox/queue.html"), {
      headers: { cookie: session.join("; "), "x-inbox-version": version },
    });
    expect(again.status).toBe(204);
  });

  it("inserts a canned reply without the script by posting the draft, never putting it in a URL", async () => {
    const { body } = await http<{ escalation: { id: string } }>(url("/v1/messages"), {
      token: stack.apiKey,
      body: shopperMessage("Saya mau bicara dengan admin", { market: "ID" }),
    });
    const id = body.escalation.id;
    const token = await pool.sign({ name: "N", "cognito:groups": ["region:sea", "all-shops"] });
    await eventually(async () => (await http(url(`/v1/inbox/${id}`), { token })).status === 200);
    await http(url(`/v1/inbox/${id}/claim`), { token, body: {} });
    const session = cookiesOf(await post("/inbox/sign-in", { kind: "agent", credential: token }));
    const page = await get(`/inbox/e/${id}`, session);
    expect(await page.text()).toContain(`formaction="/inbox/e/${id}/compose#reply"`);
    const composed = await fetch(url(`/inbox/e/${id}/compose`), {
      method: "POST",
      headers: {
        origin: stack.url,
        cookie: session.join("; "),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ text: "Halo Kak", canned: "builtin:closing" }),
    });
    expect(composed.status).toBe(200);
    const closing = createTranslator().t("id", "shopper:canned.closing");
    expect(await composed.text()).toContain(`Halo Kak\n${closing}</textarea>`);
  });

  it("serves pages under a content security policy that allows only its own scripts and styles", async () => {
    const response = await get("/inbox/sign-in");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it("never redirects out of the inbox after a language change", async () => {
    const response = await post("/inbox/language", { lang: "th", back: "//evil.example/inbox" });
    expect(response.headers.get("location")).toBe("/inbox");
    expect(response.headers.getSetCookie().join()).toContain("inbox_lang=th");
  });

  it("refuses an oversized form with 413", async () => {
    const response = await post("/inbox/sign-in", { kind: "agent", credential: "x".repeat(100_000) });
    expect(response.status).toBe(413);
  });
});
