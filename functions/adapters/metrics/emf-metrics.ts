/** Metrics as CloudWatch Embedded Metric Format through Powertools (R10); each metric is emitted with its own dimensions. */
import { Metrics as PowertoolsMetrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Metrics } from "../../domain/ports";

export function createEmfMetrics(namespace = "SupportBackend", serviceName = "support-backend"): Metrics {
  const metrics = new PowertoolsMetrics({ namespace, serviceName });
  const emit = (
    name: string,
    dimensions: Readonly<Record<string, string>>,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    value: number,
  ) => {
    const single = metrics.singleMetric();
    for (const [k, v] of Object.entries(dimensions)) single.addDimension(k, v);
    single.addMetric(name, unit, value);
  };
  return {
    count: (name, dimensions, value = 1) => emit(name, dimensions, MetricUnit.Count, value),
    milliseconds: (name, dimensions, value) => emit(name, dimensions, MetricUnit.Milliseconds, value),
  };
}

/** Locally and in tests there is no CloudWatch to read EMF lines, so nothing is printed. */
export const noMetrics: Metrics = { count: () => undefined, milliseconds: () => undefined };
