/** The seller's knowledge editor at /inbox/knowledge over HTTP: list, write, test, edit, delete, and who may. */
import { describe, expect, it } from "vitest";
import { ShopId } from "../../functions/domain/ids";
import { DEMO_SHOP_ID } from "../../functions/local/demo-data";
import { useLocalStack } from "../support/local-stack";

/** A cookie jar of one: what the app set, sent back the way a browser would. */
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => !c.endsWith("="));

describe("the seller's knowledge editor", () => {
  const stack = useLocalStack({ autoPoll: false });
  const url = (path: string) => `${stack().url}${path}`;
  const get = (path: string, cookies: string[]) =>
    fetch(url(path), { redirect: "manual", headers: { cookie: cookies.join("; ") } });
  const post = (
    path: string,
    form: [string, string][],
    cookies: string[],
    headers: Record<string, string> = { origin: stack().url },
  ) =>
    fetch(url(path), {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: cookies.join("; "),
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: new URLSearchParams(form),
    });
  const signIn = async (kind: "seller" | "agent", credential: string) =>
    cookiesOf(
      await post(
        "/inbox/sign-in",
        [
          ["kind", kind],
          ["credential", credential],
        ],
        [],
      ),
    );
  const seller = () => signIn("seller", stack().apiKey);
  const articleIds = async () =>
    (await stack().deps.knowledgeStore.listArticles(ShopId(DEMO_SHOP_ID), { limit: 100 })).items;

  it("lists the shop's articles with their language and markets, and links to write a new one", async () => {
    const page = await (await get("/inbox/knowledge", await seller())).text();
    expect(page).toContain("Returns and refunds");
    expect(page).toContain("Shipping to Malaysia");
    expect(page).toContain('href="/inbox/knowledge/returns-en/edit"');
    expect(page).toContain('href="/inbox/knowledge/new"');
    expect(page).toContain('href="/inbox/knowledge"');
  });

  it("saves a new article from the form, and the test box answers from it with the article as source", async () => {
    const cookies = await seller();
    const saved = await post(
      "/inbox/knowledge/new",
      [
        ["title", "Gift wrapping"],
        ["body", "We offer free gift wrapping on every order: tick the gift box at checkout."],
        ["language", "en"],
        ["markets", "SG"],
        ["markets", "MY"],
      ],
      cookies,
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/inbox/knowledge?done=saved");
    const article = (await articleIds()).find((a) => a.title === "Gift wrapping");
    expect(article).toMatchObject({ language: "en", markets: ["SG", "MY"] });
    expect(article?.id).toMatch(/^gift-wrapping-[0-9a-f]{6}$/);

    const answer = await post(
      "/inbox/knowledge/ask",
      [
        ["question", "Do you offer gift wrapping?"],
        ["market", "SG"],
      ],
      cookies,
    );
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).toContain("tick the gift box at checkout");
    expect(page).toContain(`<a href="/inbox/knowledge/${article?.id}/edit">Gift wrapping</a>`);
  });

  it("edits an article in place, and shows a refused edit again with what the seller typed", async () => {
    const cookies = await seller();
    const form = await (await get("/inbox/knowledge/returns-en/edit", cookies)).text();
    expect(form).toContain("Returns and refunds");
    expect(form).toContain("within 14 days of delivery");

    const tooLong = "x".repeat(201);
    const refused = await post(
      "/inbox/knowledge/returns-en/edit",
      [
        ["title", tooLong],
        ["body", "Kept as typed"],
        ["language", "en"],
      ],
      cookies,
    );
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toContain("at most 200 characters");
    expect(again).toContain("Kept as typed");

    const saved = await post(
      "/inbox/knowledge/returns-en/edit",
      [
        ["title", "Returns within 30 days"],
        ["body", "You can return any item within 30 days of delivery."],
        ["language", "en"],
      ],
      cookies,
    );
    expect(saved.status).toBe(303);
    const article = await stack().deps.knowledgeStore.getArticle(ShopId(DEMO_SHOP_ID), "returns-en");
    expect(article).toMatchObject({ title: "Returns within 30 days" });
    expect(article?.markets).toBeUndefined();
  });

  it("deletes an article only through the confirmation's post", async () => {
    const cookies = await seller();
    const confirm = await get("/inbox/knowledge/shipping-ph/delete", cookies);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('action="/inbox/knowledge/shipping-ph/delete"');
    expect((await articleIds()).some((a) => a.id === "shipping-ph")).toBe(true);

    const deleted = await post("/inbox/knowledge/shipping-ph/delete", [], cookies);
    expect(deleted.headers.get("location")).toBe("/inbox/knowledge?done=deleted");
    expect((await articleIds()).some((a) => a.id === "shipping-ph")).toBe(false);
  });

  it("prefills the new-article form from the query string (the unanswered questions report's link)", async () => {
    const query = new URLSearchParams({
      title: "Do you ship to Brunei?",
      body: "Shoppers asked:\n- Do you ship to Brunei?",
      language: "ms",
    });
    const page = await (await get(`/inbox/knowledge/new?${query}`, await seller())).text();
    expect(page).toContain('value="Do you ship to Brunei?"');
    expect(page).toContain("Shoppers asked:\n- Do you ship to Brunei?</textarea>");
    expect(page).toMatch(/<option value="ms" selected="">/);
  });

  it("refuses a post from another site (CSRF) and changes nothing", async () => {
    const cookies = await seller();
    const response = await post("/inbox/knowledge/returns-id/delete", [], cookies, {
      origin: "https://evil.example",
    });
    expect(response.status).toBe(403);
    expect((await articleIds()).some((a) => a.id === "returns-id")).toBe(true);
  });

  it("is a seller's page: an agent signed in is refused", async () => {
    const agent = await signIn("agent", stack().agentTokens.sea);
    expect(agent.length).toBeGreaterThan(0);
    expect((await get("/inbox/knowledge", agent)).status).toBe(403);
    expect((await get("/inbox/knowledge/new", agent)).status).toBe(403);
    expect((await post("/inbox/knowledge/returns-id/delete", [], agent)).status).toBe(403);
    expect((await articleIds()).some((a) => a.id === "returns-id")).toBe(true);
  });
});
