/** The goals table `npm run bench` ends with: each goal, the figure, its baseline from the same run, the ratio, met or not. */
import { fmt } from "./stats";

export interface GoalRow {
  /** What is measured, e.g. "API bundle loaded at cold start". */
  readonly what: string;
  /** The goal as written in the issue, e.g. "≤ 1024 KiB" or "≤ 1.5×". */
  readonly goal: string;
  readonly figure: string;
  /** The baseline's figure measured in the same run, when the goal is a ratio. */
  readonly baseline?: string;
  readonly ratio?: number;
  readonly met: boolean;
}

/** Sections hand their rows here; run.ts prints them last, so a regression shows at a glance. */
export const goals: GoalRow[] = [];

export function goalTable(rows: readonly GoalRow[]): string {
  const cells = rows.map((r) => [
    r.what,
    r.goal,
    r.figure,
    r.baseline ?? "",
    r.ratio === undefined ? "" : `${fmt(r.ratio, 2)}×`,
    r.met ? "yes" : "NO",
  ]);
  const head = ["goal", "target", "figure", "baseline (same run)", "ratio", "met"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
