import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const rules = require("../../.dependency-cruiser.cjs") as { forbidden: unknown[] };

async function violationsIn(root: string, files: Record<string, string>): Promise<string[]> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(["functions"], {
      validate: true,
      ruleSet: { forbidden: rules.forbidden } as never,
      tsPreCompilationDeps: true,
    });
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  } finally {
    process.chdir(cwd);
  }
}

describe("the architecture rules (.dependency-cruiser.cjs, run by npm run lint)", () => {
  const roots: string[] = [];
  const tree = async () => {
    const root = await mkdtemp(join(tmpdir(), "layers-"));
    roots.push(root);
    return root;
  };
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  });

  it("refuse a domain module that imports the HTTP layer", async () => {
    const found = await violationsIn(await tree(), {
      "functions/domain/policy.ts": 'import { app } from "../http/app";\nexport const p = app;\n',
      "functions/http/app.ts": "export const app = 1;\n",
    });
    expect(found).toContain("domain-imports-only-itself: functions/domain/policy.ts → functions/http/app.ts");
  });

  it("refuse a cycle between two modules", async () => {
    const found = await violationsIn(await tree(), {
      "functions/domain/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
      "functions/domain/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
    });
    expect(found.some((v) => v.startsWith("no-cycles:"))).toBe(true);
  });

  it("refuse Lambda code that reaches the in-memory fakes", async () => {
    const found = await violationsIn(await tree(), {
      "functions/handlers/api.ts": 'import { f } from "../domain/fakes/clock";\nexport const h = f;\n',
      "functions/domain/fakes/clock.ts": "export const f = 1;\n",
    });
    expect(found).toContain(
      "fakes-only-from-tests-and-local: functions/handlers/api.ts → functions/domain/fakes/clock.ts",
    );
  });

  it("let the local stack use the in-memory fakes", async () => {
    const found = await violationsIn(await tree(), {
      "functions/local/start.ts": 'import { f } from "../domain/fakes/clock";\nexport const s = f;\n',
      "functions/domain/fakes/clock.ts": "export const f = 1;\n",
    });
    expect(found).toEqual([]);
  });

  it("let the composition root import the HTTP layer", async () => {
    const found = await violationsIn(await tree(), {
      "functions/config/deps.ts": 'import { app } from "../http/app";\nexport const d = app;\n',
      "functions/http/app.ts": "export const app = 1;\n",
    });
    expect(found).toEqual([]);
  });
});
