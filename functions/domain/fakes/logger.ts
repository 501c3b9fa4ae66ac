/** A logger that keeps every entry, so a test can check what was logged (and that nothing private was). */
import type { Logger } from "../ports";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface RecordingLogger extends Logger {
  readonly entries: readonly LogEntry[];
  /** Every entry as one JSON string, for "this text never appears in the logs" checks. */
  text(): string;
}

/** A Logger that records entries in memory instead of writing them anywhere. */
export function createRecordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at =
    (level: LogLevel) =>
    (message: string, attributes: Readonly<Record<string, unknown>> = {}) => {
      entries.push({ level, message, attributes: structuredClone(attributes) });
    };
  return {
    entries,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    text: () => JSON.stringify(entries),
  };
}
