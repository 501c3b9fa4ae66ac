import { describe, expect, it } from "vitest";
import { INBOX_CLIENT_JS, SHORTCUTS } from "../../functions/http/web/assets";

describe("the keyboard shortcuts list", () => {
  it("lists every key the page's script answers", () => {
    const handled = [...INBOX_CLIENT_JS.matchAll(/case "(.)":/g)].map((m) => m[1]);
    expect(handled.length).toBeGreaterThan(5);
    const listed = SHORTCUTS.map((s) => s.keys.join("+"));
    for (const key of handled) expect(listed, key).toContain(key);
    // Ctrl (or ⌘) + Enter sends the form being written.
    expect(INBOX_CLIENT_JS).toContain('(event.ctrlKey || event.metaKey) && event.key === "Enter"');
    expect(listed).toContain("Ctrl/⌘+Enter");
  });
});
