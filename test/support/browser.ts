/** Headless Debian Chromium driven by playwright-core, with a fresh profile and no background network traffic. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Chromium's own flags: no sandbox (CI runs as root), no GPU, and nothing that phones home on a closed network. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const SCREENSHOTS = join(import.meta.dirname, "../../test-results/screenshots");

export interface Browser {
  /** A new browser profile (its own cookies: one signed-in person each) and its first tab. */
  newPage(options?: { locale?: string; timezoneId?: string }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(EXECUTABLE))
    throw new Error(
      `Chromium is not installed at ${EXECUTABLE}: run "bash scripts/setup-browser.sh" (Debian's chromium package).`,
    );
  await mkdir(SCREENSHOTS, { recursive: true });
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  const open = async (locale = "en-US", timezoneId?: string) => {
    const profile = await mkdtemp(join(tmpdir(), "inbox-e2e-"));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: EXECUTABLE,
      headless: true,
      args: FLAGS,
      locale,
      ...(timezoneId ? { timezoneId } : {}),
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    return context;
  };
  return {
    async newPage(options = {}) {
      const c = await open(options.locale, options.timezoneId);
      return c.pages()[0] ?? c.newPage();
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      await Promise.all(profiles.map((p) => rm(p, { recursive: true, force: true })));
    },
  };
}

/** Saves a full-page screenshot under test-results/screenshots for review. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and returns what it found, serious and critical first. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: our CSP rightly refuses injected <script> tags.
  await page.evaluate(
    await readFile(join(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8"),
  );
  const violations = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations)",
  )) as AxeViolation[];
  return violations.map(
    (v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
