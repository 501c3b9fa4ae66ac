import { describe, expect, it } from "vitest";
import { http, useLocalStack } from "../support/local-stack";

type List = { items: { id: string; title: string; language: string; text: string }[] };

describe("a shop's canned replies", () => {
  const stack = useLocalStack();
  const api = () => `${stack().url}/v1/canned-replies`;

  it("stores the set the seller puts, giving ids to new replies", async () => {
    const put = await http<List>(api(), {
      method: "PUT",
      token: stack().apiKey,
      body: { items: [{ title: "Thanks", language: "id", text: "Terima kasih, Kak {{shopper}}!" }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.items[0]?.id).toMatch(/^[\w-]+$/);
    const got = await http<List>(api(), { token: stack().apiKey });
    expect(got.body.items).toEqual(put.body.items);
  });

  it("refuses a language we do not ship and more than 100 replies, naming the field", async () => {
    const bad = await http<{ error: { code: string; details: { path: string }[] } }>(api(), {
      method: "PUT",
      token: stack().apiKey,
      body: { items: [{ title: "x", language: "xx", text: "y" }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toContain("items.0.language");
    const many = Array.from({ length: 101 }, (_, i) => ({ title: `t${i}`, language: "en", text: "x" }));
    expect((await http(api(), { method: "PUT", token: stack().apiKey, body: { items: many } })).status).toBe(
      400,
    );
  });

  it("refuses two replies with the same id, naming the second", async () => {
    const reply = { id: "thanks", title: "Thanks", language: "en", text: "Thank you!" };
    const res = await http<{ error: { code: string; details: { path: string }[] } }>(api(), {
      method: "PUT",
      token: stack().apiKey,
      body: { items: [reply, { ...reply, title: "Thanks again" }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toEqual(["items.1.id"]);
  });

  it("is the shop's alone: another key cannot read it", async () => {
    expect((await http(api(), { token: "sk_someone_else" })).status).toBe(401);
  });
});
