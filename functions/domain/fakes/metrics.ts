/** Metrics kept in memory, so a test can read what a dashboard would have counted. */
import type { Metrics } from "../ports";

export interface MetricPoint {
  readonly kind: "count" | "milliseconds";
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface RecordingMetrics extends Metrics {
  readonly points: readonly MetricPoint[];
  /** The sum of a metric's values over the points whose dimensions include `dimensions`. */
  total(name: string, dimensions?: Readonly<Record<string, string>>): number;
}

/** A Metrics port that records every point in memory. */
export function createRecordingMetrics(): RecordingMetrics {
  const points: MetricPoint[] = [];
  return {
    points,
    count: (name, dimensions, value = 1) => {
      points.push({ kind: "count", name, dimensions: { ...dimensions }, value });
    },
    milliseconds: (name, dimensions, value) => {
      points.push({ kind: "milliseconds", name, dimensions: { ...dimensions }, value });
    },
    total: (name, dimensions = {}) =>
      points
        .filter((p) => p.name === name && Object.entries(dimensions).every(([k, v]) => p.dimensions[k] === v))
        .reduce((sum, p) => sum + p.value, 0),
  };
}
